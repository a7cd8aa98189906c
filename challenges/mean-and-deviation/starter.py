def main():
    n = int(input())
    values = [float(x) for x in input().split()[:n]]
    # Print the mean, then the population standard deviation.


main()
