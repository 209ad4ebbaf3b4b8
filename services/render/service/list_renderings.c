/* list_renderings: an agreement's stored renderings with their SHA-256, in
 * id order (the order they were made), paged. */
#include <stdlib.h>

#include "renderings.h"

#define LIST_DEFAULT 100
#define LIST_MAX 1000

typedef struct {
    const Fcavtal__V1__ListRenderings *q;
    Fcavtal__V1__RenderingList *list;
    size_t limit;
    fc_status_t st;
} lister_t;

static fc_status_t take(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call;
    lister_t *l = arg;
    RenderingInfo *r = (RenderingInfo *)record;
    bool keep = (!l->q->version || r->version == l->q->version)
                && (!l->q->format || r->format == l->q->format);
    if (!keep) {
        protobuf_c_message_free_unpacked(record, NULL);
        return FC_OK;
    }
    if (l->list->n_items == l->limit) {
        /* One more exists: the page ends at the last one taken. */
        l->list->next_after_id = l->list->items[l->list->n_items - 1]->id;
        protobuf_c_message_free_unpacked(record, NULL);
        *stop = true;
        return FC_OK;
    }
    RenderingInfo **grown = realloc(l->list->items, (l->list->n_items + 1) * sizeof *grown);
    if (!grown) {
        protobuf_c_message_free_unpacked(record, NULL);
        return FC_RESOURCE_EXHAUSTED;
    }
    l->list->items = grown;
    grown[l->list->n_items++] = r;
    return FC_OK;
}

fc_status_t rsv_list_renderings(fc_call_t *call, const Fcavtal__V1__ListRenderings *body,
                                Rep *rep)
{
    if (!body->agreement_id) {
        fc_call_violation(call, "list_renderings.agreement_id", "required");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "list_renderings needs an agreement_id");
    }
    if (body->format && !rsv_format_known((int)body->format)) {
        fc_call_violation(call, "list_renderings.format", "%d is not a format", (int)body->format);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "unknown format %d", (int)body->format);
    }
    Fcavtal__V1__RenderingList *list = malloc(sizeof *list);
    if (!list)
        return fc_call_oom(call);
    fcavtal__v1__rendering_list__init(list);
    rep->body_case = FCAVTAL__V1__RENDER_REPLY__BODY_RENDERINGS;
    rep->renderings = list;
    size_t limit = body->limit ? body->limit : LIST_DEFAULT;
    lister_t l = { body, list, limit < LIST_MAX ? limit : LIST_MAX, FC_OK };
    fc_index_key_t key;
    fc_index_key_u64(&key, body->agreement_id);
    fc_status_t st = fc_record_index_scan(call, REC_RENDERING, IX_RENDERING_AGREEMENT, &key,
                                          body->after_id, take, &l);
    return st ? fc_call_fail(call, st, "cannot read the stored renderings: %s",
                             fc_status_name(st))
              : FC_OK;
}
