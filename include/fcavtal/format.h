/* printf for the conversions the business texts use: %s, %d, %u, %ld, %lu,
 * %lld, %llu, %zu, zero-padded and space-padded widths, %%. glibc's
 * vsnprintf parses each format again on every call and copies its literal
 * text a byte at a time: for the deadline engine's keys and reasons, and the
 * costs engine's explanations, that was 40 % and half of their time. Both
 * give the same bytes as vsnprintf (tests/costs/test_text.c,
 * tests/domain/test_format.c). */
#ifndef FCAVTAL_FORMAT_H
#define FCAVTAL_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Where fc_format_fast writes: n bytes of s (not NUL-terminated). */
typedef void (*fc_put_fn)(void *sink, const char *s, size_t n);

/* Writes fmt with *ap through put. false at a conversion it does not write,
 * having written part of the text: the caller starts again with vsnprintf
 * on a copy of the arguments. */
bool fc_format_fast(fc_put_fn put, void *sink, const char *fmt, va_list *ap);

/* Like vsnprintf and snprintf (the same result and truncation), through
 * the fast path when it can. */
int fc_vsnformat(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int fc_snformat(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
