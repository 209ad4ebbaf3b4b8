#include "fcavtal/text.h"

#include <stdio.h>
#include <stdlib.h>

char *fc_vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *text = len < 0 ? NULL : malloc((size_t)len + 1);
    if (text)
        vsnprintf(text, (size_t)len + 1, fmt, again);
    va_end(again);
    return text;
}

char *fc_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = fc_vformat(fmt, ap);
    va_end(ap);
    return text;
}
