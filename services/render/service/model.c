#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/store.h"
#include "domain_view.h"

#define AKIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x

void rsv_version_key(uint8_t key[RSV_VERSION_KEY], uint64_t id, uint32_t version)
{
    fc_key_put_u64(key, id);
    for (int i = 0; i < 4; i++)
        key[8 + i] = (uint8_t)(version >> (24 - 8 * i));
}

fc_status_t rsv_version_get(fc_call_t *call, uint64_t id, uint32_t version, DocAgreement **out)
{
    uint8_t key[RSV_VERSION_KEY];
    rsv_version_key(key, id, version);
    return fc_store_get_pb(fc_call_txn(call), fc_store_dbi(fc_call_store(call), DB_VERSIONS), key,
                           sizeof key, &fcavtal__v1__doc_agreement__descriptor,
                           (ProtobufCMessage **)out);
}

fc_status_t rsv_version_put(fc_call_t *call, const DocAgreement *a)
{
    uint8_t key[RSV_VERSION_KEY];
    rsv_version_key(key, a->id, a->version);
    return fc_store_put_pb(fc_call_txn(call), fc_store_dbi(fc_call_store(call), DB_VERSIONS), key,
                           sizeof key, &a->base);
}

static bool made_by_decision(const DocAgreement *a)
{
    static const char *const ACTIONS[] = { "agreement.amended", "agreement.terminated",
                                           "agreement.expired" };
    for (size_t i = 0; i < sizeof ACTIONS / sizeof ACTIONS[0]; i++)
        if (!strcmp(a->made_by, ACTIONS[i]))
            return true;
    return false;
}

fc_date_t rsv_version_date(const DocAgreement *a)
{
    fc_date_t best = { 0, 0, 0 }, d;
    if (made_by_decision(a) && fc_date_from_pb(a->seen_on, &d))
        return d;
    if (a->status == FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_UNDER_NOTICE && a->notice
        && fc_date_from_pb(a->notice->received, &d))
        return d;
    for (size_t i = 0; i < a->n_signatures; i++)
        if (fc_date_from_pb(a->signatures[i]->date, &d) && (!best.year || fc_date_cmp(d, best) > 0))
            best = d;
    if (best.year)
        return best;
    if (fc_date_from_pb(a->seen_on, &d))
        return d;
    /* Every version gets seen_on when it arrives; a record without it is
     * still dated from its own data, never from the clock. */
    if (a->term && fc_date_from_pb(a->term->start, &d))
        return d;
    return (fc_date_t){ 1970, 1, 1 };
}

/* ------------------------------------------------------------ the world */

static void lacks(rsv_world_t *w, const char *what, uint64_t id, fc_status_t st)
{
    if (w->error)
        return;
    w->error = st == FC_NOT_FOUND ? FC_UNAVAILABLE : st;
    snprintf(w->missing, sizeof w->missing, "%s %llu", what, (unsigned long long)id);
}

static ProtobufCMessage *cached(ProtobufCMessage **items, size_t n, uint64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (fc_record_id(items[i]) == id)
            return items[i];
    return NULL;
}

static ProtobufCMessage *lookup(rsv_world_t *w, int type, const char *what, uint64_t id,
                                void *items_field, size_t *n)
{
    ProtobufCMessage ***items = items_field;
    ProtobufCMessage *hit = cached(*items, *n, id);
    if (hit || w->error)
        return hit;
    ProtobufCMessage **grown = realloc(*items, (*n + 1) * sizeof *grown);
    if (!grown) {
        lacks(w, what, id, FC_RESOURCE_EXHAUSTED);
        return NULL;
    }
    *items = grown;
    fc_status_t st = fc_record_get(w->call, type, id, &hit);
    if (st) {
        lacks(w, what, id, st);
        return NULL;
    }
    grown[(*n)++] = hit;
    return hit;
}

const DocOrganisation *rsv_world_org(rsv_world_t *w, uint64_t id)
{
    return (const DocOrganisation *)lookup(w, REC_ORGANISATION, "organisation", id, &w->orgs,
                                           &w->n_orgs);
}

const DocOperation *rsv_world_op(rsv_world_t *w, uint64_t id)
{
    return (const DocOperation *)lookup(w, REC_OPERATION, "operation", id, &w->ops, &w->n_ops);
}

typedef struct {
    rsv_world_t *w;
    uint64_t self;
} siblings_t;

static fc_status_t take_sibling(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call, (void)stop;
    siblings_t *s = arg;
    if (fc_record_id(record) == s->self) {
        protobuf_c_message_free_unpacked(record, NULL);
        return FC_OK;
    }
    DocAgreement **grown = realloc(s->w->siblings, (s->w->n_siblings + 1) * sizeof *grown);
    if (!grown) {
        protobuf_c_message_free_unpacked(record, NULL);
        return FC_RESOURCE_EXHAUSTED;
    }
    s->w->siblings = grown;
    grown[s->w->n_siblings++] = (DocAgreement *)record;
    return FC_OK;
}

static fc_status_t optional(fc_call_t *call, int type, uint64_t id, ProtobufCMessage **out)
{
    *out = NULL;
    if (!id)
        return FC_OK;
    fc_status_t st = fc_record_get(call, type, id, out);
    return st == FC_NOT_FOUND ? FC_OK : st;
}

/* The rules belong to the framework the agreement hangs under, or else to
 * the framework its centre names (domain.md: "Rules belong to a
 * framework"). */
static rnd_rule_set_t rules_of(fc_call_t *call, rsv_world_t *w, fc_status_t *st)
{
    const DocAgreement *a = w->agreement;
    if (a->kind == AKIND(FRAMEWORK))
        return (rnd_rule_set_t)a->rule_set;
    uint64_t fw = a->framework_id ? a->framework_id : w->centre ? w->centre->framework_id : 0;
    *st = optional(call, REC_AGREEMENT, fw, (ProtobufCMessage **)&w->framework);
    return w->framework ? (rnd_rule_set_t)w->framework->rule_set : (rnd_rule_set_t)0;
}

fc_status_t rsv_world_load(fc_call_t *call, const DocAgreement *a, rsv_world_t *w)
{
    memset(w, 0, sizeof *w);
    w->call = call;
    w->agreement = a;
    w->date = rsv_version_date(a);
    fc_status_t st = optional(call, REC_CENTRE, a->centre_id, (ProtobufCMessage **)&w->centre);
    if (!st)
        w->rules = rules_of(call, w, &st);
    if (!st && a->centre_id) {
        fc_index_key_t key;
        fc_index_key_u64(&key, a->centre_id);
        siblings_t s = { w, a->id };
        st = fc_record_index_scan(call, REC_AGREEMENT, IX_AGREEMENT_CENTRE, &key, 0, take_sibling,
                                  &s);
    }
    return st ? fc_call_fail(call, st, "cannot read the registry's data for agreement %llu: %s",
                             (unsigned long long)a->id, fc_status_name(st))
              : FC_OK;
}

void rsv_world_clear(rsv_world_t *w)
{
    if (w->centre)
        protobuf_c_message_free_unpacked(&w->centre->base, NULL);
    if (w->framework)
        protobuf_c_message_free_unpacked(&w->framework->base, NULL);
    for (size_t i = 0; i < w->n_siblings; i++)
        protobuf_c_message_free_unpacked(&w->siblings[i]->base, NULL);
    for (size_t i = 0; i < w->n_orgs; i++)
        protobuf_c_message_free_unpacked(&w->orgs[i]->base, NULL);
    for (size_t i = 0; i < w->n_ops; i++)
        protobuf_c_message_free_unpacked(&w->ops[i]->base, NULL);
    free(w->siblings);
    free(w->orgs);
    free(w->ops);
    memset(w, 0, sizeof *w);
}
