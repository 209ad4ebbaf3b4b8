/* A settlement run: validate, allocate every item's days, total per party,
 * net per organisation, plan the transfers. Nothing is kept from a run that
 * fails. */
#include "fcavtal/costs/settlement.h"
#include "fcavtal/format.h"
#include "fcavtal/text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "allocation.h"
#include "directory.h"
#include "keys.h"
#include "ledger.h"
#include "rules.h"
#include "text.h"
#include "validate.h"

static fc_date_t later(fc_date_t a, fc_date_t b)
{
    return fc_date_cmp(a, b) >= 0 ? a : b;
}

static fc_date_t earlier(fc_date_t a, fc_date_t b)
{
    return fc_date_cmp(a, b) <= 0 ? a : b;
}

/* ------------------------------------------------------------ copies */

/* The run's pool, made on first use (NULL when out of memory). */
static cst_pool_t *run_pool(cst_run_t *run)
{
    if (run->pool == NULL)
        run->pool = calloc(1, sizeof *run->pool);
    return run->pool;
}

char *cst_run_strdup(cst_run_t *run, const char *s)
{
    cst_pool_t *p = run_pool(run);
    return p ? cst_pool_strdup(p, s) : NULL;
}

void *cst_run_calloc(cst_run_t *run, size_t size)
{
    cst_pool_t *p = run_pool(run);
    return p ? cst_pool_calloc(p, size ? size : 1) : NULL;
}

static bool named(const cst_run_centre_t *rc, bool organisation, uint64_t key)
{
    for (size_t i = 0; i < rc->n_names; i++)
        if (rc->names[i].key == key && rc->names[i].organisation == organisation)
            return true;
    return false;
}

static bool add_name(cst_run_t *run, cst_run_centre_t *rc, bool organisation, uint64_t key,
                     const char *name)
{
    if (named(rc, organisation, key))
        return true;
    cst_run_name_t *n = &rc->names[rc->n_names];
    *n = (cst_run_name_t){key, organisation, cst_run_strdup(run, name)};
    rc->n_names++;
    return n->name != NULL;
}

/* The names its explanations use: every party and each party's principal. */
static bool name_centre(const cst__directory_t *d, const cst_centre_t *c, cst_run_t *run,
                        cst_run_centre_t *rc)
{
    size_t n = c->n_participations;
    if (n > SIZE_MAX / (2 * sizeof *rc->names))
        return false;
    rc->names = cst_run_calloc(run, 2 * n * sizeof *rc->names);
    bool ok = rc->names != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        const cst_party_t *p = cst__directory_party(d, c->participations[i].party);
        const cst_organisation_t *pr = cst__directory_principal(d, p);
        ok = add_name(run, rc, false, p->key, p->name) &&
             (pr == NULL || add_name(run, rc, true, pr->key, pr->name));
    }
    return ok;
}


static fc_status_t copy_centres(const cst__directory_t *d, cst_run_t *run, cst_error_t *err)
{
    run->centres = calloc(d->n_centres ? d->n_centres : 1, sizeof *run->centres);
    if (run->centres == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < d->n_centres; i++) {
        const cst_centre_t *c = d->centres[i];
        run->centres[i] = (cst_run_centre_t){c->key, cst__strdup(c->name), c->rule_set, NULL, 0};
        run->n_centres++;
        if (run->centres[i].name == NULL || !name_centre(d, c, run, &run->centres[i]))
            return cst_error_oom(err);
    }
    return FC_OK;
}

/* The input's item indices in id order: the run lists items by id, and
 * errors name the input index a person has to fix. */
static size_t *items_by_id(const cst_run_input_t *in)
{
    uint64_t *pairs = malloc((in->n_items ? in->n_items : 1) * 2 * sizeof *pairs);
    size_t *order = malloc((in->n_items ? in->n_items : 1) * sizeof *order);
    if (pairs == NULL || order == NULL) {
        free(pairs);
        free(order);
        return NULL;
    }
    for (size_t i = 0; i < in->n_items; i++) {
        pairs[2 * i] = in->items[i].id;
        pairs[2 * i + 1] = i;
    }
    /* cst__cmp_u64 compares the first word of each pair: the id (ids are unique). */
    qsort(pairs, in->n_items, 2 * sizeof *pairs, cst__cmp_u64);
    for (size_t i = 0; i < in->n_items; i++)
        order[i] = (size_t)pairs[2 * i + 1];
    free(pairs);
    return order;
}

static fc_status_t copy_items(const cst_run_input_t *in, const size_t *order, cst_run_t *run,
                              cst_error_t *err)
{
    run->items = calloc(in->n_items ? in->n_items : 1, sizeof *run->items);
    if (run->items == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < in->n_items; i++) {
        const cst_item_t *it = &in->items[order[i]];
        cst_run_item_t *r = &run->items[i];
        *r = (cst_run_item_t){.id = it->id, .centre = it->centre, .category = it->category,
                              .amount = it->amount, .paid_by = it->paid_by, .from = it->from,
                              .to = it->to};
        r->note = cst__strdup(it->note);
        r->reference = cst__strdup(it->reference);
        run->n_items++;
        if (r->note == NULL || r->reference == NULL)
            return cst_error_oom(err);
    }
    return FC_OK;
}

/* ------------------------------------------------------------ ledger lines */

/* Every party of the run's centres gets a line, whether or not it shares. */
static uint64_t *party_keys(const cst__directory_t *d, size_t *n)
{
    size_t cap = 0;
    for (size_t i = 0; i < d->n_centres; i++)
        cap += ((const cst_centre_t *)d->centres[i])->n_participations;
    uint64_t *keys = malloc((cap ? cap : 1) * sizeof *keys);
    if (keys == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < d->n_centres; i++) {
        const cst_centre_t *c = d->centres[i];
        for (size_t j = 0; j < c->n_participations; j++)
            keys[k++] = c->participations[j].party;
    }
    *n = cst__keys_unique(keys, k);
    return keys;
}

static fc_status_t add_organisations(const cst__directory_t *d, cst_ledger_t *l,
                                     const uint64_t *pkeys, size_t np, cst_error_t *err)
{
    uint64_t *okeys = malloc((np ? np : 1) * sizeof *okeys);
    if (okeys == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < np; i++)
        okeys[i] = cst__directory_party(d, pkeys[i])->organisation;
    size_t no = cst__keys_unique(okeys, np);
    l->organisations = calloc(no ? no : 1, sizeof *l->organisations);
    fc_status_t rc = l->organisations ? FC_OK : cst_error_oom(err);
    for (size_t j = 0; rc == FC_OK && j < no; j++) {
        const cst_organisation_t *o = cst__directory_organisation(d, okeys[j]);
        cst_org_line_t *line = &l->organisations[j];
        *line = (cst_org_line_t){.key = o->key, .kind = o->kind};
        line->name = cst__strdup(o->name);
        line->org_number = cst__strdup(o->org_number);
        l->n_organisations++;
        if (line->name == NULL || line->org_number == NULL)
            rc = cst_error_oom(err);
    }
    free(okeys);
    return rc;
}

static fc_status_t build_lines(const cst__directory_t *d, cst_ledger_t *l, cst_error_t *err)
{
    size_t np = 0;
    uint64_t *pkeys = party_keys(d, &np);
    if (pkeys == NULL)
        return cst_error_oom(err);
    fc_status_t rc = add_organisations(d, l, pkeys, np, err);
    if (rc == FC_OK) {
        l->parties = calloc(np ? np : 1, sizeof *l->parties);
        if (l->parties == NULL)
            rc = cst_error_oom(err);
    }
    for (size_t i = 0; rc == FC_OK && i < np; i++) {
        const cst_party_t *p = cst__directory_party(d, pkeys[i]);
        cst_party_line_t *line = &l->parties[i];
        *line = (cst_party_line_t){.key = p->key};
        line->organisation = (size_t)cst_ledger_organisation(l, p->organisation);
        line->name = cst__strdup(p->name);
        l->n_parties++;
        if (line->name == NULL)
            rc = cst_error_oom(err);
    }
    free(pkeys);
    return rc;
}

/* ------------------------------------------------------------ allocation */

static fc_status_t book_item(cst_run_t *run, cst_run_item_t *it, const cst_segment_t *segs,
                             size_t n, cst_error_t *err)
{
    cst_ledger_t *l = &run->ledger;
    fc_status_t rc = FC_OK;
    for (size_t s = 0; rc == FC_OK && s < n; s++) {
        rc = cst__add_checked(&it->accrued, segs[s].amount, "item amounts", err);
        for (size_t m = 0; rc == FC_OK && m < segs[s].n_members; m++) {
            cst_party_line_t *p = &l->parties[cst_ledger_party(l, segs[s].members[m].party)];
            rc = cst__add_checked(&p->share, segs[s].members[m].amount, "shares", err);
            if (rc == FC_OK)
                rc = cst__add_checked(&p->share_by_category[it->category],
                                     segs[s].members[m].amount, "shares", err);
        }
    }
    cst_party_line_t *payer = &l->parties[cst_ledger_party(l, it->paid_by)];
    if (rc == FC_OK)
        rc = cst__add_checked(&payer->paid, it->accrued, "payments", err);
    if (rc == FC_OK)
        rc = cst__add_checked(&payer->paid_by_category[it->category], it->accrued, "payments",
                             err);
    return rc;
}

static fc_status_t allocate_items(const cst_run_input_t *in, const size_t *order,
                                  const cst__directory_t *d, cst_run_t *run, cst_error_t *err)
{
    cst__segments_t segs = {.pool = run_pool(run)};
    fc_status_t rc = segs.pool ? FC_OK : cst_error_oom(err);
    for (size_t i = 0; rc == FC_OK && i < run->n_items; i++) {
        cst_run_item_t *it = &run->items[i];
        size_t at = order[i];
        /* "items[<at>]", by hand: snprintf per item was a tenth of a run. */
        char field[CST_FIELD_MAX], digits[24];
        size_t nd = sizeof digits, k = 0;
        size_t v = at;
        do {
            digits[--nd] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        memcpy(field, "items[", 6);
        k = 6;
        memcpy(field + k, digits + nd, sizeof digits - nd);
        k += sizeof digits - nd;
        field[k++] = ']';
        field[k] = '\0';
        size_t before = segs.n;
        rc = cst__allocate_item(d, &in->items[at], later(it->from, run->period.from),
                               earlier(it->to, run->period.to), field, &segs, err);
        if (rc == FC_OK)
            rc = book_item(run, it, segs.v + before, segs.n - before, err);
    }
    /* Handed over even on failure, so that cst_run_destroy frees it. */
    run->segments = segs.v;
    run->n_segments = segs.n;
    return rc;
}

/* ------------------------------------------------------------ warnings */

static fc_status_t warn(cst_run_t *run, char *text, cst_error_t *err)
{
    char **w = text ? realloc(run->warnings, (run->n_warnings + 1) * sizeof *w) : NULL;
    if (w == NULL) {
        free(text);
        return cst_error_oom(err);
    }
    run->warnings = w;
    run->warnings[run->n_warnings++] = text;
    return FC_OK;
}

static bool has_items(const cst_run_t *run, uint64_t centre, cst_category_t cat)
{
    for (size_t i = 0; i < run->n_items; i++)
        if (run->items[i].centre == centre && run->items[i].category == cat)
            return true;
    return false;
}

static fc_status_t add_warnings(const cst__directory_t *d, cst_run_t *run, cst_error_t *err)
{
    for (size_t i = 0; i < d->n_centres; i++) {
        const cst_centre_t *c = d->centres[i];
        if (!cst__rule_superseded_locally(c) || !has_items(run, c->key, CST_CATEGORY_COORDINATOR))
            continue;
        char f[FC_DATE_STRLEN];
        fc_status_t rc = warn(run,
                              fc_format("centre %s: " CST_SOURCE_VG " shares the "
                                            "coordinator cost equally among the base "
                                            "operations from %s, in existing centres too; the "
                                            "local agreement's coordinator rule applies only "
                                            "before that day",
                                            c->name, fc_date_format(c->framework_effective, f)),
                              err);
        if (rc != FC_OK)
            return rc;
    }
    return FC_OK;
}

/* ------------------------------------------------------------ the run */

static fc_status_t check_arrays(const cst_run_input_t *in, cst_error_t *err)
{
    if ((in->n_organisations && !in->organisations) || (in->n_parties && !in->parties) ||
        (in->n_centres && !in->centres) || (in->n_items && !in->items))
        return cst_error_set(err, FC_INVALID_ARGUMENT, NULL, "an input array is missing");
    return FC_OK;
}

static fc_status_t compute(const cst_run_input_t *in, const cst__directory_t *d, cst_run_t *run,
                           cst_error_t *err)
{
    run->period = in->period;
    size_t *order = items_by_id(in);
    fc_status_t rc = order ? copy_centres(d, run, err) : cst_error_oom(err);
    if (rc == FC_OK)
        rc = copy_items(in, order, run, err);
    if (rc == FC_OK)
        rc = build_lines(d, &run->ledger, err);
    if (rc == FC_OK)
        rc = allocate_items(in, order, d, run, err);
    free(order);
    if (rc == FC_OK)
        rc = cst__ledger_settle(&run->ledger, err);
    if (rc == FC_OK)
        rc = add_warnings(d, run, err);
    return rc;
}

fc_status_t cst_run_new(const cst_run_input_t *in, cst_run_t **out, cst_error_t *err)
{
    if (out == NULL || in == NULL)
        return cst_error_set(err, FC_INVALID_ARGUMENT, NULL, "no input or no place for a run");
    *out = NULL;
    fc_status_t rc = check_arrays(in, err);
    if (rc != FC_OK)
        return rc;
    cst__directory_t d;
    rc = cst__directory_build(in, &d, err);
    if (rc != FC_OK)
        return rc;
    rc = cst__validate(in, &d, err);
    cst_run_t *run = NULL;
    if (rc == FC_OK) {
        run = calloc(1, sizeof *run);
        rc = run ? compute(in, &d, run, err) : cst_error_oom(err);
    }
    cst__directory_clear(&d);
    if (rc != FC_OK) {
        cst_run_destroy(&run);
        return rc;
    }
    *out = run;
    return FC_OK;
}

void cst_run_destroy(cst_run_t **run_p)
{
    if (run_p == NULL || *run_p == NULL)
        return;
    cst_run_t *run = *run_p;
    for (size_t i = 0; i < run->n_centres; i++)
        free(run->centres[i].name);
    free(run->centres);
    for (size_t i = 0; i < run->n_items; i++) {
        free(run->items[i].note);
        free(run->items[i].reference);
    }
    free(run->items);
    free(run->segments);   /* their texts and members are in the pool */
    if (run->pool)
        cst_pool_clear(run->pool);
    free(run->pool);
    cst__ledger_clear(&run->ledger);
    for (size_t i = 0; i < run->n_warnings; i++)
        free(run->warnings[i]);
    free(run->warnings);
    free(run);
    *run_p = NULL;
}

void cst_run_finalise(cst_run_t *run)
{
    run->finalised = true;
}

_Static_assert(offsetof(cst_run_item_t, id) == 0, "id first");
_Static_assert(offsetof(cst_run_centre_t, key) == 0, "key first");

const cst_run_item_t *cst_run_item(const cst_run_t *run, uint64_t item_id)
{
    /* Items are by id, and a run item starts with it (cst__cmp_u64). */
    return run->n_items ? bsearch(&item_id, run->items, run->n_items, sizeof *run->items,
                                  cst__cmp_u64)
                        : NULL;
}

static const cst_run_centre_t *run_centre(const cst_run_t *run, uint64_t key)
{
    return run->n_centres ? bsearch(&key, run->centres, run->n_centres, sizeof *run->centres,
                                    cst__cmp_u64)
                          : NULL;
}

const char *cst_run_name(const cst_run_t *run, uint64_t centre, bool organisation, uint64_t key,
                         char buf[CST_NAME_STRLEN])
{
    const cst_run_centre_t *c = run_centre(run, centre);
    for (size_t i = 0; c && i < c->n_names; i++)
        if (c->names[i].key == key && c->names[i].organisation == organisation)
            return c->names[i].name;
    fc_snformat(buf, CST_NAME_STRLEN, "%s %llu", organisation ? "organisation" : "operation",
                (unsigned long long)key);
    return buf;
}

size_t cst_run_item_segments(const cst_run_t *run, uint64_t item_id, size_t *first)
{
    /* Segments are in item id order: binary search for the first. */
    size_t lo = 0, hi = run->n_segments;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (run->segments[mid].item < item_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < run->n_segments && run->segments[end].item == item_id)
        end++;
    *first = lo;
    return end - lo;
}

int64_t cst_run_item_share(const cst_run_t *run, uint64_t item_id, uint64_t party)
{
    /* A party's part of one item never exceeds the item: no overflow. */
    size_t first, n = cst_run_item_segments(run, item_id, &first);
    int64_t total = 0;
    for (size_t s = first; s < first + n; s++)
        for (size_t m = 0; m < run->segments[s].n_members; m++)
            if (run->segments[s].members[m].party == party)
                total += run->segments[s].members[m].amount;
    return total;
}
