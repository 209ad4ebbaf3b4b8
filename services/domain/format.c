/* A printf for the few conversions the business texts use (format.h). */
#include "fcavtal/format.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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

static void put_padded(fc_put_fn put, void *sink, const char *digits, size_t n, bool negative,
                       const spec_t *s)
{
    size_t body = n + (negative ? 1 : 0);
    size_t pad = s->width > body ? s->width - body : 0;
    char fill = s->zero ? '0' : ' ';
    if (!s->zero)
        for (size_t i = 0; i < pad; i++)
            put(sink, &fill, 1);
    if (negative)
        put(sink, "-", 1);
    if (s->zero)
        for (size_t i = 0; i < pad; i++)
            put(sink, &fill, 1);
    put(sink, digits, n);
}

static void put_integer(fc_put_fn put, void *sink, const spec_t *s, va_list *ap)
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
    put_padded(put, sink, buf + n, sizeof buf - n, negative, s);
}

bool fc_format_fast(fc_put_fn put, void *sink, const char *fmt, va_list *ap)
{
    for (const char *p = fmt; *p;) {
        const char *pc = strchr(p, '%');
        size_t lit = pc ? (size_t)(pc - p) : strlen(p);
        if (lit)
            put(sink, p, lit);
        if (!pc)
            return true;
        spec_t s;
        if (!parse_spec(pc, &s))
            return false;
        if (s.conv == '%') {
            put(sink, "%", 1);
        } else if (s.conv == 's') {
            const char *str = va_arg(*ap, const char *);
            if (str == NULL)
                str = "(null)"; /* as glibc prints it */
            size_t n = strlen(str);
            if (s.width > n) /* right-justified, as printf does */
                put_padded(put, sink, "", 0, false, &(spec_t){.width = (unsigned)(s.width - n)});
            put(sink, str, n);
        } else {
            put_integer(put, sink, &s, ap);
        }
        p = pc + s.size;
    }
    return true;
}

typedef struct {
    char *buf;
    size_t size, len; /* len counts what did not fit too, as vsnprintf's result */
} bounded_t;

static void put_bounded(void *sink, const char *s, size_t n)
{
    bounded_t *b = sink;
    if (b->len < b->size - 1) {
        size_t room = b->size - 1 - b->len;
        memcpy(b->buf + b->len, s, n < room ? n : room);
    }
    b->len += n;
}

int fc_vsnformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (size == 0)
        return vsnprintf(buf, size, fmt, ap);
    va_list fast, again;
    va_copy(fast, ap);
    va_copy(again, ap);
    bounded_t b = {buf, size, 0};
    int n;
    if (fc_format_fast(put_bounded, &b, fmt, &fast)) {
        buf[b.len < size - 1 ? b.len : size - 1] = '\0';
        n = b.len > INT_MAX ? -1 : (int)b.len;
    } else {
        n = vsnprintf(buf, size, fmt, again);   /* a conversion the fast path does not write */
    }
    va_end(fast);
    va_end(again);
    return n;
}

int fc_snformat(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fc_vsnformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
