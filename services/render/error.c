/* rnd_error_t: a message for people, and the list of what is missing. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

void rnd_error_reset(rnd_error_t *err)
{
    if (!err)
        return;
    for (size_t i = 0; i < err->missing_count; i++)
        free(err->missing[i]);
    free(err->missing);
    memset(err, 0, sizeof *err);
}

fc_status_t rnd__fail(rnd_error_t *err, fc_status_t code, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

bool rnd__error_add_missing(rnd_error_t *err, const char *entry)
{
    if (!err)
        return true;
    char **list = realloc(err->missing, (err->missing_count + 1) * sizeof *list);
    if (!list)
        return false;
    err->missing = list;
    char *copy = strdup(entry);
    if (!copy)
        return false;
    err->missing[err->missing_count++] = copy;
    return true;
}
