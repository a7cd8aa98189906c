#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

bool isValid(char* s) {
    size_t n = strlen(s), top = 0;
    char* stack = malloc(n + 1);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        char c = s[i];
        if (c == '(' || c == '[' || c == '{') stack[top++] = c;
        else if (c == ')' || c == ']' || c == '}') {
            char open = c == ')' ? '(' : c == ']' ? '[' : '{';
            ok = top > 0 && stack[--top] == open;
        }
    }
    ok = ok && top == 0;
    free(stack);
    return ok;
}
