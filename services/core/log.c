/* Logging: one self-contained line per call on stderr, so that lines from
 * several threads never interleave and collectors can parse them. Text from
 * clients ends up in log lines (names, request ids), so control characters
 * are escaped: a newline in a field can never forge a second line. */
#include "fcavtal/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define LOG_LINE_MAX 2048

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

size_t fc_log_escape(const char *in, char *out, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;
    if (size == 0)
        return 0;
    for (const unsigned char *s = (const unsigned char *)in; *s; s++) {
        char esc[5] = { 0 };
        size_t len = 1;
        if (*s == '\n' || *s == '\r' || *s == '\t' || *s == '\\') {
            esc[0] = '\\';
            esc[1] = *s == '\n' ? 'n' : *s == '\r' ? 'r' : *s == '\t' ? 't' : '\\';
            len = 2;
        } else if (*s < 0x20 || *s == 0x7f) {
            esc[0] = '\\', esc[1] = 'x', esc[2] = hex[*s >> 4], esc[3] = hex[*s & 15];
            len = 4;
        } else {
            esc[0] = (char)*s;
        }
        if (n + len >= size)
            break;
        memcpy(out + n, esc, len);
        n += len;
    }
    out[n] = '\0';
    return n;
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
    char text[LOG_LINE_MAX], line[LOG_LINE_MAX + 64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    int head = snprintf(line, sizeof line, "%s %s ", stamp, level_names[level]);
    size_t n = (size_t)head + fc_log_escape(text, line + head, sizeof line - (size_t)head - 1);
    line[n++] = '\n';
    /* One write per line: lines from several processes on one stderr stay whole. */
    fwrite(line, 1, n, stderr);
}
