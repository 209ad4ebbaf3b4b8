#include "text.h"
#include "fcavtal/format.h"
#include "fcavtal/text.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool cst__text_open(cst__text_t *t)
{
    *t = (cst__text_t){0};
    t->cap = 128;
    t->buf = malloc(t->cap);
    if (t->buf == NULL)
        return false;
    t->buf[0] = '\0';
    return true;
}

/* Room for n more bytes and the NUL. */
static bool reserve(cst__text_t *t, size_t n)
{
    if (t->failed || t->buf == NULL) {
        t->failed = true;   /* never opened, or its opening failed */
        return false;
    }
    if (t->len + n < t->cap)
        return true;
    size_t cap = t->cap;
    while (t->len + n >= cap)
        cap *= 2;
    char *grown = realloc(t->buf, cap);
    if (grown == NULL) {
        t->failed = true;
        return false;
    }
    t->buf = grown;
    t->cap = cap;
    return true;
}

/* cst__text_t as a sink for fc_format_fast. */
static void put_text(void *sink, const char *s, size_t n)
{
    cst__text_put(sink, s, n);
}

void cst__text_add(cst__text_t *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    size_t mark = t->len;
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    bool done = fc_format_fast(put_text, t, fmt, &ap);
    va_end(ap);
    if (done || t->failed) {
        va_end(again);
        return;
    }
    t->len = mark; /* what fast_add wrote is written again below */
    va_list third;
    va_copy(third, again);
    int n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, again);
    va_end(again);
    if (n < 0) {
        t->failed = true;
    } else if ((size_t)n >= t->cap - t->len) {
        if (reserve(t, (size_t)n)) {
            vsnprintf(t->buf + t->len, t->cap - t->len, fmt, third);
            t->len += (size_t)n;
        }
    } else {
        t->len += (size_t)n;
    }
    va_end(third);
}

void cst__text_put(cst__text_t *t, const char *s, size_t n)
{
    if (!reserve(t, n))
        return;
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

bool cst__text_close(cst__text_t *t, char **out, size_t *len)
{
    if (t->failed || t->buf == NULL) {
        free(t->buf);
        *t = (cst__text_t){0};
        *out = NULL;
        return false;
    }
    *out = t->buf;
    if (len)
        *len = t->len;
    *t = (cst__text_t){0};
    return true;
}

void cst__text_reset(cst__text_t *t)
{
    if (t->buf == NULL)
        return;   /* never opened: every add fails */
    t->len = 0;
    t->buf[0] = '\0';
    t->failed = false;
}

void cst__text_discard(cst__text_t *t)
{
    free(t->buf);
    *t = (cst__text_t){0};
}

char *cst__strdup(const char *s)
{
    return strdup(s ? s : "");
}

