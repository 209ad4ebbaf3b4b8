/* The read model of the registry: organisations, operations, centres and
 * agreements, distilled to what a settlement needs and kept in this
 * service's own records (never the registry's files). The core's follower
 * calls these inside the write transaction that also records its position,
 * so every registry event is applied exactly once across crashes. */
#include <stdlib.h>
#include <string.h>

#include "costs_service.h"
#include "fcavtal/log.h"
#include "fcavtal/v1/registry.pb-c.h"

typedef Fcavtal__V1__RegistryEvent reg_event_t;

static fc_status_t drop_record(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)stop;
    int type = *(const int *)arg;
    uint64_t id = fc_record_id(record);
    protobuf_c_message_free_unpacked(record, NULL);
    return fc_record_delete(call, type, id);
}

/* A rebuild starts from nothing: what the registry no longer has must go. */
static fc_status_t model_reset(fc_call_t *call, void *arg)
{
    (void)arg;
    static const int types[] = {CST_REC_ORG, CST_REC_OP, CST_REC_CENTRE, CST_REC_AGREEMENT};
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < sizeof types / sizeof types[0]; i++)
        st = fc_record_scan(call, types[i], 0, drop_record, (void *)&types[i]);
    return st;
}

static fc_status_t put_organisation(fc_call_t *call, const Fcavtal__V1__Organisation *o)
{
    Fcavtal__V1__ModelOrganisation m = FCAVTAL__V1__MODEL_ORGANISATION__INIT;
    m.id = o->id;
    m.name = o->name;
    m.org_number = o->org_number && o->org_number->value ? o->org_number->value : "";
    m.kind = o->kind;
    m.region_id = o->region_id;
    return fc_record_put(call, CST_REC_ORG, &m.base);
}

static fc_status_t put_operation(fc_call_t *call, const Fcavtal__V1__Operation *o)
{
    Fcavtal__V1__ModelOperation m = FCAVTAL__V1__MODEL_OPERATION__INIT;
    m.id = o->id;
    m.organisation_id = o->organisation_id;
    m.kind = o->kind;
    m.name = o->name;
    return fc_record_put(call, CST_REC_OP, &m.base);
}

static fc_status_t put_centre(fc_call_t *call, const Fcavtal__V1__Centre *c)
{
    Fcavtal__V1__ModelCentre m = FCAVTAL__V1__MODEL_CENTRE__INIT;
    m.id = c->id;
    m.name = c->name;
    m.municipality_id = c->municipality_id;
    m.established = c->established;
    m.n_participations = c->n_participations;
    m.participations = c->participations;
    m.framework_id = c->framework_id;
    m.coordinator_employer_id = c->coordinator ? c->coordinator->employing_operation_id : 0;
    return fc_record_put(call, CST_REC_CENTRE, &m.base);
}

static fc_status_t put_agreement(fc_call_t *call, const Fcavtal__V1__Agreement *a)
{
    Fcavtal__V1__ModelAgreement m = FCAVTAL__V1__MODEL_AGREEMENT__INIT;
    m.id = a->id;
    m.kind = a->kind;
    m.status = a->status;
    m.rule_set = a->rule_set;
    m.framework_id = a->framework_id;
    m.centre_id = a->centre_id;
    m.title = a->title;
    m.case_number = a->case_number;
    if (a->term) {
        m.start = a->term->start;
        /* The end in force: the notice's or termination's when there is
         * one, else the term's. */
        m.end = a->effective_end ? a->effective_end : a->term->end;
    }
    if (a->use_right) {
        m.n_shares = a->use_right->n_shares;
        m.shares = a->use_right->shares;
        m.annual_cost = a->use_right->annual_cost;
        m.compensation_period = a->use_right->period;
        m.base_year = a->use_right->base_year;
    }
    return fc_record_put(call, CST_REC_AGREEMENT, &m.base);
}

static fc_status_t model_apply(fc_call_t *call, const ProtobufCMessage *event, void *arg)
{
    (void)arg;
    const reg_event_t *ev = (const reg_event_t *)event;
    switch (ev->entity_case) {
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION:
        return put_organisation(call, ev->organisation);
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_OPERATION:
        return put_operation(call, ev->operation);
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_CENTRE:
        return put_centre(call, ev->centre);
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT:
        return put_agreement(call, ev->agreement);
    default:
        return FC_OK;
    }
}

fc_follower_t *cst__follow_registry(fc_server_t *server, const fc_config_t *cfg, char *err,
                                    size_t errlen)
{
    fc_follower_def_t def = {
        .name = "registry",
        .request_endpoint = fc_config_get(cfg, "registry"),
        .publish_endpoint = fc_config_get(cfg, "registry-publish"),
        .server_key = fc_config_get(cfg, "registry-key"),
        .client_cert = fc_config_get(cfg, "registry-cert"),
        .request_desc = &fcavtal__v1__registry_request__descriptor,
        .reply_desc = &fcavtal__v1__registry_reply__descriptor,
        .event_desc = &fcavtal__v1__registry_event__descriptor,
        .reset = model_reset,
        .apply = model_apply,
        .arg = NULL,
    };
    return fc_follower_new(server, &def, err, errlen);
}
