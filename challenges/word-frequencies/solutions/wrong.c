#include <stdio.h>
#include <stdlib.h>

int main(void) {
    /* Bug: prints the number of lines instead of the words. */
    char line[256];
    if (!fgets(line, sizeof line, stdin)) return 0;
    printf("%d\n", atoi(line));
    return 0;
}
