#include <stdbool.h>

/* Bug: counts each bracket type separately and ignores the order they close in. */
bool isValid(char* s) {
    int round = 0, square = 0, curly = 0;
    for (; *s; s++) {
        if (*s == '(') round++;
        if (*s == ')' && --round < 0) return false;
        if (*s == '[') square++;
        if (*s == ']' && --square < 0) return false;
        if (*s == '{') curly++;
        if (*s == '}' && --curly < 0) return false;
    }
    return round == 0 && square == 0 && curly == 0;
}
