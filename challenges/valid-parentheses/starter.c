#include <stdbool.h>

/* Return true when every bracket in s is closed by the same type, in the right order. */
bool isValid(char* s) {
    return false;
}
