#include <stdio.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    /* Print the mean, then the population standard deviation. */
    return 0;
}
