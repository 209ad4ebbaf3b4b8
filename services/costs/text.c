#include "text.h"

#include <stdarg.h>
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
    if (t->failed)
        return false;
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

void cst__text_add(cst__text_t *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = t->failed ? -1 : vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (n < 0) {
        t->failed = true;
        return;
    }
    if ((size_t)n >= t->cap - t->len) {
        if (!reserve(t, (size_t)n))
            return;
        va_start(ap, fmt);
        vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
    }
    t->len += (size_t)n;
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

void cst__text_discard(cst__text_t *t)
{
    free(t->buf);
    *t = (cst__text_t){0};
}

char *cst__strdup(const char *s)
{
    return strdup(s ? s : "");
}

char *cst__strprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}
