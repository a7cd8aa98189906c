import math


def main():
    n = int(input())
    values = [float(x) for x in input().split()[:n]]
    mean = sum(values) / n
    # Bug: the sample deviation (n - 1) instead of the population one.
    deviation = math.sqrt(sum((v - mean) ** 2 for v in values) / max(1, n - 1))
    print(mean)
    print(deviation)


main()
