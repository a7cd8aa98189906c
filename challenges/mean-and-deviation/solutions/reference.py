import math


def main():
    n = int(input())
    values = [float(x) for x in input().split()[:n]]
    mean = sum(values) / n
    deviation = math.sqrt(sum((v - mean) ** 2 for v in values) / n)
    print(mean)
    print(deviation)


main()
