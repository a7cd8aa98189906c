#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { char *word; int count; };

static int by_count_then_word(const void *a, const void *b) {
    const struct entry *x = a, *y = b;
    if (x->count != y->count) return y->count - x->count;
    return strcmp(x->word, y->word); /* byte order of UTF-8 is code-point order */
}

int main(void) {
    static char line[1 << 16];
    if (!fgets(line, sizeof line, stdin)) return 0;
    int n = atoi(line);
    struct entry *entries = NULL;
    size_t used = 0, size = 0;
    for (int i = 0; i < n && fgets(line, sizeof line, stdin); i++) {
        for (char *word = strtok(line, " \t\r\n"); word; word = strtok(NULL, " \t\r\n")) {
            for (char *c = word; *c; c++) if (*c >= 'A' && *c <= 'Z') *c += 'a' - 'A';
            size_t k = 0;
            while (k < used && strcmp(entries[k].word, word) != 0) k++;
            if (k == used) {
                if (used == size) entries = realloc(entries, (size = size ? size * 2 : 64) * sizeof *entries);
                entries[used++] = (struct entry){strdup(word), 0};
            }
            entries[k].count++;
        }
    }
    qsort(entries, used, sizeof *entries, by_count_then_word);
    for (size_t k = 0; k < used; k++) printf("%s %d\n", entries[k].word, entries[k].count);
    return 0;
}
