/* A growable byte buffer with a hard limit: every output of the engine is
 * written through one, so no template or data can make a rendering grow
 * without bound. */
#ifndef RND_BUFFER_H
#define RND_BUFFER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *data;        /* NUL-terminated while ok */
    size_t len, cap;
    size_t limit;      /* len never exceeds it */
    bool over_limit;   /* a write would have passed the limit */
    bool out_of_memory;
} rnd__buf_t;

void rnd__buf_init(rnd__buf_t *b, size_t limit);
void rnd__buf_free(rnd__buf_t *b);
/* Each returns false (and records why) once the buffer has failed. */
bool rnd__buf_put(rnd__buf_t *b, const void *bytes, size_t n);
bool rnd__buf_puts(rnd__buf_t *b, const char *s);
bool rnd__buf_putc(rnd__buf_t *b, char c);
bool rnd__buf_printf(rnd__buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool rnd__buf_ok(const rnd__buf_t *b);
/* Hands the bytes to the caller (who frees them) and empties b. */
char *rnd__buf_take(rnd__buf_t *b, size_t *len);

#endif
