/* The outbox: every notification is a record in notify's LMDB, committed
 * before it is sent, with a stable id derived from the deadline key, the lead
 * time, the channel and the recipient (so the same reminder can never be
 * queued twice, and a receiver deduplicates redeliveries by it).
 *
 * States: pending -> sent -> acknowledged; pending or sent -> failed (a
 * permanent refusal, with why); pending -> cancelled (its deadline became
 * moot before it went out). A sent notification that is not acknowledged
 * is due again after its backoff; after a restart everything pending or sent
 * is due at once. Acknowledged is final: it is never sent again. */
#ifndef FCAVTAL_NOTIFY_OUTBOX_H
#define FCAVTAL_NOTIFY_OUTBOX_H

#include "notify.h"

#define NTF_NID_MAX 128

#define NS(x) FCAVTAL__V1__NOTIFICATION_STATE__NOTIFICATION_STATE_##x

/* "agreement.7.notice.2024-12-31.P12M.case": the key with '/' as '.', the
 * lead, then `channel_part` ("case", "mail-<16 hex>"). 0, or -1 when it does
 * not fit. */
int ntf_notification_nid(const char *deadline_key, int lead_months, int lead_days,
                         const char *channel_part, char *buf, size_t len);
/* "mail-" and 16 hex digits of a 64-bit FNV-1a hash of the lower-cased
 * address: stable and short, and no address in an id. */
void ntf_mail_part(const char *address, char *buf, size_t len);

/* FC_NOT_FOUND when no notification has the id. *out is owned. */
fc_status_t ntf_outbox_find(fc_call_t *call, const char *nid, Notification **out);
/* Stores n under a new record id unless its notification_id exists already
 * (then *added is false and nothing changes). */
fc_status_t ntf_outbox_add(fc_call_t *call, Notification *n, bool *added);
fc_status_t ntf_outbox_save(fc_call_t *call, const Notification *n);
/* Cancels the deadline's notifications that have not gone out yet. */
fc_status_t ntf_outbox_cancel_deadline(fc_call_t *call, uint64_t deadline_id, const char *why);

uint64_t ntf_hash64(const char *text);

#endif
