/* Family centres: composition over time, classification, validation. */
#include "centre.h"

#include <stdio.h>
#include <stdlib.h>

#include "classify.h"
#include "fcavtal/pb.h"
#include "records.h"
#include "term.h"

typedef Fcavtal__V1__Centre Centre;
typedef Fcavtal__V1__Operation Op;
typedef Fcavtal__V1__Organisation Org;

bool reg_participation_active(const Fcavtal__V1__Participation *p, fc_date_t date)
{
    fc_date_t joined, left;
    if (!fc_date_from_pb(p->joined, &joined) || fc_date_cmp(joined, date) > 0)
        return false;
    return !fc_date_from_pb(p->left, &left) || fc_date_cmp(left, date) >= 0;
}

static Fcavtal__V1__RuleSet rule_set_of(fc_call_t *call, const Centre *c)
{
    Fcavtal__V1__Agreement *fw = c->framework_id
        ? (Fcavtal__V1__Agreement *)reg_find(call, DB_AGREEMENTS, c->framework_id,
                                             &fcavtal__v1__agreement__descriptor)
        : NULL;
    if (!fw)
        return FCAVTAL__V1__RULE_SET__RULE_SET_NATIONAL;
    Fcavtal__V1__RuleSet rs = fw->rule_set;
    fcavtal__v1__agreement__free_unpacked(fw, NULL);
    return rs;
}

/* The member as the classification rules see it: kind, co-location and
 * whether a municipality runs it. */
static fc_status_t member_of(fc_call_t *call, const Fcavtal__V1__Participation *p, fc_member_t *m)
{
    Op *op = NULL;
    Org *org = NULL;
    fc_status_t st = reg_load(call, DB_OPERATIONS, p->operation_id,
                              &fcavtal__v1__operation__descriptor, (ProtobufCMessage **)&op);
    if (!st)
        st = reg_load(call, DB_ORGANISATIONS, op->organisation_id,
                      &fcavtal__v1__organisation__descriptor, (ProtobufCMessage **)&org);
    if (!st) {
        m->kind = op->kind;
        m->co_located = p->co_located;
        m->municipal = org->kind == FCAVTAL__V1__ORG_KIND__ORG_KIND_MUNICIPALITY;
    }
    if (op)
        fcavtal__v1__operation__free_unpacked(op, NULL);
    if (org)
        fcavtal__v1__organisation__free_unpacked(org, NULL);
    return st;
}

Fcavtal__V1__Classification *reg_centre_classify(fc_call_t *call, const Centre *c, fc_date_t date)
{
    fc_member_t *members = calloc(c->n_participations + 1, sizeof *members);
    if (!members) {
        REG_FAIL_OOM(call);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < c->n_participations; i++) {
        if (!reg_participation_active(c->participations[i], date))
            continue;
        if (member_of(call, c->participations[i], &members[n])) {
            free(members);
            return NULL;
        }
        n++;
    }
    Fcavtal__V1__Classification *cl = fc_classify(members, n, c->prioritised_area,
                                                  rule_set_of(call, c), date);
    free(members);
    if (!cl)
        REG_FAIL_OOM(call);
    return cl;
}

static fc_status_t invalid(fc_call_t *call, const char *field, const char *what)
{
    fc_call_violation(call, field, "%s", what);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: %s", field, what);
}

static fc_status_t check_participation(fc_call_t *call, const Fcavtal__V1__Participation *p,
                                       const char *path)
{
    char f[256];
    fc_date_t joined, left;
    snprintf(f, sizeof f, "%s.operation_id", path);
    if (!reg_exists(call, DB_OPERATIONS, p->operation_id))
        return invalid(call, f, "unknown operation");
    snprintf(f, sizeof f, "%s.joined", path);
    if (!fc_date_from_pb(p->joined, &joined))
        return invalid(call, f, "a participation needs the date the operation joined");
    snprintf(f, sizeof f, "%s.left", path);
    if (p->left && !fc_date_from_pb(p->left, &left))
        return invalid(call, f, "not a calendar date");
    if (p->left && fc_date_cmp(left, joined) < 0)
        return invalid(call, f, "the operation left before it joined");
    return FC_OK;
}

/* An operation counted twice over the same days would be paid for twice. */
static fc_status_t check_overlap(fc_call_t *call, const Centre *c, size_t i, const char *path)
{
    const Fcavtal__V1__Participation *a = c->participations[i];
    for (size_t j = 0; j < i; j++) {
        const Fcavtal__V1__Participation *b = c->participations[j];
        if (a->operation_id != b->operation_id)
            continue;
        fc_date_t a0, a1, b0, b1;
        fc_date_from_pb(a->joined, &a0);
        fc_date_from_pb(b->joined, &b0);
        bool a_open = !fc_date_from_pb(a->left, &a1), b_open = !fc_date_from_pb(b->left, &b1);
        if ((a_open || fc_date_cmp(a1, b0) >= 0) && (b_open || fc_date_cmp(b1, a0) >= 0)) {
            char f[256];
            snprintf(f, sizeof f, "%s.participations[%zu]", path, i);
            return invalid(call, f, "the operation already takes part during these dates");
        }
    }
    return FC_OK;
}

static bool takes_part(const Centre *c, uint64_t operation_id)
{
    for (size_t i = 0; i < c->n_participations; i++)
        if (c->participations[i]->operation_id == operation_id)
            return true;
    return false;
}

static fc_status_t check_people(fc_call_t *call, const Centre *c, const char *path)
{
    char f[256];
    if (c->coordinator && c->coordinator->employing_operation_id
        && !takes_part(c, c->coordinator->employing_operation_id)) {
        snprintf(f, sizeof f, "%s.coordinator.employing_operation_id", path);
        return invalid(call, f, "the coordinator's employer must take part in the centre");
    }
    if (c->coordinator && (c->coordinator->fte_permille < 0 || c->coordinator->fte_permille > 1000)) {
        snprintf(f, sizeof f, "%s.coordinator.fte_permille", path);
        return invalid(call, f, "full-time equivalent must be 0..1000 permille");
    }
    for (size_t i = 0; i < c->n_steering_group; i++)
        if (c->steering_group[i]->operation_id
            && !reg_exists(call, DB_OPERATIONS, c->steering_group[i]->operation_id)) {
            snprintf(f, sizeof f, "%s.steering_group[%zu].operation_id", path, i);
            return invalid(call, f, "unknown operation");
        }
    for (size_t i = 0; i < c->n_staff; i++)
        if (c->staff[i]->operation_id && !reg_exists(call, DB_OPERATIONS, c->staff[i]->operation_id)) {
            snprintf(f, sizeof f, "%s.staff[%zu].operation_id", path, i);
            return invalid(call, f, "unknown operation");
        }
    return FC_OK;
}

static fc_status_t check_refs(fc_call_t *call, const Centre *c, const char *path)
{
    char f[256];
    snprintf(f, sizeof f, "%s.municipality_id", path);
    Org *m = NULL;
    fc_status_t st = reg_ref(call, DB_ORGANISATIONS, c->municipality_id,
                             &fcavtal__v1__organisation__descriptor, f, (ProtobufCMessage **)&m);
    if (st)
        return st;
    bool municipal = m->kind == FCAVTAL__V1__ORG_KIND__ORG_KIND_MUNICIPALITY;
    fcavtal__v1__organisation__free_unpacked(m, NULL);
    if (!municipal)
        return invalid(call, f, "not a municipality");
    if (c->framework_id) {
        Fcavtal__V1__Agreement *fw = NULL;
        snprintf(f, sizeof f, "%s.framework_id", path);
        st = reg_ref(call, DB_AGREEMENTS, c->framework_id, &fcavtal__v1__agreement__descriptor, f,
                     (ProtobufCMessage **)&fw);
        if (st)
            return st;
        bool framework = fw->kind == FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_FRAMEWORK;
        fcavtal__v1__agreement__free_unpacked(fw, NULL);
        if (!framework)
            return invalid(call, f, "not a framework agreement");
    }
    return FC_OK;
}

static fc_status_t check_centre(fc_call_t *call, const Centre *c, const char *path)
{
    char f[256];
    if (!c->name || !*c->name) {
        snprintf(f, sizeof f, "%s.name", path);
        return invalid(call, f, "a centre needs a name");
    }
    fc_date_t d;
    if (c->established && !fc_date_from_pb(c->established, &d)) {
        snprintf(f, sizeof f, "%s.established", path);
        return invalid(call, f, "not a calendar date");
    }
    fc_status_t st = check_refs(call, c, path);
    for (size_t i = 0; !st && i < c->n_participations; i++) {
        snprintf(f, sizeof f, "%s.participations[%zu]", path, i);
        st = check_participation(call, c->participations[i], f);
        if (!st)
            st = check_overlap(call, c, i, path);
    }
    return st ? st : check_people(call, c, path);
}

fc_status_t reg_centre_save(fc_call_t *call, Centre *c, const char *path)
{
    fc_status_t st = check_centre(call, c, path);
    if (st)
        return st;
    bool create = c->id == 0;
    if (create)
        st = reg_new_id(call, DB_CENTRES, &c->id);
    else if (!reg_exists(call, DB_CENTRES, c->id))
        st = fc_call_fail(call, FC_NOT_FOUND, "no centre with id %llu", (unsigned long long)c->id);
    if (st)
        return st;
    Fcavtal__V1__Classification *cl = reg_centre_classify(call, c, fc_call_today(call));
    if (!cl)
        return FC_INTERNAL;
    if (c->classification)
        fcavtal__v1__classification__free_unpacked(c->classification, NULL);
    c->classification = cl;
    st = reg_store(call, DB_CENTRES, c->id, &c->base);
    if (!st)
        st = reg_emit(call, create ? "centre.created" : "centre.updated", &c->base);
    return st;
}

REGISTRY_HANDLER(reg_put_centre)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    if (!req->put_centre->centre)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_centre needs a centre");
    Centre *c = (Centre *)fc_pb_clone(&req->put_centre->centre->base);
    if (!c)
        return REG_FAIL_OOM(call);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRE;
    rep->centre = c;
    return reg_centre_save(call, c, "centre");
}

REGISTRY_HANDLER(reg_get_centre)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    fc_status_t st = reg_load(call, DB_CENTRES, req->get_centre->id, &fcavtal__v1__centre__descriptor,
                              (ProtobufCMessage **)&rep->centre);
    if (!st)
        rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRE;
    return st;
}

static uint64_t region_of(fc_call_t *call, uint64_t organisation_id)
{
    Org *org = (Org *)reg_find(call, DB_ORGANISATIONS, organisation_id,
                               &fcavtal__v1__organisation__descriptor);
    if (!org)
        return 0;
    uint64_t region = org->region_id;
    fcavtal__v1__organisation__free_unpacked(org, NULL);
    return region;
}

static bool keep_centre(fc_call_t *call, const ProtobufCMessage *record, const void *filter)
{
    const Centre *c = (const Centre *)record;
    const Fcavtal__V1__ListCentres *f = filter;
    if (f->municipality_id && c->municipality_id != f->municipality_id)
        return false;
    if (f->classification && (!c->classification || c->classification->kind != f->classification))
        return false;
    return !f->region_id || region_of(call, c->municipality_id) == f->region_id;
}

REGISTRY_HANDLER(reg_list_centres)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    rep->centres = malloc(sizeof *rep->centres);
    if (!rep->centres)
        return REG_FAIL_OOM(call);
    fcavtal__v1__centre_list__init(rep->centres);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRES;
    return reg_list(call, DB_CENTRES, &fcavtal__v1__centre__descriptor, keep_centre,
                    req->list_centres, &rep->centres->n_items, &rep->centres->items);
}

/* Keeps only the participations in effect on `date`. */
static void filter_participations(Centre *c, fc_date_t date)
{
    size_t kept = 0;
    for (size_t i = 0; i < c->n_participations; i++) {
        if (reg_participation_active(c->participations[i], date))
            c->participations[kept++] = c->participations[i];
        else
            fcavtal__v1__participation__free_unpacked(c->participations[i], NULL);
    }
    c->n_participations = kept;
}

static fc_status_t add_members(fc_call_t *call, Fcavtal__V1__CentreComposition *comp)
{
    const Centre *c = comp->centre;
    for (size_t i = 0; i < c->n_participations; i++) {
        Op *op = NULL;
        Org *org = NULL;
        fc_status_t st = reg_load(call, DB_OPERATIONS, c->participations[i]->operation_id,
                                  &fcavtal__v1__operation__descriptor, (ProtobufCMessage **)&op);
        if (st)
            return st;
        if (reg_append(&comp->n_operations, &comp->operations, op)) {
            fcavtal__v1__operation__free_unpacked(op, NULL);
            return REG_FAIL_OOM(call);
        }
        bool seen = false;
        for (size_t j = 0; j < comp->n_organisations; j++)
            seen |= comp->organisations[j]->id == op->organisation_id;
        if (seen)
            continue;
        st = reg_load(call, DB_ORGANISATIONS, op->organisation_id,
                      &fcavtal__v1__organisation__descriptor, (ProtobufCMessage **)&org);
        if (st)
            return st;
        if (reg_append(&comp->n_organisations, &comp->organisations, org)) {
            fcavtal__v1__organisation__free_unpacked(org, NULL);
            return REG_FAIL_OOM(call);
        }
    }
    return FC_OK;
}

REGISTRY_HANDLER(reg_centre_as_of)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    fc_date_t date;
    if (!fc_date_from_pb(req->centre_as_of->date, &date))
        return invalid(call, "centre_as_of.date", "a calendar date is required");
    Fcavtal__V1__CentreComposition *comp = malloc(sizeof *comp);
    if (!comp)
        return REG_FAIL_OOM(call);
    fcavtal__v1__centre_composition__init(comp);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_COMPOSITION;
    rep->composition = comp;
    comp->date = fc_pb_date_new(date);
    fc_status_t st = reg_load(call, DB_CENTRES, req->centre_as_of->centre_id,
                              &fcavtal__v1__centre__descriptor, (ProtobufCMessage **)&comp->centre);
    if (st)
        return st;
    filter_participations(comp->centre, date);
    Fcavtal__V1__Classification *cl = reg_centre_classify(call, comp->centre, date);
    if (!cl)
        return FC_INTERNAL;
    if (comp->centre->classification)
        fcavtal__v1__classification__free_unpacked(comp->centre->classification, NULL);
    comp->centre->classification = cl;
    return add_members(call, comp);
}
