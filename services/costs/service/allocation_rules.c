/* A centre's local allocation rules (SetAllocationRules, replaced whole,
 * versioned) and the rules that apply to it over a span of days
 * (GetAllocationRules). Both ask the engine: a set is tried on the centre
 * before it is stored, and the effective rules are what the engine chooses
 * for an item of each category over the span, so the answer can never
 * differ from what a run would do. */
#include <stdio.h>
#include "fcavtal/text.h"
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "input.h"
#include "wire.h"

typedef Fcavtal__V1__AllocationOverride override_t;
typedef Fcavtal__V1__AllocationRule rule_t;

static fc_status_t bad(fc_call_t *call, size_t i, const char *field, const char *detail)
{
    char f[96];
    snprintf(f, sizeof f, "local.rules[%zu].%s", i, field);
    fc_call_violation(call, f, "%s", detail);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: %s", f, detail);
}

static fc_status_t check_rule(fc_call_t *call, const rule_t *r, size_t i,
                              const cst__centre_pb_t *c)
{
    if (r->category < 1 || r->category >= CST_CATEGORY_SLOTS)
        return bad(call, i, "category", "one of COORDINATOR, PREMISES, JOINT_ACTIVITY, OTHER");
    if (r->kind < 1 || r->kind > FCAVTAL__V1__ALLOCATION_RULE_KIND__ALLOCATION_RULE_EQUAL_PARTIES)
        return bad(call, i, "kind", "an allocation rule kind is required");
    if (!*r->source)
        return bad(call, i, "source", "name where it is agreed, e.g. \"Lokalt samverkansavtal §15\"");
    if (strlen(r->source) > CST_MAX_SOURCE)
        return bad(call, i, "source", "at most 200 bytes");
    if (r->n_weights > CST_MAX_WEIGHTS)
        return bad(call, i, "weights", "at most 256 weights");
    fc_date_t from, to;
    if (r->from && !fc_date_from_pb(r->from, &from))
        return bad(call, i, "from", "a date that exists");
    if (r->to && !fc_date_from_pb(r->to, &to))
        return bad(call, i, "to", "a date that exists");
    if (r->from && r->to && fc_date_cmp(from, to) > 0)
        return bad(call, i, "to", "comes before from: the days are inverted");
    for (size_t k = 0; k < r->n_weights; k++)
        if (!cst__model_takes_part(c, r->weights[k]->operation_id)) {
            char f[96];
            snprintf(f, sizeof f, "local.rules[%zu].weights[%zu].operation_id", i, k);
            fc_call_violation(call, f, "not a party of the centre");
            return fc_call_fail(call, FC_NOT_FOUND, "%s: operation %llu takes no part in centre "
                                "%s", f, (unsigned long long)r->weights[k]->operation_id, c->name);
        }
    return FC_OK;
}

static fc_status_t check_agreement(fc_call_t *call, const rule_t *r, size_t i, uint64_t centre)
{
    if (r->agreement_id == 0)
        return FC_OK;
    Fcavtal__V1__ModelAgreement *a = NULL;
    fc_status_t st = fc_record_get(call, CST_REC_AGREEMENT, r->agreement_id, (ProtobufCMessage **)&a);
    bool ok = !st && a->centre_id == centre;
    if (a)
        fcavtal__v1__model_agreement__free_unpacked(a, NULL);
    if (st && st != FC_NOT_FOUND)
        return st;
    if (!ok) {
        char f[64];
        snprintf(f, sizeof f, "local.rules[%zu].agreement_id", i);
        fc_call_violation(call, f, "not an agreement of this centre");
        return fc_call_fail(call, FC_NOT_FOUND, "%s: agreement %llu is not an agreement of "
                            "centre %llu", f, (unsigned long long)r->agreement_id,
                            (unsigned long long)centre);
    }
    return FC_OK;
}

/* The engine's field "centres[0].local_rules[3].weights" as the request's. */
static void rename_field(cst_error_t *err)
{
    const char *p = strstr(err->field, "local_rules");
    if (p == NULL)
        return;
    char f[CST_FIELD_MAX];
    snprintf(f, sizeof f, "local.rules%s", p + strlen("local_rules"));
    memcpy(err->field, f, sizeof f);
}

/* The rules tried on the centre as it stands, with no items. */
static fc_status_t try_rules(fc_call_t *call, const override_t *o)
{
    fc_date_t today = fc_call_today(call);
    cst__input_t in;
    cst__input_init(&in, (cst_period_t){CST_PERIOD_CUSTOM, today, today});
    cst__centre_input_t *c;
    fc_status_t st = cst__input_centre(call, &in, o->centre_id, o, &c);
    if (!st) {
        cst__input_finish(&in);
        cst_run_t *run = NULL;
        cst_error_t err = {0};
        st = cst_run_new(&c->in, &run, &err);
        cst_run_destroy(&run);
        if (st) {
            rename_field(&err);
            st = cst__wire_fail(call, st, &err, "the rules cannot be used");
        }
    }
    cst__input_clear(&in);
    return st;
}

CST_HANDLER(cst__set_rules, Fcavtal__V1__SetAllocationRules)
{
    const override_t *in = body->local;
    if (in == NULL) {
        fc_call_violation(call, "local", "the centre's rules are required");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "set_allocation_rules needs the rules");
    }
    if (in->n_rules > CST_MAX_RULES) {
        fc_call_violation(call, "local.rules", "at most %d rules", CST_MAX_RULES);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "at most %d rules per centre", CST_MAX_RULES);
    }
    if (strlen(in->change_note) > CST_MAX_NOTE) {
        fc_call_violation(call, "local.change_note", "at most %d bytes", CST_MAX_NOTE);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "the change note is too long");
    }
    cst__centre_pb_t *c;
    fc_status_t st = cst__model_centre(call, in->centre_id, &c);
    if (st)
        return st;
    for (size_t i = 0; !st && i < in->n_rules; i++) {
        st = check_rule(call, in->rules[i], i, c);
        if (!st)
            st = check_agreement(call, in->rules[i], i, c->id);
    }
    fcavtal__v1__model_centre__free_unpacked(c, NULL);
    if (!st)
        st = try_rules(call, in);
    if (st)
        return st;
    override_t *o = (override_t *)fc_pb_clone(&in->base);
    if (o == NULL)
        return fc_call_oom(call);
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_RULES;
    rep->rules = malloc(sizeof *rep->rules);
    if (rep->rules == NULL) {
        fcavtal__v1__allocation_override__free_unpacked(o, NULL);
        return fc_call_oom(call);
    }
    fcavtal__v1__centre_rules__init(rep->rules);
    rep->rules->centre_id = in->centre_id;
    rep->rules->local = o;
    override_t *old = NULL;
    st = fc_record_get(call, CST_REC_RULES, in->centre_id, (ProtobufCMessage **)&old);
    if (st && st != FC_NOT_FOUND)
        return st;
    o->id = o->centre_id;
    o->version = old ? old->version + 1 : 1;
    if (old)
        fcavtal__v1__allocation_override__free_unpacked(old, NULL);
    st = fc_record_put(call, CST_REC_RULES, &o->base);
    return st ? st : fc_call_emit(call, CST_REC_RULES, "set", &o->base);
}

/* ------------------------------------------------------------ effective */

static Fcavtal__V1__EffectiveRule *effective_rule(int category, const cst_segment_t *s)
{
    Fcavtal__V1__EffectiveRule *e = malloc(sizeof *e);
    if (e == NULL)
        return NULL;
    fcavtal__v1__effective_rule__init(e);
    e->category = (Fcavtal__V1__CostCategory)category;
    e->kind = (Fcavtal__V1__AllocationRuleKind)s->rule;
    e->source = strdup(s->source);
    e->basis = strdup(cst_rule_basis_text(s->basis));
    e->basis_code = (Fcavtal__V1__RuleBasis)s->basis;
    e->from = cst__wire_date_new(s->from);
    e->to = cst__wire_date_new(s->to);
    if (!e->source || !e->basis || !e->from || !e->to) {
        fcavtal__v1__effective_rule__free_unpacked(e, NULL);
        return NULL;
    }
    return e;
}

static bool push(void ***arr, size_t *n, void *v)
{
    if (v == NULL)
        return false;
    void **g = realloc(*arr, (*n + 1) * sizeof *g);
    if (g == NULL)
        return false;
    g[(*n)++] = v;
    *arr = g;
    return true;
}

/* One item of the category over the span shows which rule the engine
 * takes on which days; stretches with the same rule are merged. */
static fc_status_t category_rules(fc_call_t *call, cst__centre_input_t *c, int category,
                                  Fcavtal__V1__CentreRules *out)
{
    if (c->n_parties == 0)
        return FC_OK;
    cst_item_t probe = {.id = 1, .centre = c->centre.key, .category = (cst_category_t)category,
                        .amount = 1, .paid_by = c->parties[0].key, .note = "", .reference = "",
                        .from = c->in.period.from, .to = c->in.period.to};
    probe.amount = fc_date_days_between(probe.from, probe.to) + 1;
    cst_run_input_t in = c->in;
    in.items = &probe;
    in.n_items = 1;
    cst_run_t *run = NULL;
    cst_error_t err = {0};
    fc_status_t st = cst_run_new(&in, &run, &err);
    if (st) {
        char *gap = NULL;
        if (((gap = fc_format("%s: %s", cst_category_name((cst_category_t)category), err.message)) == NULL) ||
            !push((void ***)&out->gaps, &out->n_gaps, gap)) {
            free(gap);
            return fc_call_oom(call);
        }
        return FC_OK;
    }
    for (size_t s = 0; !st && s < run->n_segments; s++) {
        const cst_segment_t *seg = &run->segments[s];
        Fcavtal__V1__EffectiveRule *last = out->n_effective ? out->effective[out->n_effective - 1] : NULL;
        if (last && (int)last->category == category && (int)last->kind == (int)seg->rule &&
            strcmp(last->source, seg->source) == 0) {
            free(last->to);
            if ((last->to = cst__wire_date_new(seg->to)) == NULL)
                st = fc_call_oom(call);
            continue;
        }
        if (!push((void ***)&out->effective, &out->n_effective, effective_rule(category, seg)))
            st = fc_call_oom(call);
    }
    cst_run_destroy(&run);
    return st;
}

static fc_status_t use_rights(fc_call_t *call, uint64_t centre, Fcavtal__V1__CentreRules *out)
{
    Fcavtal__V1__ModelAgreement **list;
    size_t n;
    fc_status_t st = cst__model_agreements(call, centre, &list, &n);
    if (st)
        return st;
    for (size_t i = 0; i < n; i++) {
        if (list[i]->kind == FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_USE_RIGHT &&
            push((void ***)&out->use_rights, &out->n_use_rights, list[i]))
            list[i] = NULL;
        else if (list[i]->kind == FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_USE_RIGHT)
            st = fc_call_oom(call);
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (list[i])
            list[k++] = list[i];
    cst__model_agreements_free(list, k);
    return st;
}

static fc_status_t framework_text(fc_call_t *call, uint64_t centre, Fcavtal__V1__CentreRules *out)
{
    cst__centre_pb_t *c;
    fc_status_t st = cst__model_centre(call, centre, &c);
    if (st)
        return st;
    Fcavtal__V1__ModelAgreement *fw = NULL;
    st = cst__model_framework(call, c, &fw);
    fcavtal__v1__model_centre__free_unpacked(c, NULL);
    if (st || fw == NULL)
        return st;
    char *s = NULL;
    if (((s = fc_format("%s%s%s (agreement %llu)", fw->title, *fw->case_number ? ", " : "",
                 fw->case_number, (unsigned long long)fw->id)) == NULL) ||
        fc_pb_set_string(&out->framework, s))
        st = fc_call_oom(call);
    free(s);
    fcavtal__v1__model_agreement__free_unpacked(fw, NULL);
    return st;
}

static fc_status_t span(fc_call_t *call, const Fcavtal__V1__GetAllocationRules *b, cst_period_t *p)
{
    fc_date_t today = fc_call_today(call);
    *p = cst_period_year(today.year);
    p->kind = CST_PERIOD_CUSTOM;
    if (b->from && !fc_date_from_pb(b->from, &p->from)) {
        fc_call_violation(call, "get_allocation_rules.from", "a date that exists");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "from: not a date");
    }
    if (b->to && !fc_date_from_pb(b->to, &p->to)) {
        fc_call_violation(call, "get_allocation_rules.to", "a date that exists");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "to: not a date");
    }
    if (fc_date_cmp(p->from, p->to) > 0) {
        fc_call_violation(call, "get_allocation_rules.to", "comes before from");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "the span is inverted");
    }
    return FC_OK;
}

CST_HANDLER(cst__get_rules, Fcavtal__V1__GetAllocationRules)
{
    cst_period_t p;
    fc_status_t st = span(call, body, &p);
    if (st)
        return st;
    Fcavtal__V1__CentreRules *out = malloc(sizeof *out);
    if (out == NULL)
        return fc_call_oom(call);
    fcavtal__v1__centre_rules__init(out);
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_RULES;
    rep->rules = out;
    out->centre_id = body->centre_id;
    cst__input_t in;
    cst__input_init(&in, p);
    cst__centre_input_t *c;
    st = cst__input_centre(call, &in, body->centre_id, NULL, &c);
    if (!st) {
        cst__input_finish(&in);
        out->rule_set = cst__model_rule_set_pb(c->centre.rule_set);
        out->framework_effective = cst__wire_date_new(c->centre.framework_effective);
        out->established = cst__wire_date_new(c->centre.established);
        if (!out->framework_effective || !out->established)
            st = fc_call_oom(call);
    }
    for (int k = 1; !st && k < CST_CATEGORY_SLOTS; k++)
        st = category_rules(call, c, k, out);
    for (size_t i = 0; !st && i < in.n_warnings; i++)
        fc_call_warning(call, "%s", in.warnings[i]);
    cst__input_clear(&in);
    if (!st) {
        st = fc_record_get(call, CST_REC_RULES, body->centre_id, (ProtobufCMessage **)&out->local);
        st = st == FC_NOT_FOUND ? FC_OK : st;
    }
    if (!st)
        st = use_rights(call, body->centre_id, out);
    if (!st)
        st = framework_text(call, body->centre_id, out);
    return st;
}
