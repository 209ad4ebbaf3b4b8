/* Logging: one self-contained line per call on stderr, so that lines from
 * several threads never interleave and collectors can parse them. */
#include "fcavtal/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>

fc_log_level_t fc_log_threshold = FC_LOG_INFO;

static const char *const level_names[] = {"ERROR", "WARN", "INFO", "DEBUG"};

int fc_log_set_level(const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = FC_LOG_ERROR; i <= FC_LOG_DEBUG; i++) {
        if (strcasecmp(name, level_names[i]) == 0) {
            fc_log_threshold = (fc_log_level_t)i;
            return 0;
        }
    }
    return -1;
}

void fc_log_write(fc_log_level_t level, const char *fmt, ...)
{
    /* Direct callers get the same filtering as the macros. */
    if (level > fc_log_threshold || level < FC_LOG_ERROR)
        return;
    char stamp[32] = "0000-00-00T00:00:00Z";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm) != NULL)
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    va_list ap;
    va_start(ap, fmt);
    /* The stream lock keeps the three writes one line. */
    flockfile(stderr);
    fprintf(stderr, "%s %s ", stamp, level_names[level]);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
    va_end(ap);
}
