import re
import sys
from collections import Counter

ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def main():
    lines = sys.stdin.read().split("\n")
    n = int(lines[0])
    counts = Counter(word.translate(ASCII_LOWER) for line in lines[1 : n + 1] for word in re.split("[ \t\r]+", line) if word)
    for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(word, count)


main()
