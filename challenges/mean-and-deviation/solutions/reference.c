#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    double *values = malloc(sizeof(double) * n);
    double mean = 0, squares = 0;
    for (int i = 0; i < n; i++) {
        if (scanf("%lf", &values[i]) != 1) return 1;
        mean += values[i];
    }
    mean /= n;
    for (int i = 0; i < n; i++) squares += (values[i] - mean) * (values[i] - mean);
    printf("%.9f\n%.9f\n", mean, sqrt(squares / n));
    return 0;
}
