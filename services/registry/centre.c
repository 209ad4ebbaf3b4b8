/* Family centres: composition over time, classification, validation. */
#include "centre.h"

#include <stdio.h>
#include <stdlib.h>

#include "classify.h"
#include "fcavtal/pb.h"
#include "query.h"
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

/* The rule set of the centre's framework; the national guidance when the
 * centre names none. */
static fc_status_t rule_set_of(fc_call_t *call, const Centre *c, Fcavtal__V1__RuleSet *rs)
{
    *rs = FCAVTAL__V1__RULE_SET__RULE_SET_NATIONAL;
    if (!c->framework_id)
        return FC_OK;
    Fcavtal__V1__Agreement *fw = NULL;
    fc_status_t st = fc_record_load(call, REC_AGREEMENT, c->framework_id, (ProtobufCMessage **)&fw);
    if (st)
        return st;
    *rs = fw->rule_set;
    fcavtal__v1__agreement__free_unpacked(fw, NULL);
    return FC_OK;
}

/* The member as the classification rules see it: kind, co-location and
 * whether a municipality runs it. */
static fc_status_t member_of(fc_call_t *call, const Fcavtal__V1__Participation *p, fc_member_t *m)
{
    Op *op = NULL;
    Org *org = NULL;
    fc_status_t st = fc_record_load(call, REC_OPERATION, p->operation_id, (ProtobufCMessage **)&op);
    if (!st)
        st = fc_record_load(call, REC_ORGANISATION, op->organisation_id, (ProtobufCMessage **)&org);
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

fc_status_t reg_centre_classify(fc_call_t *call, const Centre *c, fc_date_t date,
                                Fcavtal__V1__Classification **out)
{
    *out = NULL;
    fc_member_t *members = calloc(c->n_participations + 1, sizeof *members);
    if (!members)
        return REG_FAIL_OOM(call);
    size_t n = 0;
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < c->n_participations; i++) {
        if (!reg_participation_active(c->participations[i], date))
            continue;
        if (!(st = member_of(call, c->participations[i], &members[n])))
            n++;
    }
    Fcavtal__V1__RuleSet rs;
    if (!st)
        st = rule_set_of(call, c, &rs);
    if (!st && !(*out = fc_classify(members, n, c->prioritised_area, rs, date)))
        st = REG_FAIL_OOM(call);
    free(members);
    return st;
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
    fc_status_t st = reg_require(call, REC_OPERATION, p->operation_id, f);
    if (st)
        return st;
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

typedef struct {
    uint64_t operation_id;
    fc_date_t joined, left;
    bool open;
    size_t index;
} span_t;

static int cmp_span(const void *x, const void *y)
{
    const span_t *a = x, *b = y;
    if (a->operation_id != b->operation_id)
        return a->operation_id < b->operation_id ? -1 : 1;
    int c = fc_date_cmp(a->joined, b->joined);
    return c ? c : (a->index < b->index ? -1 : 1);
}

/* An operation counted twice over the same days would be paid for twice.
 * Sorted by operation and start, each span only needs comparing with the
 * latest end so far of its operation: O(n log n), not O(n^2). */
static fc_status_t check_overlaps(fc_call_t *call, const Centre *c, const char *path)
{
    size_t n = c->n_participations;
    span_t *spans = calloc(n + 1, sizeof *spans);
    if (!spans)
        return REG_FAIL_OOM(call);
    for (size_t i = 0; i < n; i++) {
        const Fcavtal__V1__Participation *p = c->participations[i];
        spans[i] = (span_t){ .operation_id = p->operation_id, .index = i };
        fc_date_from_pb(p->joined, &spans[i].joined);
        spans[i].open = !fc_date_from_pb(p->left, &spans[i].left);
    }
    qsort(spans, n, sizeof *spans, cmp_span);
    fc_status_t st = FC_OK;
    for (size_t i = 1, first = 0; i < n && !st; i++) {
        if (spans[i].operation_id != spans[first].operation_id) {
            first = i;
            continue;
        }
        /* spans[first..i) are one operation's; track the latest end in first. */
        const span_t *prev = &spans[i - 1];
        bool reaches = spans[first].open || fc_date_cmp(spans[first].left, spans[i].joined) >= 0
                       || prev->open || fc_date_cmp(prev->left, spans[i].joined) >= 0;
        if (reaches) {
            char f[256];
            snprintf(f, sizeof f, "%s.participations[%zu]", path, spans[i].index);
            st = invalid(call, f, "the operation already takes part during these dates");
        } else if (!spans[first].open && fc_date_cmp(spans[i].left, spans[first].left) > 0) {
            spans[first].left = spans[i].left;
            spans[first].open = spans[i].open;
        }
    }
    free(spans);
    return st;
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
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < c->n_steering_group; i++)
        if (c->steering_group[i]->operation_id) {
            snprintf(f, sizeof f, "%s.steering_group[%zu].operation_id", path, i);
            st = reg_require(call, REC_OPERATION, c->steering_group[i]->operation_id, f);
        }
    for (size_t i = 0; !st && i < c->n_staff; i++)
        if (c->staff[i]->operation_id) {
            snprintf(f, sizeof f, "%s.staff[%zu].operation_id", path, i);
            st = reg_require(call, REC_OPERATION, c->staff[i]->operation_id, f);
        }
    return st;
}

static fc_status_t check_refs(fc_call_t *call, const Centre *c, const char *path)
{
    char f[256];
    snprintf(f, sizeof f, "%s.municipality_id", path);
    Org *m = NULL;
    fc_status_t st = reg_ref(call, REC_ORGANISATION, c->municipality_id, f, (ProtobufCMessage **)&m);
    if (st)
        return st;
    bool municipal = m->kind == FCAVTAL__V1__ORG_KIND__ORG_KIND_MUNICIPALITY;
    fcavtal__v1__organisation__free_unpacked(m, NULL);
    if (!municipal)
        return invalid(call, f, "not a municipality");
    if (c->framework_id) {
        Fcavtal__V1__Agreement *fw = NULL;
        snprintf(f, sizeof f, "%s.framework_id", path);
        st = reg_ref(call, REC_AGREEMENT, c->framework_id, f,
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

static fc_status_t check_limits(fc_call_t *call, const Centre *c, const char *path)
{
    fc_status_t st = reg_check_count(call, path, "participations", c->n_participations,
                                 REG_MAX_PARTICIPATIONS);
    if (!st)
        st = reg_check_count(call, path, "steering_group", c->n_steering_group, REG_MAX_PEOPLE);
    if (!st)
        st = reg_check_count(call, path, "staff", c->n_staff, REG_MAX_PEOPLE);
    return st ? st : reg_check_count(call, path, "contacts", c->n_contacts, REG_MAX_PEOPLE);
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
    fc_status_t st = check_limits(call, c, path);
    if (!st)
        st = check_refs(call, c, path);
    for (size_t i = 0; !st && i < c->n_participations; i++) {
        snprintf(f, sizeof f, "%s.participations[%zu]", path, i);
        st = check_participation(call, c->participations[i], f);
    }
    if (!st)
        st = check_overlaps(call, c, path);
    return st ? st : check_people(call, c, path);
}

fc_status_t reg_centre_save(fc_call_t *call, Centre *c, const char *path)
{
    fc_status_t st = check_centre(call, c, path);
    if (st)
        return st;
    bool create = c->id == 0;
    bool exists = false;
    if (create)
        st = fc_record_new_id(call, REC_CENTRE, &c->id);
    else if (!(st = fc_record_exists(call, REC_CENTRE, c->id, &exists)) && !exists)
        st = fc_call_fail(call, FC_NOT_FOUND, "no centre with id %llu", (unsigned long long)c->id);
    Fcavtal__V1__Classification *cl = NULL;
    if (!st)
        st = reg_centre_classify(call, c, fc_call_today(call), &cl);
    if (st)
        return st;
    if (c->classification)
        fcavtal__v1__classification__free_unpacked(c->classification, NULL);
    c->classification = cl;
    st = fc_record_put(call, REC_CENTRE, &c->base);
    if (!st)
        st = fc_call_emit(call, REC_CENTRE, create ? "created" : "updated", &c->base);
    return st;
}

fc_status_t reg_put_centre(fc_call_t *call, const Fcavtal__V1__PutCentre *body, Rep *rep)
{
    if (!body->centre)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_centre needs a centre");
    Centre *c = (Centre *)fc_pb_clone(&body->centre->base);
    if (!c)
        return REG_FAIL_OOM(call);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRE;
    rep->centre = c;
    return reg_centre_save(call, c, "centre");
}

fc_status_t reg_get_centre(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep)
{
    (void)rep;   /* the body is the stored record, added as the reply is packed */
    return fc_record_reply(call, REC_CENTRE, body->id, FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRE);
}

static fc_status_t keep_centre(fc_call_t *call, const ProtobufCMessage *record,
                               const void *filter, bool *keep)
{
    const Centre *c = (const Centre *)record;
    const Fcavtal__V1__ListCentres *f = filter;
    *keep = (!f->municipality_id || c->municipality_id == f->municipality_id)
            && (!f->classification || (c->classification && c->classification->kind == f->classification));
    uint64_t region = 0;
    fc_status_t st = *keep && f->region_id ? reg_region_of(call, c->municipality_id, &region) : FC_OK;
    if (!st && *keep && f->region_id)
        *keep = region == f->region_id;
    return st;
}

fc_status_t reg_list_centres(fc_call_t *call, const Fcavtal__V1__ListCentres *body, Rep *rep)
{
    Fcavtal__V1__CentreList *list = malloc(sizeof *list);
    if (!list)
        return REG_FAIL_OOM(call);
    fcavtal__v1__centre_list__init(list);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRES;
    rep->centres = list;
    reg_query_t q = { .type = REC_CENTRE, .keep = keep_centre, .filter = body,
                      .after_id = body->after_id, .limit = body->limit };
    if (body->municipality_id) {
        q.all[q.n_all].index = IX_CENTRE_MUNICIPALITY;
        fc_index_key_u64(&q.all[q.n_all++].key, body->municipality_id);
    }
    if (body->classification) {
        q.all[q.n_all].index = IX_CENTRE_CLASSIFICATION;
        fc_index_key_u32(&q.all[q.n_all++].key, (uint32_t)body->classification);
    }
    fc_status_t st = FC_OK;
    if (body->region_id && q.n_all == 0)
        st = reg_query_region(call, &q, IX_CENTRE_MUNICIPALITY, body->region_id);
    if (!st)
        st = reg_query_page(call, &q, &list->n_items, &list->items, &list->next_after_id);
    free(q.any);
    return st;
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
        fc_status_t st = fc_record_load(call, REC_OPERATION, c->participations[i]->operation_id, (ProtobufCMessage **)&op);
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
        st = fc_record_load(call, REC_ORGANISATION, op->organisation_id, (ProtobufCMessage **)&org);
        if (st)
            return st;
        if (reg_append(&comp->n_organisations, &comp->organisations, org)) {
            fcavtal__v1__organisation__free_unpacked(org, NULL);
            return REG_FAIL_OOM(call);
        }
    }
    return FC_OK;
}

fc_status_t reg_centre_as_of(fc_call_t *call, const Fcavtal__V1__CentreAsOf *body, Rep *rep)
{
    fc_date_t date;
    if (!fc_date_from_pb(body->date, &date))
        return invalid(call, "centre_as_of.date", "a calendar date is required");
    Fcavtal__V1__CentreComposition *comp = malloc(sizeof *comp);
    if (!comp)
        return REG_FAIL_OOM(call);
    fcavtal__v1__centre_composition__init(comp);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_COMPOSITION;
    rep->composition = comp;
    comp->date = fc_pb_date_new(date);
    fc_status_t st = fc_record_load(call, REC_CENTRE, body->centre_id, (ProtobufCMessage **)&comp->centre);
    if (st)
        return st;
    filter_participations(comp->centre, date);
    Fcavtal__V1__Classification *cl = NULL;
    if ((st = reg_centre_classify(call, comp->centre, date, &cl)))
        return st;
    if (comp->centre->classification)
        fcavtal__v1__classification__free_unpacked(comp->centre->classification, NULL);
    comp->centre->classification = cl;
    return add_members(call, comp);
}
