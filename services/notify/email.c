#include "email.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mime_encoding.h"
#include "text_check.h"
#include "reminder.h"

static bool local_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || (c && strchr("!#$%&'*+-/=?^_`{|}~.", c));
}

static bool domain_valid(const char *d)
{
    size_t label = 0;
    for (const char *p = d; *p; p++) {
        bool alnum = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        if (*p == '.') {
            if (label == 0 || p[-1] == '-')
                return false;
            label = 0;
        } else if (alnum || (*p == '-' && label > 0)) {
            if (++label > 63)
                return false;
        } else {
            return false;
        }
    }
    return label > 0 && d[strlen(d) - 1] != '-';
}

bool ntf_email_address_valid(const char *address)
{
    if (!address || strlen(address) > 254)
        return false;
    const char *at = strchr(address, '@');
    if (!at || at == address || at - address > 64 || strchr(at + 1, '@'))
        return false;
    if (address[0] == '.' || at[-1] == '.')
        return false;
    for (const char *p = address; p < at; p++)
        if (!local_char(*p) || (p[0] == '.' && p[1] == '.'))
            return false;
    return domain_valid(at + 1);
}

/* RFC 5322 §3.3 in English names whatever the locale. */
static int put_date(int64_t unix_s, int offset_min, FILE *out)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t local = (time_t)(unix_s + (int64_t)offset_min * 60);
    struct tm tm;
    if (!gmtime_r(&local, &tm))
        return -1;
    int off = offset_min < 0 ? -offset_min : offset_min;
    return fprintf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02d%02d\r\n", days[tm.tm_wday],
                   tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                   tm.tm_sec, offset_min < 0 ? '-' : '+', off / 60, off % 60) < 0 ? -1 : 0;
}

static int put_mailbox(const ntf_mailbox_t *box, size_t *col, FILE *out)
{
    size_t addr = strlen(box->address) + 2;
    if (box->name && box->name[0]) {
        if (ntf_header_phrase(box->name, col, out))
            return -1;
        if (*col + 1 + addr > NTF_HEADER_LINE) {
            if (fputs("\r\n", out) < 0)
                return -1;
            *col = 0;
        }
    }
    *col += 1 + addr;
    return fprintf(out, " <%s>", box->address) < 0 ? -1 : 0;
}

static int put_address_list(const char *field, const ntf_mailbox_t *boxes, size_t n, FILE *out)
{
    size_t col = strlen(field) + 1;
    if (fprintf(out, "%s:", field) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            /* Each further mailbox on a line of its own keeps every line
             * short without measuring encoded names twice. */
            if (fputs(",\r\n", out) < 0)
                return -1;
            col = 0;
        }
        if (put_mailbox(&boxes[i], &col, out))
            return -1;
    }
    return fputs("\r\n", out) < 0 ? -1 : 0;
}

static int put_message(const ntf_email_t *m, FILE *out)
{
    const char *domain = m->message_id_domain && m->message_id_domain[0]
        ? m->message_id_domain : strchr(m->from.address, '@') + 1;
    size_t col = strlen("Subject:");
    int rc = put_date(m->date_unix, m->utc_offset_minutes, out);
    rc |= put_address_list("From", &m->from, 1, out);
    rc |= put_address_list("To", m->to, m->n_to, out);
    rc |= fputs("Subject:", out) < 0;
    rc |= ntf_header_text(m->subject, &col, out);
    rc |= fprintf(out, "\r\nMessage-ID: <%s@%s>\r\n", m->notification_id, domain) < 0;
    rc |= fputs("MIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n"
                "Content-Language: sv\r\n"
                /* RFC 3834: keeps vacation responders from answering. */
                "Auto-Submitted: auto-generated\r\n"
                "\r\n", out) < 0;
    rc |= ntf_qp_encode(m->body, out);
    return rc ? -1 : 0;
}

static const char *fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static const char *fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return err;
}

static const char *check_mailbox(const ntf_mailbox_t *box, const char *what, char *err, size_t errlen)
{
    if (!ntf_email_address_valid(box->address))
        return fail(err, errlen, "%s address '%s' is not a valid e-mail address", what,
                    box->address ? box->address : "");
    if (box->name && !ntf_utf8_clean(box->name, false))
        return fail(err, errlen, "%s name for %s has control characters or invalid UTF-8", what,
                    box->address);
    return NULL;
}

/* Header injection is impossible by construction: no header text may hold
 * a line break. */
static const char *check(const ntf_email_t *m, char *err, size_t errlen)
{
    if (check_mailbox(&m->from, "sender", err, errlen))
        return err;
    if (m->n_to == 0 || !m->to)
        return fail(err, errlen, "no recipient");
    for (size_t i = 0; i < m->n_to; i++)
        if (check_mailbox(&m->to[i], "recipient", err, errlen))
            return err;
    if (!m->subject || !ntf_utf8_clean(m->subject, false))
        return fail(err, errlen, "subject missing, with control characters or invalid UTF-8");
    if (!m->body || !ntf_utf8_clean(m->body, true))
        return fail(err, errlen, "body missing, with control characters or invalid UTF-8");
    if (!ntf_id_valid(m->notification_id, NTF_ID_MAX))
        return fail(err, errlen, "notification id '%s' is not valid for a Message-ID",
                    m->notification_id ? m->notification_id : "");
    if (m->message_id_domain && m->message_id_domain[0] && !domain_valid(m->message_id_domain))
        return fail(err, errlen, "Message-ID domain '%s' is not a domain", m->message_id_domain);
    if (m->utc_offset_minutes <= -24 * 60 || m->utc_offset_minutes >= 24 * 60)
        return fail(err, errlen, "UTC offset out of range");
    return NULL;
}

fc_status_t ntf_email_build(const ntf_email_t *mail, char **message, size_t *len, char *err,
                            size_t errlen)
{
    *message = NULL;
    *len = 0;
    if (check(mail, err, errlen))
        return FC_INVALID_ARGUMENT;
    FILE *out = open_memstream(message, len);
    if (!out) {
        snprintf(err, errlen, "out of memory");
        return FC_RESOURCE_EXHAUSTED;
    }
    int rc = put_message(mail, out);
    if (fclose(out) || rc) {
        free(*message);
        *message = NULL;
        *len = 0;
        snprintf(err, errlen, "out of memory");
        return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}
