#include "input.h"
#include "fcavtal/text.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

/* VG §4: the framework took effect on 2024-03-01; used when the registry's
 * framework agreement records no start. */
static const fc_date_t VG_FIRST_DAY = {2024, 3, 1};

#define GROW(arr, n, cap, init)                                               \
    ((n) < (cap) ? true                                                       \
                 : grow_array((void **)&(arr), &(cap), sizeof *(arr), (init)))

static bool grow_array(void **arr, size_t *cap, size_t size, size_t init)
{
    size_t c = *cap ? *cap * 2 : init;
    void *v = realloc(*arr, c * size);
    if (v == NULL)
        return false;
    *arr = v;
    *cap = c;
    return true;
}

void cst__input_init(cst__input_t *in, cst_period_t period)
{
    *in = (cst__input_t){.period = period};
    in->items_allocator = (ProtobufCAllocator){cst_pool_pb_alloc, cst_pool_pb_free, &in->items};
    cst__idmap_init(&in->by_centre);
    cst__idmap_init(&in->ops);
    cst__idmap_init(&in->orgs);
}

static void centre_free(cst__centre_input_t *c)
{
    free(c->parts);
    free(c->rules);
    free(c->weights);
    free(c->parties);
    free(c->orgs);
    free(c->items);
    free(c);
}

void cst__input_clear(cst__input_t *in)
{
    for (size_t i = 0; i < in->n_centres; i++)
        centre_free(in->centres[i]);
    free(in->centres);
    for (size_t i = 0; i < in->n_owned; i++)
        protobuf_c_message_free_unpacked(in->owned[i], NULL);
    free(in->owned);
    cst_pool_clear(&in->items);
    for (size_t i = 0; i < in->n_strings; i++)
        free(in->strings[i]);
    free(in->strings);
    for (size_t i = 0; i < in->n_warnings; i++)
        free(in->warnings[i]);
    free(in->warnings);
    cst__idmap_clear(&in->by_centre);
    cst__idmap_clear(&in->ops);
    cst__idmap_clear(&in->orgs);
    *in = (cst__input_t){0};
}

static void *clear_thread(void *arg)
{
    cst__input_clear(arg);
    free(arg);
    return NULL;
}

void cst__input_clear_later(cst__input_t *in)
{
    cst__input_t *moved = in->n_owned > 10000 || in->items.head ? malloc(sizeof *moved) : NULL;
    pthread_t t;
    pthread_attr_t attr;
    bool started = false;
    if (moved && pthread_attr_init(&attr) == 0) {
        *moved = *in;
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        started = pthread_create(&t, &attr, clear_thread, moved) == 0;
        pthread_attr_destroy(&attr);
    }
    if (started) {
        *in = (cst__input_t){0};   /* the pool's blocks went with the copy */
        return;
    }
    free(moved);
    cst__input_clear(in);
}

static fc_status_t own(fc_call_t *call, cst__input_t *in, void *record)
{
    if (!GROW(in->owned, in->n_owned, in->cap_owned, 64)) {
        protobuf_c_message_free_unpacked(record, NULL);
        return fc_call_oom(call);
    }
    in->owned[in->n_owned++] = record;
    return FC_OK;
}

static const char *keep_string(cst__input_t *in, char *s)
{
    if (s == NULL || !GROW(in->strings, in->n_strings, in->cap_strings, 16)) {
        free(s);
        return NULL;
    }
    in->strings[in->n_strings++] = s;
    return s;
}

fc_status_t cst__input_warn(fc_call_t *call, cst__input_t *in, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = fc_vformat(fmt, ap);
    va_end(ap);
    if (s == NULL || !GROW(in->warnings, in->n_warnings, in->cap_warnings, 8)) {
        free(s);
        return fc_call_oom(call);
    }
    in->warnings[in->n_warnings++] = s;
    return FC_OK;
}

/* ------------------------------------------------------------ the model */

static fc_status_t load_cached(fc_call_t *call, cst__input_t *in, cst__idmap_t *cache, int type,
                               uint64_t id, const char *what, const char *centre,
                               ProtobufCMessage **out)
{
    *out = cst__idmap_get(cache, id);
    if (*out)
        return FC_OK;
    fc_status_t st = fc_record_get(call, type, id, out);
    if (st == FC_NOT_FOUND) {
        char pos[160];
        cst__model_position(call, pos, sizeof pos);
        return fc_call_fail(call, FC_FAILED_PRECONDITION,
                            "%s %llu of centre %s is not in the registry's data (%s)", what,
                            (unsigned long long)id, centre, pos);
    }
    if (st)
        return fc_call_fail(call, st, "cannot read %s %llu", what, (unsigned long long)id);
    if ((st = own(call, in, *out)))
        return st;
    return cst__idmap_put(cache, id, *out) ? FC_OK : fc_call_oom(call);
}

static fc_status_t add_org(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c,
                           uint64_t id, const cst__org_pb_t **out)
{
    ProtobufCMessage *rec;
    fc_status_t st = load_cached(call, in, &in->orgs, CST_REC_ORG, id, "organisation",
                                 c->centre.name, &rec);
    if (st)
        return st;
    const cst__org_pb_t *o = (const cst__org_pb_t *)rec;
    *out = o;
    for (size_t i = 0; i < c->n_orgs; i++)
        if (c->orgs[i].key == id)
            return FC_OK;
    c->orgs[c->n_orgs++] = (cst_organisation_t){o->id, o->name, o->org_number,
                                                cst__model_org_kind(o->kind)};
    return FC_OK;
}

/* A party and its organisation; a company's operation (a private BVC under
 * vårdval) counts with its region as principal (docs/domain.md §10.3). */
static fc_status_t add_party(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c,
                             uint64_t op_id)
{
    for (size_t i = 0; i < c->n_parties; i++)
        if (c->parties[i].key == op_id)
            return FC_OK;
    ProtobufCMessage *rec;
    fc_status_t st = load_cached(call, in, &in->ops, CST_REC_OP, op_id, "operation",
                                 c->centre.name, &rec);
    const cst__op_pb_t *op = (const cst__op_pb_t *)rec;
    const cst__org_pb_t *org = NULL, *region = NULL;
    if (!st)
        st = add_org(call, in, c, op->organisation_id, &org);
    uint64_t principal = 0;
    if (!st && org->kind == FCAVTAL__V1__ORG_KIND__ORG_KIND_COMPANY && org->region_id) {
        st = add_org(call, in, c, org->region_id, &region);
        principal = org->region_id;
    }
    if (st)
        return st;
    c->parties[c->n_parties++] = (cst_party_t){op->id, op->name, cst__model_op_kind(op->kind),
                                               op->organisation_id, principal};
    return FC_OK;
}

static fc_status_t add_participations(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c,
                                      const cst__centre_pb_t *pb)
{
    size_t n = pb->n_participations;
    c->parts = calloc(n ? n : 1, sizeof *c->parts);
    c->parties = calloc(n ? n : 1, sizeof *c->parties);
    /* Each party brings its organisation and at most one principal. */
    c->orgs = calloc(n ? 2 * n : 1, sizeof *c->orgs);
    if (!c->parts || !c->parties || !c->orgs)
        return fc_call_oom(call);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const Fcavtal__V1__Participation *p = pb->participations[i];
        cst_participation_t *out = &c->parts[k];
        if (!fc_date_from_pb(p->joined, &out->joined))
            continue; /* the registry requires it; a record without one shares nothing */
        out->party = p->operation_id;
        out->has_left = fc_date_from_pb(p->left, &out->left);
        fc_status_t st = add_party(call, in, c, p->operation_id);
        if (st)
            return st;
        k++;
    }
    c->centre.participations = c->parts;
    c->centre.n_participations = k;
    return FC_OK;
}

static fc_status_t set_framework(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c,
                                 const cst__centre_pb_t *pb)
{
    cst__agreement_pb_t *fw = NULL;
    fc_status_t st = cst__model_framework(call, pb, &fw);
    if (st)
        return st;
    c->centre.rule_set = fw ? cst__model_rule_set(fw->rule_set) : CST_RULE_SET_NONE;
    c->centre.framework_effective = (fc_date_t){1, 1, 1};
    if (fw && !fc_date_from_pb(fw->start, &c->centre.framework_effective)) {
        c->centre.framework_effective = VG_FIRST_DAY;
        if (c->centre.rule_set == CST_RULE_SET_VG)
            st = cst__input_warn(call, in, "framework agreement %llu of centre %s records no "
                                 "first day; VG §4's 2024-03-01 is used",
                                 (unsigned long long)fw->id, pb->name);
    }
    if (fw)
        fcavtal__v1__model_agreement__free_unpacked(fw, NULL);
    /* Without a recorded date the centre counts as established on the day
     * its first operation joined. */
    if (!fc_date_from_pb(pb->established, &c->centre.established)) {
        c->centre.established = c->centre.framework_effective;
        for (size_t i = 0; i < c->centre.n_participations; i++)
            if (i == 0 || fc_date_cmp(c->parts[i].joined, c->centre.established) < 0)
                c->centre.established = c->parts[i].joined;
    }
    return st;
}

/* ------------------------------------------------------------ local rules */

static bool has_premises_rule(const Fcavtal__V1__AllocationOverride *o)
{
    for (size_t i = 0; o && i < o->n_rules; i++)
        if (o->rules[i]->category == FCAVTAL__V1__COST_CATEGORY__COST_CATEGORY_PREMISES)
            return true;
    return false;
}

static const cst__agreement_pb_t *find_agreement(cst__agreement_pb_t **list, size_t n,
                                                 uint64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i]->id == id)
            return list[i];
    return NULL;
}

/* Bilaga 2 §2: each operation's share of the areas, in square metres when
 * every share names them, else in per mille. */
static size_t use_right_weights(const cst__agreement_pb_t *a, cst_weight_t *out,
                                cst_weight_unit_t *unit)
{
    bool metres = a->n_shares > 0;
    for (size_t i = 0; i < a->n_shares; i++)
        metres = metres && a->shares[i]->square_metres > 0;
    *unit = metres ? CST_UNIT_SQUARE_METRES : CST_UNIT_PERMILLE;
    size_t n = 0;
    for (size_t i = 0; i < a->n_shares; i++) {
        const Fcavtal__V1__PremisesShare *s = a->shares[i];
        int64_t w = metres ? s->square_metres : s->share_permille;
        size_t j = 0;
        while (j < n && out[j].party != s->operation_id)
            j++;
        if (j == n)
            out[n++] = (cst_weight_t){s->operation_id, 0};
        out[j].weight += w < 0 ? 0 : w;
    }
    return n;
}

static void rule_dates(cst_local_rule_t *r, const Fcavtal__V1__Date *from,
                       const Fcavtal__V1__Date *to)
{
    r->has_from = fc_date_from_pb(from, &r->from);
    r->has_to = fc_date_from_pb(to, &r->to);
}

static fc_status_t use_right_rule(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c,
                                  const cst__agreement_pb_t *a, size_t *w)
{
    cst_local_rule_t *r = &c->rules[c->n_rules++];
    *r = (cst_local_rule_t){.category = CST_CATEGORY_PREMISES, .kind = CST_RULE_PREMISES_AREA};
    r->weights = c->weights + *w;
    r->n_weights = use_right_weights(a, c->weights + *w, &r->unit);
    *w += r->n_weights;
    char *src = NULL;
    if (((src = fc_format("Nyttjanderättsavtal §2 (agreement %llu%s%s)", (unsigned long long)a->id,
                 *a->case_number ? ", " : "", a->case_number)) == NULL))
        src = NULL;
    if ((r->source = keep_string(in, src)) == NULL)
        return fc_call_oom(call);
    rule_dates(r, a->start, a->end);
    return FC_OK;
}

static fc_status_t stated_rule(fc_call_t *call, cst__centre_input_t *c,
                               const Fcavtal__V1__AllocationRule *pb, cst__agreement_pb_t **ags,
                               size_t n_ags, size_t *w)
{
    cst_local_rule_t *r = &c->rules[c->n_rules++];
    *r = (cst_local_rule_t){.category = (cst_category_t)pb->category,
                            .kind = (cst_rule_kind_t)pb->kind,
                            .unit = (cst_weight_unit_t)pb->unit, .source = pb->source};
    r->weights = c->weights + *w;
    const cst__agreement_pb_t *a = pb->agreement_id ? find_agreement(ags, n_ags, pb->agreement_id)
                                                    : NULL;
    if (pb->n_weights == 0 && a && pb->kind == FCAVTAL__V1__ALLOCATION_RULE_KIND__ALLOCATION_RULE_PREMISES_AREA) {
        r->n_weights = use_right_weights(a, c->weights + *w, &r->unit);
    } else {
        for (size_t i = 0; i < pb->n_weights; i++)
            c->weights[*w + i] = (cst_weight_t){pb->weights[i]->operation_id, pb->weights[i]->weight};
        r->n_weights = pb->n_weights;
    }
    *w += r->n_weights;
    rule_dates(r, pb->from, pb->to);
    (void)call;
    return FC_OK;
}

static fc_status_t add_rules(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c,
                             const Fcavtal__V1__AllocationOverride *o)
{
    cst__agreement_pb_t **ags = NULL;
    size_t n_ags = 0;
    fc_status_t st = cst__model_agreements(call, c->centre.key, &ags, &n_ags);
    if (st)
        return st;
    size_t n_rules = o ? o->n_rules : 0, n_weights = 0;
    for (size_t i = 0; i < n_rules; i++)
        n_weights += o->rules[i]->n_weights;
    for (size_t i = 0; i < n_ags; i++)
        n_weights += ags[i]->n_shares; /* a rule may take a use-right's shares */
    n_rules += n_ags;
    c->rules = calloc(n_rules ? n_rules : 1, sizeof *c->rules);
    c->weights = calloc(n_weights ? n_weights : 1, sizeof *c->weights);
    if (!c->rules || !c->weights)
        st = fc_call_oom(call);
    size_t w = 0;
    for (size_t i = 0; !st && o && i < o->n_rules; i++)
        st = stated_rule(call, c, o->rules[i], ags, n_ags, &w);
    /* Premises follow the use-right agreement unless the local rules say
     * otherwise (Bilaga 2 §2, docs/domain.md §10.4). */
    for (size_t i = 0; !st && !has_premises_rule(o) && i < n_ags; i++)
        if (ags[i]->kind == FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_USE_RIGHT &&
            cst__model_in_force(ags[i]) && ags[i]->n_shares > 0)
            st = use_right_rule(call, in, c, ags[i], &w);
    cst__model_agreements_free(ags, n_ags);
    c->centre.local_rules = c->rules;
    c->centre.n_local_rules = c->n_rules;
    return st;
}

static fc_status_t stored_rules(fc_call_t *call, cst__input_t *in, uint64_t centre,
                                Fcavtal__V1__AllocationOverride **out)
{
    *out = NULL;
    fc_status_t st = fc_record_get(call, CST_REC_RULES, centre, (ProtobufCMessage **)out);
    if (st == FC_NOT_FOUND)
        return FC_OK;
    if (st)
        return fc_call_fail(call, st, "cannot read the rules of centre %llu",
                            (unsigned long long)centre);
    return own(call, in, *out);
}

/* ------------------------------------------------------------ centres */

static fc_status_t add_centre_slot(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c)
{
    if (!GROW(in->centres, in->n_centres, in->cap_centres, 16) ||
        !cst__idmap_put(&in->by_centre, c->centre.key, c)) {
        centre_free(c);
        return fc_call_oom(call);
    }
    in->centres[in->n_centres++] = c;
    return FC_OK;
}

fc_status_t cst__input_centre(fc_call_t *call, cst__input_t *in, uint64_t centre_id,
                              const Fcavtal__V1__AllocationOverride *rules,
                              cst__centre_input_t **out)
{
    cst__centre_pb_t *pb = NULL;
    fc_status_t st = cst__model_centre(call, centre_id, &pb);
    if (st)
        return st;
    if ((st = own(call, in, pb)))
        return st;
    cst__centre_input_t *c = calloc(1, sizeof *c);
    if (c == NULL)
        return fc_call_oom(call);
    c->centre.key = pb->id;
    c->centre.name = pb->name;
    c->municipality = pb->municipality_id;
    c->coordinator_employer = pb->coordinator_employer_id;
    if ((st = add_centre_slot(call, in, c)))
        return st;
    Fcavtal__V1__AllocationOverride *stored = NULL;
    st = add_participations(call, in, c, pb);
    if (!st)
        st = set_framework(call, in, c, pb);
    if (!st && rules == NULL)
        st = stored_rules(call, in, centre_id, &stored);
    if (!st)
        st = add_rules(call, in, c, rules ? rules : stored);
    *out = c;
    return st;
}

fc_status_t cst__input_item(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c,
                            cst__item_pb_t *pb, bool owned)
{
    if (owned) {
        fc_status_t st = own(call, in, pb);
        if (st)
            return st;
    }
    if (!GROW(c->items, c->n_items, c->cap_items, 16))
        return fc_call_oom(call);
    cst_item_t *it = &c->items[c->n_items++];
    int64_t ore = cst__wire_ore(pb->amount);
    *it = (cst_item_t){.id = pb->id, .centre = pb->centre_id,
                       .category = (cst_category_t)pb->category,
                       .amount = pb->credit ? -ore : ore, .paid_by = pb->paid_by_operation_id,
                       .note = pb->note, .reference = pb->reference};
    fc_date_from_pb(pb->from, &it->from);
    fc_date_from_pb(pb->to, &it->to);
    return FC_OK;
}

void cst__input_finish(cst__input_t *in)
{
    for (size_t i = 0; i < in->n_centres; i++) {
        cst__centre_input_t *c = in->centres[i];
        c->in = (cst_run_input_t){.period = in->period, .organisations = c->orgs,
                                  .n_organisations = c->n_orgs, .parties = c->parties,
                                  .n_parties = c->n_parties, .centres = &c->centre,
                                  .n_centres = 1, .items = c->items, .n_items = c->n_items};
    }
}

/* ------------------------------------------------------------ the scope */

static bool in_period(const cst__item_pb_t *it, cst_period_t p)
{
    fc_date_t from, to;
    return !it->withdrawn && fc_date_from_pb(it->from, &from) && fc_date_from_pb(it->to, &to) &&
           fc_date_cmp(from, p.to) <= 0 && fc_date_cmp(to, p.from) >= 0;
}

typedef struct {
    cst__input_t *in;
    cst__centre_input_t *centre; /* NULL: find or add the item's centre */
    bool pooled;                 /* records in in->items (a scan of all items) */
    cst_pool_mark_t before;      /* pooled: where the pool stood before the record */
} visit_t;

/* Records of a scan of all items live in the input's pool (300,000 of them
 * made 1.8 million mallocs, and as many frees at the end); others are freed
 * one by one. One the input does not keep goes straight back. */
static void drop(visit_t *v, ProtobufCMessage *record)
{
    if (v->pooled)
        cst_pool_release(&v->in->items, v->before);
    else
        protobuf_c_message_free_unpacked(record, NULL);
}

static fc_status_t take_item(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)stop;
    visit_t *v = arg;
    cst__item_pb_t *it = (cst__item_pb_t *)record;
    cst__centre_input_t *c = NULL;
    fc_status_t st = FC_OK;
    if (in_period(it, v->in->period)) {
        c = v->centre ? v->centre : cst__idmap_get(&v->in->by_centre, it->centre_id);
        if (c == NULL)
            st = cst__input_centre(call, v->in, it->centre_id, NULL, &c);
    }
    if (!st && c)
        st = cst__input_item(call, v->in, c, it, !v->pooled);
    else
        drop(v, record);
    if (v->pooled)
        v->before = cst_pool_mark(&v->in->items);
    return st;
}

static fc_status_t centre_items(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c)
{
    fc_index_key_t key;
    fc_index_key_u64(&key, c->centre.key);
    visit_t v = {in, c, false, {0}};
    return fc_record_index_scan(call, CST_REC_ITEM, CST_IX_ITEM_BY_CENTRE, &key, 0, take_item, &v);
}

static fc_status_t no_composition(fc_call_t *call, const cst__input_t *in,
                                  const cst__centre_input_t *c)
{
    char a[FC_DATE_STRLEN], b[FC_DATE_STRLEN];
    fc_call_violation(call, "period", "no operation takes part in centre %llu then",
                      (unsigned long long)c->centre.key);
    return fc_call_fail(call, FC_FAILED_PRECONDITION,
                        "the registry has no composition for centre %s (%llu) in %s..%s: no "
                        "operation takes part in it on any day of the period",
                        c->centre.name, (unsigned long long)c->centre.key,
                        fc_date_format(in->period.from, a), fc_date_format(in->period.to, b));
}

static bool composed(const cst__centre_input_t *c, cst_period_t p)
{
    for (size_t i = 0; i < c->centre.n_participations; i++) {
        const cst_participation_t *pt = &c->parts[i];
        if (fc_date_cmp(pt->joined, p.to) <= 0 && (!pt->has_left || fc_date_cmp(pt->left, p.from) >= 0))
            return true;
    }
    return false;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_centre(const void *a, const void *b)
{
    const cst__centre_input_t *x = *(cst__centre_input_t *const *)a;
    const cst__centre_input_t *y = *(cst__centre_input_t *const *)b;
    return cmp_u64(&x->centre.key, &y->centre.key);
}

static fc_status_t explicit_centres(fc_call_t *call, const cst__scope_t *s, cst__input_t *in)
{
    uint64_t *ids = malloc((s->n_centre_ids ? s->n_centre_ids : 1) * sizeof *ids);
    if (ids == NULL)
        return fc_call_oom(call);
    memcpy(ids, s->centre_ids, s->n_centre_ids * sizeof *ids);
    qsort(ids, s->n_centre_ids, sizeof *ids, cmp_u64);
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < s->n_centre_ids; i++) {
        if (i && ids[i] == ids[i - 1])
            continue;
        cst__centre_input_t *c;
        st = cst__input_centre(call, in, ids[i], NULL, &c);
        if (!st && !composed(c, in->period))
            st = no_composition(call, in, c);
        if (!st)
            st = centre_items(call, in, c);
    }
    free(ids);
    return st;
}

static fc_status_t municipality_centres(fc_call_t *call, const cst__scope_t *s, cst__input_t *in)
{
    bool known;
    fc_status_t st = fc_record_exists(call, CST_REC_ORG, s->municipality_id, &known);
    if (!st && !known) {
        fc_call_violation(call, "municipality_id", "no such organisation in the registry");
        return fc_call_fail(call, FC_NOT_FOUND, "unknown municipality %llu",
                            (unsigned long long)s->municipality_id);
    }
    fc_index_key_t key;
    fc_index_key_u64(&key, s->municipality_id);
    uint64_t *ids = NULL;
    size_t n = 0;
    if (!st)
        st = fc_record_index_ids(call, CST_REC_CENTRE, CST_IX_CENTRE_BY_MUNICIPALITY, &key, 0,
                                 SIZE_MAX, &ids, &n);
    for (size_t i = 0; !st && i < n; i++) {
        cst__centre_input_t *c;
        st = cst__input_centre(call, in, ids[i], NULL, &c);
        if (!st)
            st = centre_items(call, in, c);
        /* A centre that had closed (or not opened) is left out, unless it
         * has costs in the period. */
        if (!st && !composed(c, in->period) && c->n_items > 0)
            st = no_composition(call, in, c);
    }
    free(ids);
    return st;
}

static fc_status_t all_centres(fc_call_t *call, cst__input_t *in)
{
    visit_t v = {in, NULL, true, cst_pool_mark(&in->items)};
    fc_status_t st = fc_record_scan_in(call, CST_REC_ITEM, 0, &in->items_allocator, take_item,
                                       &v);
    for (size_t i = 0; !st && i < in->n_centres; i++)
        if (!composed(in->centres[i], in->period))
            st = no_composition(call, in, in->centres[i]);
    return st;
}

/* Drops the centres of a municipality that take no part in the period. */
static void drop_uncomposed(cst__input_t *in)
{
    size_t k = 0;
    for (size_t i = 0; i < in->n_centres; i++) {
        if (composed(in->centres[i], in->period))
            in->centres[k++] = in->centres[i];
        else
            centre_free(in->centres[i]);
    }
    in->n_centres = k;
}

fc_status_t cst__input_build(fc_call_t *call, const cst__scope_t *scope, cst__input_t *in)
{
    fc_status_t st;
    if (scope->n_centre_ids)
        st = explicit_centres(call, scope, in);
    else if (scope->municipality_id)
        st = municipality_centres(call, scope, in);
    else
        st = all_centres(call, in);
    if (st)
        return st;
    if (scope->municipality_id && !scope->n_centre_ids)
        drop_uncomposed(in);
    if (in->n_centres == 0) {
        char a[FC_DATE_STRLEN], b[FC_DATE_STRLEN];
        return fc_call_fail(call, FC_FAILED_PRECONDITION,
                            "nothing to settle: no centre in scope has cost items or takes part "
                            "in %s..%s", fc_date_format(in->period.from, a),
                            fc_date_format(in->period.to, b));
    }
    qsort(in->centres, in->n_centres, sizeof *in->centres, cmp_centre);
    cst__input_finish(in);
    return FC_OK;
}
