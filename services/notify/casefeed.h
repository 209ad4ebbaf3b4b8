/* The case-feed contract (proto/fcavtal/v1/casefeed.proto, docs/casefeed.md)
 * on both sides: the notification a reminder becomes, the checks a receiver
 * applies to it, and the acknowledgement. */
#ifndef FCAVTAL_NOTIFY_CASEFEED_H
#define FCAVTAL_NOTIFY_CASEFEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fcavtal/status.h"
#include "fcavtal/v1/casefeed.pb-c.h"
#include "reminder.h"

#define NTF_CASEFEED_VERSION FCAVTAL__V1__CASE_FEED_VERSION__CASE_FEED_VERSION_1
/* Larger payloads are refused: a notification is a few kilobytes. */
#define NTF_CASEFEED_MAX_PAYLOAD (256u * 1024u)

/* The reminder as a packed CaseNotification. The bytes are deterministic
 * for the same reminder, so a redelivery is byte-identical. *payload is
 * owned by the caller (free). FC_INVALID_ARGUMENT with a message when the
 * reminder fails the checks of ntf_deadline_check or has no valid id. */
fc_status_t ntf_casefeed_pack(const ntf_reminder_t *reminder, uint8_t **payload, size_t *len,
                              char *err, size_t errlen);

/* What a receiver must check before storing: a valid notification id,
 * contract version 1 (FC_FAILED_PRECONDITION for one it does not know),
 * valid dates with safe_day <= nominal_date, valid UTF-8 without control
 * characters (but line breaks in rule_text) in every text.
 * FC_INVALID_ARGUMENT with the reason otherwise. */
fc_status_t ntf_casefeed_check(const Fcavtal__V1__CaseNotification *n, char *err, size_t errlen);

/* A packed CaseAck. *payload is owned by the caller (free); NULL when out
 * of memory. `id` may be NULL (the message could not be read). */
uint8_t *ntf_casefeed_ack_pack(const char *id, fc_status_t code, const char *message, bool duplicate,
                               size_t *len);

#endif
