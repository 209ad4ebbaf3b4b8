/* A complete RFC 5322 message in Swedish: plain text, UTF-8,
 * quoted-printable, with the headers a mail client and a relay expect. */
#ifndef FCAVTAL_NOTIFY_EMAIL_H
#define FCAVTAL_NOTIFY_EMAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fcavtal/status.h"

typedef struct {
    const char *name;     /* display name, UTF-8; optional */
    const char *address;  /* "anna.andersson@goteborg.se": ASCII only */
} ntf_mailbox_t;

typedef struct {
    ntf_mailbox_t from;
    const ntf_mailbox_t *to;  /* the contacts of the parties that must act */
    size_t n_to;
    const char *subject;      /* UTF-8, one line */
    const char *body;         /* UTF-8, "\n" line ends */
    /* The notification id (ntf_id_valid): the Message-ID is
     * "<id@domain>", the same for every attempt, so a receiving system
     * recognises a resend. */
    const char *notification_id;
    const char *message_id_domain;  /* optional; default: from's domain */
    int64_t date_unix;              /* the Date header, seconds since 1970 */
    int utc_offset_minutes;         /* of the Date header: 60 for CET */
} ntf_email_t;

/* True for a plain ASCII address local@domain (no display name, no
 * comments, no quoted local part: what every SMTP server accepts). */
bool ntf_email_address_valid(const char *address);

/* Builds the message (CRLF line ends, every line at most 78 characters
 * but for an address longer than a line). *message is owned by the caller
 * (free). FC_INVALID_ARGUMENT with the reason in err for a bad address,
 * control characters in a header, invalid UTF-8 or no recipient. */
fc_status_t ntf_email_build(const ntf_email_t *mail, char **message, size_t *len, char *err,
                            size_t errlen);

#endif
