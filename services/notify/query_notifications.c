/* The outbox as a list, with filters, in id order (handlers.h). */
#include <stdlib.h>

#include "handlers.h"
#include "outbox.h"

typedef struct {
    const Fcavtal__V1__ListNotifications *q;
    Fcavtal__V1__NotificationList *out;
    size_t limit;
    fc_status_t st;
} page_t;

static bool wanted(const Fcavtal__V1__ListNotifications *q, const Notification *n)
{
    return (!q->state || q->state == n->state) && (!q->channel || q->channel == n->channel) &&
           (!q->agreement_id || q->agreement_id == n->agreement_id) &&
           (!q->deadline_id || q->deadline_id == n->deadline_id);
}

static fc_status_t visit(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call;
    page_t *p = arg;
    Notification *n = (Notification *)record;
    if (p->out->n_items == p->limit) {
        p->out->next_after_id = p->out->items[p->out->n_items - 1]->id;
        *stop = true;
    } else if (wanted(p->q, n) && !ntf_append(&p->out->n_items, &p->out->items, n)) {
        return FC_OK;
    }
    protobuf_c_message_free_unpacked(record, NULL);
    return FC_OK;
}

fc_status_t ntf_list_notifications(fc_call_t *call, const Fcavtal__V1__ListNotifications *q,
                                   Rep *rep)
{
    if (q->limit > 10000) {
        fc_call_violation(call, "limit", "at most 10000");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "limit %u is over 10000", q->limit);
    }
    fc_status_t st = ntf_require_known(call, REC_AGREEMENT, q->agreement_id, "agreement_id");
    if (!st)
        st = ntf_require_known(call, REC_DEADLINE, q->deadline_id, "deadline_id");
    if (st)
        return st;
    Fcavtal__V1__NotificationList *out = malloc(sizeof *out);
    if (!out)
        return fc_call_oom(call);
    fcavtal__v1__notification_list__init(out);
    rep->body_case = FCAVTAL__V1__NOTIFY_REPLY__BODY_NOTIFICATIONS;
    rep->notifications = out;
    page_t p = {.q = q, .out = out, .limit = q->limit ? q->limit : 1000};
    fc_index_key_t k;
    if (q->deadline_id) {
        fc_index_key_u64(&k, q->deadline_id);
        st = fc_record_index_scan(call, REC_NOTIFICATION, IX_NOTIFICATION_DEADLINE, &k,
                                  q->after_id, visit, &p);
    } else if (q->agreement_id) {
        fc_index_key_u64(&k, q->agreement_id);
        st = fc_record_index_scan(call, REC_NOTIFICATION, IX_NOTIFICATION_AGREEMENT, &k,
                                  q->after_id, visit, &p);
    } else if (q->state) {
        fc_index_key_u32(&k, (uint32_t)q->state);
        st = fc_record_index_scan(call, REC_NOTIFICATION, IX_NOTIFICATION_STATE, &k, q->after_id,
                                  visit, &p);
    } else {
        st = fc_record_scan(call, REC_NOTIFICATION, q->after_id, visit, &p);
    }
    return st ? fc_call_fail(call, st, "cannot read the outbox: %s", fc_status_name(st)) : FC_OK;
}

fc_status_t ntf_retry_notification(fc_call_t *call, const Fcavtal__V1__RetryNotification *body,
                                   Rep *rep)
{
    Notification *n = NULL;
    fc_status_t st = fc_record_load(call, REC_NOTIFICATION, body->id, (ProtobufCMessage **)&n);
    if (st)
        return st;
    rep->body_case = FCAVTAL__V1__NOTIFY_REPLY__BODY_NOTIFICATION;
    rep->notification = n;
    if (n->state != NS(FAILED))
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "notification %llu is not failed: "
                            "only a failed one is retried by hand", (unsigned long long)n->id);
    n->state = NS(PENDING);
    n->next_attempt_ms = 0;
    st = fc_record_put(call, REC_NOTIFICATION, &n->base);
    if (!st)
        st = fc_call_emit(call, REC_NOTIFICATION, "retried", &n->base);
    ntf_t *ntf = fc_call_state(call);
    ntf->wake = true;
    return st;
}
