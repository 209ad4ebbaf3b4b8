/* Text that outlives the call that made it. */
#ifndef FCAVTAL_TEXT_H
#define FCAVTAL_TEXT_H

#include <stdarg.h>

/* A malloc'd string formatted like vsnprintf (NULL when out of memory or on
 * a format error). vasprintf would do, but it is a GNU extension. */
char *fc_vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
char *fc_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
