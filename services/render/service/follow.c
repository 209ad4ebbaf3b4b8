#include "follow.h"

#include <string.h>

#include "autorender.h"
#include "fcavtal/pb.h"
#include "fcavtal/v1/registry.pb-c.h"
#include "model.h"

typedef Fcavtal__V1__RegistryEvent Event;
#define ENTITY(x) FCAVTAL__V1__REGISTRY_EVENT__ENTITY_##x

/* ------------------------------------------------------------ projections
 * Each copies what documents need; the strings and sub-messages are
 * borrowed from the event for as long as the record is packed. */

static fc_status_t put_organisation(fc_call_t *call, const Fcavtal__V1__Organisation *o)
{
    DocOrganisation d = FCAVTAL__V1__DOC_ORGANISATION__INIT;
    d.id = o->id;
    d.name = o->name;
    d.org_number = o->org_number ? o->org_number->value : (char *)protobuf_c_empty_string;
    d.kind = o->kind;
    return fc_record_put(call, REC_ORGANISATION, &d.base);
}

static fc_status_t put_operation(fc_call_t *call, const Fcavtal__V1__Operation *o)
{
    DocOperation d = FCAVTAL__V1__DOC_OPERATION__INIT;
    d.id = o->id;
    d.organisation_id = o->organisation_id;
    d.kind = o->kind;
    d.name = o->name;
    d.other_kind = o->other_kind;
    return fc_record_put(call, REC_OPERATION, &d.base);
}

static fc_status_t put_centre(fc_call_t *call, const Fcavtal__V1__Centre *c)
{
    DocCentre d = FCAVTAL__V1__DOC_CENTRE__INIT;
    d.id = c->id;
    d.name = c->name;
    d.address = c->address;
    d.municipality_id = c->municipality_id;
    d.n_participations = c->n_participations;
    d.participations = c->participations;
    d.prioritised_area = c->prioritised_area;
    d.coordinator = c->coordinator;
    d.n_steering_group = c->n_steering_group;
    d.steering_group = c->steering_group;
    d.n_staff = c->n_staff;
    d.staff = c->staff;
    d.framework_id = c->framework_id;
    d.target_group = c->target_group;
    d.classification = c->classification ? c->classification->kind : 0;
    return fc_record_put(call, REC_CENTRE, &d.base);
}

static void project_agreement(const Fcavtal__V1__Agreement *a, DocAgreement *d)
{
    d->id = a->id;
    d->kind = a->kind;
    d->title = a->title;
    d->case_number = a->case_number;
    d->status = a->status;
    d->version = a->version;
    d->rule_set = a->rule_set;
    d->framework_id = a->framework_id;
    d->centre_id = a->centre_id;
    d->n_parties = a->n_parties;
    d->parties = a->parties;
    d->n_documents = a->n_documents;
    d->documents = a->documents;
    d->term = a->term;
    d->n_signatures = a->n_signatures;
    d->signatures = a->signatures;
    d->notice = a->notice;
    d->effective_end = a->effective_end;
    d->use_right = a->use_right;
}

/* The version keeps the day it first arrived and the action that made it
 * (what its date is made of: model.h), however often a rebuild brings it
 * again. */
static fc_status_t put_agreement(fc_call_t *call, const Fcavtal__V1__Agreement *a,
                                 const char *action, bool snapshot)
{
    DocAgreement d = FCAVTAL__V1__DOC_AGREEMENT__INIT;
    project_agreement(a, &d);
    DocAgreement *known = NULL;
    fc_status_t st = rsv_version_get(call, a->id, a->version, &known);
    if (st && st != FC_NOT_FOUND)
        return st;
    fc_date_t today = fc_call_today(call);
    Fcavtal__V1__Date seen = FCAVTAL__V1__DATE__INIT;
    seen.year = today.year, seen.month = today.month, seen.day = today.day;
    d.seen_on = known && known->seen_on ? known->seen_on : &seen;
    d.made_by = known ? known->made_by : snapshot ? (char *)protobuf_c_empty_string
                                                  : (char *)action;
    st = fc_record_put(call, REC_AGREEMENT, &d.base);
    if (!st)
        st = rsv_version_put(call, &d);
    if (!st && !known)
        st = rsv_auto_enqueue(call, &d);
    if (known)
        protobuf_c_message_free_unpacked(&known->base, NULL);
    return st;
}

fc_status_t rsv_follow_apply(fc_call_t *call, const ProtobufCMessage *event, void *arg)
{
    (void)arg;
    const Event *ev = (const Event *)event;
    switch (ev->entity_case) {
    case ENTITY(ORGANISATION): return put_organisation(call, ev->organisation);
    case ENTITY(OPERATION): return put_operation(call, ev->operation);
    case ENTITY(CENTRE): return put_centre(call, ev->centre);
    case ENTITY(AGREEMENT): return put_agreement(call, ev->agreement, ev->action, ev->seq == 0);
    default: return FC_OK;   /* an entity documents do not need */
    }
}

static fc_status_t drop(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)stop;
    int type = *(const int *)arg;
    uint64_t id = fc_record_id(record);
    protobuf_c_message_free_unpacked(record, NULL);
    return fc_record_delete(call, type, id);
}

fc_status_t rsv_drop_records(fc_call_t *call, int type)
{
    return fc_record_scan(call, type, 0, drop, &type);
}

/* A rebuild starts from nothing: records the registry no longer has must
 * go. The versions stay: the registry never rewrites a version, and the
 * renderings made from them stay too. */
fc_status_t rsv_follow_reset(fc_call_t *call, void *arg)
{
    (void)arg;
    static const int TYPES[] = { REC_ORGANISATION, REC_OPERATION, REC_CENTRE, REC_AGREEMENT };
    fc_status_t st = FC_OK;
    for (size_t i = 0; i < sizeof TYPES / sizeof TYPES[0] && !st; i++)
        st = rsv_drop_records(call, TYPES[i]);
    return st;
}

fc_follower_t *rsv_follow_start(fc_server_t *server, rsv_state_t *state,
                                const rsv_follow_opts_t *opts, char *err, size_t errlen)
{
    fc_follower_def_t def = {
        .name = "registry",
        .request_endpoint = opts->request_endpoint,
        .publish_endpoint = opts->publish_endpoint,
        .server_key = opts->server_key,
        .client_cert = opts->client_cert,
        .request_desc = &fcavtal__v1__registry_request__descriptor,
        .reply_desc = &fcavtal__v1__registry_reply__descriptor,
        .event_desc = &fcavtal__v1__registry_event__descriptor,
        .reset = rsv_follow_reset,
        .apply = rsv_follow_apply,
        .arg = state,
        /* The first request often goes out before the connection is up: a
         * short resend keeps a start or a registry restart from waiting. */
        .timeout_ms = 1000,
    };
    return fc_follower_new(server, &def, err, errlen);
}
