/* Logging to stderr, one line per call. The level is checked before any
 * formatting happens; control characters in the text are escaped. */
#ifndef FCAVTAL_LOG_H
#define FCAVTAL_LOG_H

#include <stddef.h>

typedef enum { FC_LOG_ERROR = 0, FC_LOG_WARN, FC_LOG_INFO, FC_LOG_DEBUG } fc_log_level_t;

extern fc_log_level_t fc_log_threshold;

/* Sets the threshold from "error", "warn", "info" or "debug"; -1 if unknown. */
int fc_log_set_level(const char *name);
void fc_log_write(fc_log_level_t level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Copies `in` to `out` (size bytes, NUL-terminated) with newline, carriage
 * return, tab and backslash written as \n \r \t \\ and other control bytes
 * as \xNN; stops early rather than overflow. Returns the length written. */
size_t fc_log_escape(const char *in, char *out, size_t size);

#define FC_LOG(level, ...) \
    do { if ((level) <= fc_log_threshold) fc_log_write((level), __VA_ARGS__); } while (0)
#define fc_error(...) FC_LOG(FC_LOG_ERROR, __VA_ARGS__)
#define fc_warn(...)  FC_LOG(FC_LOG_WARN, __VA_ARGS__)
#define fc_info(...)  FC_LOG(FC_LOG_INFO, __VA_ARGS__)
#define fc_debug(...) FC_LOG(FC_LOG_DEBUG, __VA_ARGS__)

#endif
