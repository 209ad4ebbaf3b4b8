/* Explanations attached to every computed date. */
#include "fcavtal/reason.h"

#include <string.h>

#include "fcavtal/format.h"

/* A cut inside a multi-byte character would leave text that proto3 strings
 * and strict clients refuse; back up to the character's first byte. Written
 * here because the domain library links nothing but libc. */
static void trim_partial_utf8(char *text, size_t len)
{
    size_t i = len;
    while (i > 0 && ((unsigned char)text[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    unsigned char lead = (unsigned char)text[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (i - 1) < need)
        text[i - 1] = '\0';
}

void fc_reason_vset(fc_reason_t *reason, const char *rule, const char *source, const char *fmt,
                    va_list ap)
{
    if (!reason)
        return;
    reason->rule = rule;
    reason->source = source;
    int n = fc_vsnformat(reason->text, sizeof reason->text, fmt, ap);
    if (n >= (int)sizeof reason->text)
        trim_partial_utf8(reason->text, strlen(reason->text));
    else if (n < 0)
        reason->text[0] = '\0';
}

void fc_reason_set(fc_reason_t *reason, const char *rule, const char *source, const char *fmt,
                   ...)
{
    va_list ap;
    va_start(ap, fmt);
    fc_reason_vset(reason, rule, source, fmt, ap);
    va_end(ap);
}
