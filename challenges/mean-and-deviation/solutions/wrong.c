#include <stdio.h>

int main(void) {
    int n;
    double v, sum = 0;
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n; i++) {
        if (scanf("%lf", &v) != 1) return 1;
        sum += v;
    }
    /* Bug: the integer part of the mean only, and no deviation. */
    printf("%d\n", (int)(sum / n));
    return 0;
}
