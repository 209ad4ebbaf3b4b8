/* The registry expiries notify has driven, in agreement order (handlers.h). */
#include <stdlib.h>

#include "handlers.h"

typedef struct {
    Fcavtal__V1__ExpiryList *out;
    size_t limit;
} page_t;

static fc_status_t visit(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call;
    page_t *p = arg;
    if (p->out->n_items == p->limit) {
        p->out->next_after_id = p->out->items[p->out->n_items - 1]->id;
        *stop = true;
    } else if (!ntf_append(&p->out->n_items, &p->out->items, record)) {
        return FC_OK;
    }
    protobuf_c_message_free_unpacked(record, NULL);
    return FC_OK;
}

fc_status_t ntf_list_expiries(fc_call_t *call, const Fcavtal__V1__ListExpiries *q, Rep *rep)
{
    if (q->limit > 10000) {
        fc_call_violation(call, "limit", "at most 10000");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "limit %u is over 10000", q->limit);
    }
    Fcavtal__V1__ExpiryList *out = malloc(sizeof *out);
    if (!out)
        return fc_call_oom(call);
    fcavtal__v1__expiry_list__init(out);
    rep->body_case = FCAVTAL__V1__NOTIFY_REPLY__BODY_EXPIRIES;
    rep->expiries = out;
    page_t p = {out, q->limit ? q->limit : 1000};
    fc_status_t st = fc_record_scan(call, REC_EXPIRY, q->after_id, visit, &p);
    return st ? fc_call_fail(call, st, "cannot read the expiries: %s", fc_status_name(st)) : FC_OK;
}
