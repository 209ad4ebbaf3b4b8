/* The bounded output buffer (buffer.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"

void rnd__buf_init(rnd__buf_t *b, size_t limit)
{
    memset(b, 0, sizeof *b);
    b->limit = limit;
}

void rnd__buf_free(rnd__buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

bool rnd__buf_ok(const rnd__buf_t *b)
{
    return !b->over_limit && !b->out_of_memory;
}

static bool reserve(rnd__buf_t *b, size_t n)
{
    if (!rnd__buf_ok(b))
        return false;
    if (n > b->limit - b->len) {
        b->over_limit = true;
        return false;
    }
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *data = realloc(b->data, cap);
    if (!data) {
        b->out_of_memory = true;
        return false;
    }
    b->data = data;
    b->cap = cap;
    return true;
}

bool rnd__buf_put(rnd__buf_t *b, const void *bytes, size_t n)
{
    if (!reserve(b, n))
        return false;
    if (n)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool rnd__buf_puts(rnd__buf_t *b, const char *s)
{
    return rnd__buf_put(b, s, strlen(s));
}

bool rnd__buf_putc(rnd__buf_t *b, char c)
{
    return rnd__buf_put(b, &c, 1);
}

bool rnd__buf_printf(rnd__buf_t *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof small)
        return rnd__buf_put(b, small, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->out_of_memory = true;
        return false;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    bool ok = rnd__buf_put(b, big, (size_t)n);
    free(big);
    return ok;
}

char *rnd__buf_take(rnd__buf_t *b, size_t *len)
{
    /* Nothing was put: still a string, an empty one (an empty heading's
     * outline entry is one). */
    if (!b->data) {
        if (!reserve(b, 0))
            return NULL;
        b->data[0] = '\0';
    }
    char *data = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return data;
}
