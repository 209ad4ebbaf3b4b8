/* Owned text built with printf into a growable buffer. open_memstream did
 * this before, but a yearly run writes a million short texts (a fraction
 * per member, an explanation per segment), and opening and closing a FILE
 * for each one cost more than the whole allocation: vsnprintf into a
 * buffer that doubles is a third of the time (docs/performance.md). */
#ifndef CST_TEXT_H
#define CST_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    char *buf;
    size_t len;
    size_t cap;
    bool failed; /* a growth failed: close reports it */
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
/* Empties an open text, keeping its buffer for the next one; a failed
 * growth is forgotten. */
void cst__text_reset(cst__text_t *t);

/* An owned copy of s (NULL: ""); NULL when out of memory. */
char *cst__strdup(const char *s);

#endif
