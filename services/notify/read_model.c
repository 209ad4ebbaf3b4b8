/* The registry's records as notify keeps them (read_model.h). */
#include "read_model.h"

#include <stdlib.h>
#include <string.h>

#include "expire.h"
#include "fcavtal/log.h"
#include "recompute.h"

#define ENTITY(x) FCAVTAL__V1__REGISTRY_EVENT__ENTITY_##x
#define AS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

typedef struct {
    uint64_t *ids;
    size_t n;
    bool oom;
} ids_t;

static fc_status_t collect(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call;
    ids_t *c = arg;
    uint64_t *grown = realloc(c->ids, (c->n + 1) * sizeof *grown);
    if (grown) {
        c->ids = grown;
        c->ids[c->n++] = fc_record_id(record);
    }
    c->oom = !grown;
    *stop = !grown;
    protobuf_c_message_free_unpacked(record, NULL);
    return FC_OK;
}

/* Ids first, deletes after: nothing is deleted under an open cursor. */
static fc_status_t drop_all(fc_call_t *call, int type)
{
    ids_t c = {NULL, 0, false};
    fc_status_t st = fc_record_scan(call, type, 0, collect, &c);
    if (!st && c.oom)
        st = FC_RESOURCE_EXHAUSTED;
    for (size_t i = 0; !st && i < c.n; i++)
        st = fc_record_delete(call, type, c.ids[i]);
    free(c.ids);
    return st;
}

/* A rebuild starts from nothing. The deadlines stay: the snapshot's
 * agreements are compared with them one by one as they arrive. */
static fc_status_t follow_reset(fc_call_t *call, void *arg)
{
    (void)arg;
    static const int TYPES[] = {REC_ORGANISATION, REC_OPERATION, REC_CENTRE, REC_AGREEMENT};
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < sizeof TYPES / sizeof TYPES[0]; i++)
        st = drop_all(call, TYPES[i]);
    return st;
}

static fc_status_t put_organisation(fc_call_t *call, const Organisation *o)
{
    Organisation slim = FCAVTAL__V1__ORGANISATION__INIT;
    slim.id = o->id;
    slim.org_number = o->org_number;
    slim.name = o->name;
    slim.kind = o->kind;
    slim.region_id = o->region_id;
    slim.n_contacts = o->n_contacts;
    slim.contacts = o->contacts;
    return fc_record_put(call, REC_ORGANISATION, &slim.base);
}

static fc_status_t put_centre(fc_call_t *call, const Centre *c)
{
    Centre slim = FCAVTAL__V1__CENTRE__INIT;
    slim.id = c->id;
    slim.name = c->name;
    slim.municipality_id = c->municipality_id;
    slim.coordinator = c->coordinator;
    slim.n_contacts = c->n_contacts;
    slim.contacts = c->contacts;
    slim.framework_id = c->framework_id;
    return fc_record_put(call, REC_CENTRE, &slim.base);
}

/* The agreement without what no deadline depends on (documents, signatures,
 * premises, history notes, the registry's computed end). */
static void slim_agreement(const Agreement *a, Agreement *slim)
{
    *slim = *a;
    slim->n_documents = 0, slim->documents = NULL;
    slim->n_signatures = 0, slim->signatures = NULL;
    slim->use_right = NULL;
    slim->change_note = (char *)protobuf_c_empty_string;
    slim->n_approved_by = 0, slim->approved_by = NULL;
    slim->current_end = NULL;
    slim->current_end_reason = NULL;
}

static fc_status_t put_agreement(fc_call_t *call, ntf_t *ntf, const Agreement *a)
{
    Agreement *old = NULL;
    fc_status_t st = fc_record_get(call, REC_AGREEMENT, a->id, (ProtobufCMessage **)&old);
    if (st && st != FC_NOT_FOUND)
        return st;
    uint64_t old_centre = old ? old->centre_id : 0;
    if (old)
        fcavtal__v1__agreement__free_unpacked(old, NULL);
    Agreement slim;
    slim_agreement(a, &slim);
    st = fc_record_put(call, REC_AGREEMENT, &slim.base);
    if (!st)
        st = ntf_recompute_agreement(call, ntf, &slim, old_centre);
    if (!st && a->status == AS(EXPIRED))
        st = ntf_expiry_settled(call, a->id);
    return st;
}

fc_status_t ntf_read_model_apply(fc_call_t *call, const ProtobufCMessage *event, void *arg)
{
    const Fcavtal__V1__RegistryEvent *ev = (const Fcavtal__V1__RegistryEvent *)event;
    switch (ev->entity_case) {
    case ENTITY(ORGANISATION):
        return put_organisation(call, ev->organisation);
    case ENTITY(OPERATION):
        return fc_record_put(call, REC_OPERATION, &ev->operation->base);
    case ENTITY(CENTRE):
        return put_centre(call, ev->centre);
    case ENTITY(AGREEMENT):
        return put_agreement(call, arg, ev->agreement);
    default:
        return FC_OK;
    }
}

fc_follower_t *ntf_read_model_follow(fc_server_t *server, ntf_t *ntf, const char *request_ep,
                                     const char *publish_ep, char *err, size_t errlen)
{
    fc_follower_def_t def = {
        .name = "registry",
        .request_endpoint = request_ep,
        .publish_endpoint = publish_ep,
        .request_desc = &fcavtal__v1__registry_request__descriptor,
        .reply_desc = &fcavtal__v1__registry_reply__descriptor,
        .event_desc = &fcavtal__v1__registry_event__descriptor,
        .reset = follow_reset,
        .apply = ntf_read_model_apply,
        .arg = ntf,
        .timeout_ms = 3000,
    };
    return fc_follower_new(server, &def, err, errlen);
}
