/* Outbox records and their stable ids (outbox.h). */
#include "outbox.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "policy.h"

/* FNV-1a: a stable, well-spread 64-bit digest for ids and index keys; no
 * secret is involved, so no cryptographic hash is needed. */
uint64_t ntf_hash64(const char *text)
{
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= (uint64_t)tolower(*p);
        h *= 1099511628211ull;
    }
    return h;
}

int ntf_notification_nid(const char *deadline_key, int lead_months, int lead_days,
                         const char *channel_part, char *buf, size_t len)
{
    char lead[16];
    ntf_lead_format((ntf_lead_time_t){lead_months, lead_days}, lead, sizeof lead);
    int n = snprintf(buf, len, "%s.%s.%s", deadline_key, lead, channel_part);
    if (n < 0 || (size_t)n >= len)
        return -1;
    for (char *p = buf; *p; p++)
        if (*p == '/')
            *p = '.';
    return 0;
}

void ntf_mail_part(const char *address, char *buf, size_t len)
{
    snprintf(buf, len, "mail-%016llx", (unsigned long long)ntf_hash64(address));
}

fc_status_t ntf_outbox_find(fc_call_t *call, const char *nid, Notification **out)
{
    fc_index_key_t k;
    fc_index_key_u64(&k, ntf_hash64(nid));
    uint64_t *ids = NULL;
    size_t n = 0;
    fc_status_t st = fc_record_index_ids(call, REC_NOTIFICATION, IX_NOTIFICATION_NID, &k, 0, 16,
                                         &ids, &n);
    for (size_t i = 0; !st && i < n; i++) {
        Notification *cand = NULL;
        st = fc_record_get(call, REC_NOTIFICATION, ids[i], (ProtobufCMessage **)&cand);
        if (!st && strcmp(cand->notification_id, nid) == 0) {
            *out = cand;
            free(ids);
            return FC_OK;
        }
        if (cand)
            fcavtal__v1__notification__free_unpacked(cand, NULL);
    }
    free(ids);
    return st ? st : FC_NOT_FOUND;
}

fc_status_t ntf_outbox_add(fc_call_t *call, Notification *n, bool *added)
{
    Notification *old = NULL;
    *added = false;
    fc_status_t st = ntf_outbox_find(call, n->notification_id, &old);
    if (!st) {
        fcavtal__v1__notification__free_unpacked(old, NULL);
        return FC_OK;
    }
    if (st != FC_NOT_FOUND)
        return st;
    st = fc_record_new_id(call, REC_NOTIFICATION, &n->id);
    if (!st)
        st = fc_record_put(call, REC_NOTIFICATION, &n->base);
    *added = st == FC_OK;
    return st;
}

fc_status_t ntf_outbox_save(fc_call_t *call, const Notification *n)
{
    fc_status_t st = fc_record_put(call, REC_NOTIFICATION, &n->base);
    if (!st && n->state == NS(FAILED))
        st = fc_call_emit(call, REC_NOTIFICATION, "failed", &n->base);
    return st;
}

fc_status_t ntf_outbox_cancel_deadline(fc_call_t *call, uint64_t deadline_id, const char *why)
{
    fc_index_key_t k;
    fc_index_key_u64(&k, deadline_id);
    /* Ids first, changes after: no record is rewritten under an open
     * cursor of one of its own indexes. */
    uint64_t *ids = NULL;
    size_t n = 0;
    fc_status_t st = fc_record_index_ids(call, REC_NOTIFICATION, IX_NOTIFICATION_DEADLINE, &k, 0,
                                         100000, &ids, &n);
    for (size_t i = 0; !st && i < n; i++) {
        Notification *no = NULL;
        st = fc_record_get(call, REC_NOTIFICATION, ids[i], (ProtobufCMessage **)&no);
        if (!st && no->state == NS(PENDING) && no->attempts == 0) {
            no->state = NS(CANCELLED);
            st = fc_pb_set_string(&no->error, why) ? FC_RESOURCE_EXHAUSTED
                                                   : fc_record_put(call, REC_NOTIFICATION, &no->base);
        }
        if (no)
            fcavtal__v1__notification__free_unpacked(no, NULL);
    }
    free(ids);
    return st;
}
