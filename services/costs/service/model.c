#include "model.h"

#include <stdio.h>
#include <stdlib.h>

#include "wire.h"

void cst__model_position(fc_call_t *call, char *out, size_t size)
{
    cst_state_t *st = fc_call_state(call);
    if (st == NULL || st->follower == NULL) {
        snprintf(out, size, "costs follows no registry");
        return;
    }
    fc_follower_stats_t s = fc_follower_stats(st->follower);
    snprintf(out, size, "costs has applied registry event %llu of %llu%s",
             (unsigned long long)s.position, (unsigned long long)s.leader_seq,
             s.live ? "" : ", not yet caught up");
}

fc_status_t cst__model_centre(fc_call_t *call, uint64_t id, cst__centre_pb_t **out)
{
    fc_status_t st = fc_record_get(call, CST_REC_CENTRE, id, (ProtobufCMessage **)out);
    if (st == FC_NOT_FOUND) {
        char pos[160];
        cst__model_position(call, pos, sizeof pos);
        return fc_call_fail(call, FC_NOT_FOUND, "unknown centre %llu: the registry has no such "
                            "centre (%s)", (unsigned long long)id, pos);
    }
    return st ? fc_call_fail(call, st, "cannot read centre %llu", (unsigned long long)id) : FC_OK;
}

static fc_status_t load_agreement(fc_call_t *call, uint64_t id, cst__agreement_pb_t **out)
{
    fc_status_t st = fc_record_get(call, CST_REC_AGREEMENT, id, (ProtobufCMessage **)out);
    return st == FC_NOT_FOUND ? FC_OK : st;
}

fc_status_t cst__model_framework(fc_call_t *call, const cst__centre_pb_t *c,
                                 cst__agreement_pb_t **out)
{
    *out = NULL;
    if (c->framework_id)
        return load_agreement(call, c->framework_id, out);
    cst__agreement_pb_t **list;
    size_t n;
    fc_status_t st = cst__model_agreements(call, c->id, &list, &n);
    uint64_t fw = 0;
    for (size_t i = 0; !st && i < n && !fw; i++)
        if (list[i]->kind == FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_LOCAL)
            fw = list[i]->framework_id;
    if (!st)
        cst__model_agreements_free(list, n);
    return !st && fw ? load_agreement(call, fw, out) : st;
}

typedef struct {
    cst__agreement_pb_t **v;
    size_t n, cap;
} list_t;

static fc_status_t collect(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)stop;
    list_t *l = arg;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        cst__agreement_pb_t **v = realloc(l->v, cap * sizeof *v);
        if (v == NULL) {
            protobuf_c_message_free_unpacked(record, NULL);
            return fc_call_oom(call);
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (cst__agreement_pb_t *)record;
    return FC_OK;
}

fc_status_t cst__model_agreements(fc_call_t *call, uint64_t centre_id,
                                  cst__agreement_pb_t ***out, size_t *n)
{
    fc_index_key_t key;
    fc_index_key_u64(&key, centre_id);
    list_t l = {0};
    fc_status_t st = fc_record_index_scan(call, CST_REC_AGREEMENT, CST_IX_AGREEMENT_BY_CENTRE, &key,
                                          0, collect, &l);
    if (st) {
        cst__model_agreements_free(l.v, l.n);
        return st;
    }
    *out = l.v;
    *n = l.n;
    return FC_OK;
}

void cst__model_agreements_free(cst__agreement_pb_t **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fcavtal__v1__model_agreement__free_unpacked(list[i], NULL);
    free(list);
}

bool cst__model_in_force(const cst__agreement_pb_t *a)
{
    switch (a->status) {
    case FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_ACTIVE:
    case FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_UNDER_NOTICE:
    case FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_TERMINATED:
    case FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_EXPIRED:
        return true; /* each bound its parties for its term's days */
    default:
        return false;
    }
}

bool cst__model_takes_part(const cst__centre_pb_t *c, uint64_t operation_id)
{
    for (size_t i = 0; i < c->n_participations; i++)
        if (c->participations[i]->operation_id == operation_id)
            return true;
    return false;
}

bool cst__model_composed(const cst__centre_pb_t *c, fc_date_t from, fc_date_t to)
{
    for (size_t i = 0; i < c->n_participations; i++) {
        const Fcavtal__V1__Participation *p = c->participations[i];
        fc_date_t joined, left;
        if (!fc_date_from_pb(p->joined, &joined) || fc_date_cmp(joined, to) > 0)
            continue;
        if (fc_date_from_pb(p->left, &left) && fc_date_cmp(left, from) < 0)
            continue;
        return true;
    }
    return false;
}

cst_op_kind_t cst__model_op_kind(Fcavtal__V1__OperationKind k)
{
    switch (k) {
    case FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_BHV: return CST_OP_BHV;
    case FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_MHV: return CST_OP_MHV;
    case FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_OFS: return CST_OP_OFS;
    case FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_SOC: return CST_OP_SOC;
    default: return CST_OP_OTHER;
    }
}

cst_org_kind_t cst__model_org_kind(Fcavtal__V1__OrgKind k)
{
    switch (k) {
    case FCAVTAL__V1__ORG_KIND__ORG_KIND_REGION: return CST_ORG_REGION;
    case FCAVTAL__V1__ORG_KIND__ORG_KIND_MUNICIPALITY: return CST_ORG_MUNICIPALITY;
    case FCAVTAL__V1__ORG_KIND__ORG_KIND_COMPANY: return CST_ORG_COMPANY;
    default: return CST_ORG_OTHER;
    }
}

cst_rule_set_t cst__model_rule_set(Fcavtal__V1__RuleSet r)
{
    switch (r) {
    case FCAVTAL__V1__RULE_SET__RULE_SET_VG: return CST_RULE_SET_VG;
    case FCAVTAL__V1__RULE_SET__RULE_SET_OREBRO: return CST_RULE_SET_OREBRO;
    default: return CST_RULE_SET_NONE; /* the national guidance names no cost rule */
    }
}

Fcavtal__V1__RuleSet cst__model_rule_set_pb(cst_rule_set_t r)
{
    switch (r) {
    case CST_RULE_SET_VG: return FCAVTAL__V1__RULE_SET__RULE_SET_VG;
    case CST_RULE_SET_OREBRO: return FCAVTAL__V1__RULE_SET__RULE_SET_OREBRO;
    default: return FCAVTAL__V1__RULE_SET__RULE_SET_UNSPECIFIED;
    }
}
