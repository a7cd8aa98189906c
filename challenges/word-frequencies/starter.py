import sys


def main():
    lines = sys.stdin.read().split("\n")
    # Print each word and how often it occurs, most frequent first.


main()
