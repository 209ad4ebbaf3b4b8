/* The small formatters every printer shares. */
#include "format.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fcavtal/pbjson.h"

#define KEY_WIDTH 18

void print_kv(const char *key, const char *fmt, ...)
{
    char label[64];
    snprintf(label, sizeof label, "%s:", key);
    printf("  %-*s ", KEY_WIDTH, label);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

void print_contacts(Fcavtal__V1__Contact *const *contacts, size_t n)
{
    if (n == 0)
        return;
    printf("  contacts:\n");
    for (size_t i = 0; i < n; i++) {
        const Fcavtal__V1__Contact *c = contacts[i];
        printf("    - %s", c->name);
        if (*c->email)
            printf(" <%s>", c->email);
        if (*c->phone)
            printf(", %s", c->phone);
        if (*c->role)
            printf(" (%s)", c->role);
        putchar('\n');
    }
}

const char *fmt_date(const Fcavtal__V1__Date *d, char *buf, size_t n)
{
    if (!d)
        snprintf(buf, n, "%s", "");
    else
        snprintf(buf, n, "%04d-%02d-%02d", (int)d->year, (int)d->month, (int)d->day);
    return buf;
}

const char *fmt_enum(const ProtobufCEnumDescriptor *e, int value, char *buf, size_t n)
{
    pbj_enum_name(e, value, buf, n);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = ' ';
    return buf;
}

/* Swedish style: space-grouped kronor, comma, öre. */
const char *fmt_money(int64_t ore, char *buf, size_t n)
{
    uint64_t abs = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
    char digits[32];
    snprintf(digits, sizeof digits, "%" PRIu64, abs / 100);
    char grouped[48];
    size_t len = strlen(digits), out = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[out++] = ' ';
        grouped[out++] = digits[i];
    }
    grouped[out] = '\0';
    snprintf(buf, n, "%s%s,%02u kr", ore < 0 ? "-" : "", grouped, (unsigned)(abs % 100));
    return buf;
}

const char *fmt_id(uint64_t id, char *buf, size_t n)
{
    if (id == 0)
        snprintf(buf, n, "%s", "");
    else
        snprintf(buf, n, "%" PRIu64, id);
    return buf;
}

const char *fmt_time(int64_t unix_ms, char *buf, size_t n)
{
    time_t secs = (time_t)(unix_ms / 1000);
    struct tm tm;
    if (!gmtime_r(&secs, &tm) || strftime(buf, n, "%Y-%m-%d %H:%M:%SZ", &tm) == 0)
        snprintf(buf, n, "%" PRId64, unix_ms);
    return buf;
}
