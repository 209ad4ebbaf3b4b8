/* Owned text built with printf, on open_memstream: the libc's own growable
 * buffer, so there is no hand-written one to get wrong. */
#ifndef CST_TEXT_H
#define CST_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    FILE *f;
    char *buf;
    size_t len;
} cst__text_t;

/* false when out of memory. */
bool cst__text_open(cst__text_t *t);
void cst__text_add(cst__text_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cst__text_put(cst__text_t *t, const char *s, size_t n);
/* Hands the text to *out (owned, NUL-terminated) and its length to *len
 * (may be NULL). false, with *out NULL, when any write failed. */
bool cst__text_close(cst__text_t *t, char **out, size_t *len);
/* Drops the text (on an error path). */
void cst__text_discard(cst__text_t *t);

/* An owned copy of s (NULL: ""); NULL when out of memory. */
char *cst__strdup(const char *s);
/* An owned formatted string; NULL when out of memory. */
char *cst__strprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
