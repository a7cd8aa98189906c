#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char** fizzBuzz(int n, int* returnSize) {
    char** out = malloc(sizeof(char*) * (n > 0 ? n : 1));
    for (int i = 1; i <= n; i++) {
        char buf[16];
        if (i % 15 == 0) strcpy(buf, "FizzBuzz");
        else if (i % 3 == 0) strcpy(buf, "Fizz");
        else if (i % 5 == 0) strcpy(buf, "Buzz");
        else snprintf(buf, sizeof buf, "%d", i);
        out[i - 1] = strdup(buf);
    }
    *returnSize = n;
    return out;
}
