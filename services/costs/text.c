#include "text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

bool cst__text_open(cst__text_t *t)
{
    t->buf = NULL;
    t->len = 0;
    t->f = open_memstream(&t->buf, &t->len);
    return t->f != NULL;
}

void cst__text_add(cst__text_t *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(t->f, fmt, ap);
    va_end(ap);
}

void cst__text_put(cst__text_t *t, const char *s, size_t n)
{
    fwrite(s, 1, n, t->f);
}

bool cst__text_close(cst__text_t *t, char **out, size_t *len)
{
    /* ferror catches a failed growth in any earlier write. */
    bool ok = !ferror(t->f);
    if (fclose(t->f) != 0)
        ok = false;
    t->f = NULL;
    if (!ok) {
        free(t->buf);
        t->buf = NULL;
        *out = NULL;
        return false;
    }
    *out = t->buf;
    if (len)
        *len = t->len;
    t->buf = NULL;
    return true;
}

void cst__text_discard(cst__text_t *t)
{
    if (t->f)
        fclose(t->f);
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
