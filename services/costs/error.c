/* Errors carry the field at fault and a sentence, so that the service can
 * answer with a Status a person can act on. */
#include "fcavtal/costs/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

fc_status_t cst_error_set(cst_error_t *err, fc_status_t code, const char *field, const char *fmt,
                          ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

fc_status_t cst_error_oom(cst_error_t *err)
{
    return cst_error_set(err, FC_RESOURCE_EXHAUSTED, NULL, "out of memory");
}
