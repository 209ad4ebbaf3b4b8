#include "text.h"
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

/* The engine's texts use a handful of conversions (%s, %d, %u, %zu, %llu,
 * %lld, zero-padded widths, %%). glibc's vsnprintf spends most of a yearly
 * run parsing those same formats again for every segment, so they are
 * written here directly; anything else goes to vsnprintf. Both give the
 * same bytes (tests/costs/test_text.c holds them to it). */
typedef enum { LEN_INT, LEN_LONG, LEN_LLONG, LEN_SIZE } len_t;

typedef struct {
    bool zero;
    unsigned width;
    len_t len;
    char conv;
    size_t size; /* bytes of the directive */
} spec_t;

static bool parse_spec(const char *p, spec_t *s)
{
    const char *start = p++;
    *s = (spec_t){0};
    if (*p == '%') {
        s->conv = '%';
        s->size = 2;
        return true;
    }
    if (*p == '0') {
        s->zero = true;
        p++;
    }
    while (*p >= '0' && *p <= '9' && s->width < 64)
        s->width = s->width * 10 + (unsigned)(*p++ - '0');
    if (*p == 'z') {
        s->len = LEN_SIZE;
        p++;
    } else if (p[0] == 'l' && p[1] == 'l') {
        s->len = LEN_LLONG;
        p += 2;
    } else if (*p == 'l') {
        s->len = LEN_LONG;
        p++;
    }
    if (*p != 's' && *p != 'd' && *p != 'u')
        return false;
    if (*p == 's' && (s->zero || s->len != LEN_INT))
        return false;
    s->conv = *p;
    s->size = (size_t)(p + 1 - start);
    return true;
}

static void put_padded(cst__text_t *t, const char *digits, size_t n, bool negative,
                       const spec_t *s)
{
    size_t body = n + (negative ? 1 : 0);
    size_t pad = s->width > body ? s->width - body : 0;
    char fill = s->zero ? '0' : ' ';
    if (!s->zero)
        for (size_t i = 0; i < pad; i++)
            cst__text_put(t, &fill, 1);
    if (negative)
        cst__text_put(t, "-", 1);
    if (s->zero)
        for (size_t i = 0; i < pad; i++)
            cst__text_put(t, &fill, 1);
    cst__text_put(t, digits, n);
}

static void put_integer(cst__text_t *t, const spec_t *s, va_list *ap)
{
    unsigned long long mag;
    bool negative = false;
    if (s->conv == 'd') {
        long long v = s->len == LEN_LLONG ? va_arg(*ap, long long)
                      : s->len == LEN_LONG ? va_arg(*ap, long)
                      : s->len == LEN_SIZE ? (long long)va_arg(*ap, size_t)
                                           : va_arg(*ap, int);
        negative = v < 0;
        mag = negative ? 0ull - (unsigned long long)v : (unsigned long long)v;
    } else {
        mag = s->len == LEN_LLONG ? va_arg(*ap, unsigned long long)
              : s->len == LEN_LONG ? va_arg(*ap, unsigned long)
              : s->len == LEN_SIZE ? va_arg(*ap, size_t)
                                   : va_arg(*ap, unsigned);
    }
    char buf[24];
    size_t n = sizeof buf;
    do {
        buf[--n] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag);
    put_padded(t, buf + n, sizeof buf - n, negative, s);
}

/* false at a conversion it does not write (the caller starts again with
 * vsnprintf). */
static bool fast_add(cst__text_t *t, const char *fmt, va_list *ap)
{
    for (const char *p = fmt; *p;) {
        const char *pc = strchr(p, '%');
        size_t lit = pc ? (size_t)(pc - p) : strlen(p);
        if (lit)
            cst__text_put(t, p, lit);
        if (!pc)
            return true;
        spec_t s;
        if (!parse_spec(pc, &s))
            return false;
        if (s.conv == '%') {
            cst__text_put(t, "%", 1);
        } else if (s.conv == 's') {
            const char *str = va_arg(*ap, const char *);
            if (str == NULL)
                str = "(null)"; /* as glibc prints it */
            size_t n = strlen(str);
            if (s.width > n) /* right-justified, as printf does */
                put_padded(t, "", 0, false, &(spec_t){.width = (unsigned)(s.width - n)});
            cst__text_put(t, str, n);
        } else {
            put_integer(t, &s, ap);
        }
        p = pc + s.size;
    }
    return true;
}

void cst__text_add(cst__text_t *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    size_t mark = t->len;
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    bool done = fast_add(t, fmt, &ap);
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
    if (t->buf == NULL) {
        cst__text_open(t);   /* on failure buf stays NULL and the next add fails */
        t->failed = t->buf == NULL;
        return;
    }
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

