#include <stdio.h>

int main(void) {
    char line[1 << 16];
    if (!fgets(line, sizeof line, stdin)) return 0;
    /* Print each word and how often it occurs, most frequent first. */
    return 0;
}
