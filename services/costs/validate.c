/* Everything about a run's input that can be wrong is refused here, before
 * anything is computed, with the field at fault: bad input changes nothing. */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/prorata.h"
#include "keys.h"
#include "rules.h"

typedef unsigned __int128 u128;

#define FIELD(buf, ...) snprintf((buf), sizeof(buf), __VA_ARGS__)

static bool has_text(const char *s)
{
    return s != NULL && s[0] != '\0';
}

static fc_status_t check_organisations(const cst_run_input_t *in, cst_error_t *err)
{
    char f[CST_FIELD_MAX];
    for (size_t i = 0; i < in->n_organisations; i++) {
        const cst_organisation_t *o = &in->organisations[i];
        if (!has_text(o->name)) {
            FIELD(f, "organisations[%zu].name", i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, f, "organisation %llu has no name",
                                 (unsigned long long)o->key);
        }
        if (o->kind < CST_ORG_REGION || o->kind > CST_ORG_OTHER) {
            FIELD(f, "organisations[%zu].kind", i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                                 "organisation %s has an unknown kind %d", o->name, (int)o->kind);
        }
    }
    return FC_OK;
}

static fc_status_t check_parties(const cst_run_input_t *in, const cst__directory_t *d,
                                 cst_error_t *err)
{
    char f[CST_FIELD_MAX];
    for (size_t i = 0; i < in->n_parties; i++) {
        const cst_party_t *p = &in->parties[i];
        if (!has_text(p->name)) {
            FIELD(f, "parties[%zu].name", i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, f, "party %llu has no name",
                                 (unsigned long long)p->key);
        }
        if (p->kind < CST_OP_BHV || p->kind > CST_OP_OTHER) {
            FIELD(f, "parties[%zu].kind", i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                                 "party %s has an unknown operation kind %d", p->name,
                                 (int)p->kind);
        }
        if (cst__directory_organisation(d, p->organisation) == NULL) {
            FIELD(f, "parties[%zu].organisation", i);
            return cst_error_set(err, FC_NOT_FOUND, f,
                                 "party %s belongs to unknown organisation %llu", p->name,
                                 (unsigned long long)p->organisation);
        }
        if (p->principal != 0) {
            const cst_organisation_t *pr = cst__directory_organisation(d, p->principal);
            FIELD(f, "parties[%zu].principal", i);
            if (pr == NULL)
                return cst_error_set(err, FC_NOT_FOUND, f,
                                     "party %s names unknown principal %llu", p->name,
                                     (unsigned long long)p->principal);
            if (!cst__is_principal(pr))
                return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                                     "party %s names %s as principal, which is neither a "
                                     "region nor a municipality",
                                     p->name, pr->name);
        }
    }
    return FC_OK;
}

static bool takes_part_ever(const cst_centre_t *c, uint64_t party)
{
    for (size_t i = 0; i < c->n_participations; i++)
        if (c->participations[i].party == party)
            return true;
    return false;
}

static fc_status_t check_participations(const cst_centre_t *c, size_t ci,
                                        const cst__directory_t *d, cst_error_t *err)
{
    char f[CST_FIELD_MAX];
    if (c->n_participations == 0) {
        FIELD(f, "centres[%zu].participations", ci);
        return cst_error_set(err, FC_FAILED_PRECONDITION, f,
                             "centre %s has no participating operations: nobody can share "
                             "its costs",
                             c->name);
    }
    for (size_t j = 0; j < c->n_participations; j++) {
        const cst_participation_t *p = &c->participations[j];
        FIELD(f, "centres[%zu].participations[%zu]", ci, j);
        if (cst__directory_party(d, p->party) == NULL)
            return cst_error_set(err, FC_NOT_FOUND, f, "centre %s: unknown party %llu", c->name,
                                 (unsigned long long)p->party);
        if (!fc_date_valid(p->joined) || (p->has_left && !fc_date_valid(p->left)))
            return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                                 "centre %s: participation dates must exist", c->name);
        if (p->has_left && fc_date_cmp(p->left, p->joined) < 0)
            return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                                 "centre %s: a party leaves before it joins", c->name);
    }
    return FC_OK;
}

static bool spans_overlap(const cst_local_rule_t *a, const cst_local_rule_t *b)
{
    /* Open ends reach forever; spans are inclusive. */
    bool a_before_b = a->has_to && b->has_from && fc_date_cmp(a->to, b->from) < 0;
    bool b_before_a = b->has_to && a->has_from && fc_date_cmp(b->to, a->from) < 0;
    return !a_before_b && !b_before_a;
}

static fc_status_t check_weights(const cst_centre_t *c, const cst_local_rule_t *r,
                                 const char *field, const cst__directory_t *d, cst_error_t *err)
{
    if (r->unit < CST_UNIT_SHARES || r->unit > CST_UNIT_PERMILLE)
        return cst_error_set(err, FC_INVALID_ARGUMENT, field, "centre %s: unknown weight unit %d",
                             c->name, (int)r->unit);
    if (r->n_weights == 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, field,
                             "centre %s: a rule by shares or area needs weights", c->name);
    u128 total = 0;
    for (size_t k = 0; k < r->n_weights; k++) {
        const cst_weight_t *w = &r->weights[k];
        if (cst__directory_party(d, w->party) == NULL || !takes_part_ever(c, w->party))
            return cst_error_set(err, FC_NOT_FOUND, field,
                                 "centre %s: weight for party %llu, which does not take part "
                                 "in the centre",
                                 c->name, (unsigned long long)w->party);
        if (w->weight < 0)
            return cst_error_set(err, FC_INVALID_ARGUMENT, field,
                                 "centre %s: weight %lld is negative", c->name,
                                 (long long)w->weight);
        for (size_t m = 0; m < k; m++)
            if (r->weights[m].party == w->party)
                return cst_error_set(err, FC_INVALID_ARGUMENT, field,
                                     "centre %s: party %llu has two weights", c->name,
                                     (unsigned long long)w->party);
        total += (uint64_t)w->weight;
    }
    if (total == 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, field,
                             "centre %s: every weight is zero", c->name);
    if (total > INT64_MAX)
        return cst_error_set(err, FC_OUT_OF_RANGE, field,
                             "centre %s: the weights add up to more than %lld", c->name,
                             (long long)INT64_MAX);
    if (r->unit == CST_UNIT_BASIS_POINTS && total != 10000)
        return cst_error_set(err, FC_INVALID_ARGUMENT, field,
                             "centre %s: percentages must total 100 %% (10000 basis points), "
                             "not %llu",
                             c->name, (unsigned long long)total);
    if (r->unit == CST_UNIT_PERMILLE && total != 1000)
        return cst_error_set(err, FC_INVALID_ARGUMENT, field,
                             "centre %s: shares per mille must total 1000, not %llu", c->name,
                             (unsigned long long)total);
    return FC_OK;
}

static fc_status_t check_local_rule(const cst_centre_t *c, size_t ci, size_t j,
                                    const cst__directory_t *d, cst_error_t *err)
{
    const cst_local_rule_t *r = &c->local_rules[j];
    char f[CST_FIELD_MAX];
    FIELD(f, "centres[%zu].local_rules[%zu]", ci, j);
    if (r->category < CST_CATEGORY_COORDINATOR || r->category > CST_CATEGORY_OTHER)
        return cst_error_set(err, FC_INVALID_ARGUMENT, f, "centre %s: unknown cost category %d",
                             c->name, (int)r->category);
    if (r->kind < CST_RULE_EQUAL_BASE || r->kind > CST_RULE_EQUAL_PARTIES)
        return cst_error_set(err, FC_INVALID_ARGUMENT, f, "centre %s: unknown rule kind %d",
                             c->name, (int)r->kind);
    if (!has_text(r->source))
        return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                             "centre %s: a local rule must name where it is agreed (source)",
                             c->name);
    if ((r->has_from && !fc_date_valid(r->from)) || (r->has_to && !fc_date_valid(r->to)))
        return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                             "centre %s: local rule dates must exist", c->name);
    if (r->has_from && r->has_to && fc_date_cmp(r->from, r->to) > 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                             "centre %s: local rule period is inverted", c->name);
    bool weighted = r->kind == CST_RULE_FIXED_SHARES || r->kind == CST_RULE_PREMISES_AREA;
    if (weighted) {
        fc_status_t rc = check_weights(c, r, f, d, err);
        if (rc != FC_OK)
            return rc;
    } else if (r->n_weights != 0) {
        return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                             "centre %s: the rule '%s' takes no weights", c->name,
                             cst_rule_kind_name(r->kind));
    }
    for (size_t k = 0; k < j; k++)
        if (c->local_rules[k].category == r->category && spans_overlap(&c->local_rules[k], r))
            return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                                 "centre %s: two local rules for %s cover the same days",
                                 c->name, cst_category_name(r->category));
    return FC_OK;
}

static fc_status_t check_centres(const cst_run_input_t *in, const cst__directory_t *d,
                                 cst_error_t *err)
{
    char f[CST_FIELD_MAX];
    for (size_t i = 0; i < in->n_centres; i++) {
        const cst_centre_t *c = &in->centres[i];
        if (!has_text(c->name)) {
            FIELD(f, "centres[%zu].name", i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, f, "centre %llu has no name",
                                 (unsigned long long)c->key);
        }
        if (c->rule_set < CST_RULE_SET_NONE || c->rule_set > CST_RULE_SET_OREBRO) {
            FIELD(f, "centres[%zu].rule_set", i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, f, "centre %s: unknown rule set %d",
                                 c->name, (int)c->rule_set);
        }
        if (!fc_date_valid(c->established)) {
            FIELD(f, "centres[%zu].established", i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                                 "centre %s: the date it was established must exist", c->name);
        }
        if (c->rule_set == CST_RULE_SET_VG && !fc_date_valid(c->framework_effective)) {
            FIELD(f, "centres[%zu].framework_effective", i);
            return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                                 "centre %s: the VG framework's first day in force is needed "
                                 "(VG §14.1 applies from then)",
                                 c->name);
        }
        fc_status_t rc = check_participations(c, i, d, err);
        for (size_t j = 0; rc == FC_OK && j < c->n_local_rules; j++)
            rc = check_local_rule(c, i, j, d, err);
        if (rc != FC_OK)
            return rc;
    }
    return FC_OK;
}

static bool overlaps_period(const cst_item_t *it, cst_period_t p)
{
    return fc_date_cmp(it->from, p.to) <= 0 && fc_date_cmp(it->to, p.from) >= 0;
}

static fc_status_t check_item(const cst_run_input_t *in, size_t i, const cst__directory_t *d,
                              cst_error_t *err)
{
    const cst_item_t *it = &in->items[i];
    char f[CST_FIELD_MAX], a[FC_DATE_STRLEN], b[FC_DATE_STRLEN];
    unsigned long long id = (unsigned long long)it->id;
    if (it->id == 0) {
        FIELD(f, "items[%zu].id", i);
        return cst_error_set(err, FC_INVALID_ARGUMENT, f, "cost items need an id other than 0");
    }
    const cst_centre_t *c = cst__directory_centre(d, it->centre);
    if (c == NULL) {
        FIELD(f, "items[%zu].centre", i);
        return cst_error_set(err, FC_NOT_FOUND, f, "item %llu: unknown centre %llu", id,
                             (unsigned long long)it->centre);
    }
    if (it->category < CST_CATEGORY_COORDINATOR || it->category > CST_CATEGORY_OTHER) {
        FIELD(f, "items[%zu].category", i);
        return cst_error_set(err, FC_INVALID_ARGUMENT, f, "item %llu: unknown category %d", id,
                             (int)it->category);
    }
    if (cst__directory_party(d, it->paid_by) == NULL || !takes_part_ever(c, it->paid_by)) {
        FIELD(f, "items[%zu].paid_by", i);
        return cst_error_set(err, FC_NOT_FOUND, f,
                             "item %llu: paid by party %llu, which does not take part in "
                             "centre %s",
                             id, (unsigned long long)it->paid_by, c->name);
    }
    FIELD(f, "items[%zu].period", i);
    if (!fc_date_valid(it->from) || !fc_date_valid(it->to))
        return cst_error_set(err, FC_INVALID_ARGUMENT, f, "item %llu: dates must exist", id);
    if (fc_date_cmp(it->from, it->to) > 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                             "item %llu: period is inverted: %s is after %s", id,
                             fc_date_format(it->from, a), fc_date_format(it->to, b));
    if (!overlaps_period(it, in->period))
        return cst_error_set(err, FC_INVALID_ARGUMENT, f,
                             "item %llu covers %s..%s, no day of the run's period", id,
                             fc_date_format(it->from, a), fc_date_format(it->to, b));
    return FC_OK;
}

static fc_status_t check_item_ids_unique(const cst_run_input_t *in, cst_error_t *err)
{
    if (in->n_items < 2)
        return FC_OK;
    uint64_t *ids = malloc(in->n_items * sizeof *ids);
    if (ids == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < in->n_items; i++)
        ids[i] = in->items[i].id;
    qsort(ids, in->n_items, sizeof *ids, cst__cmp_u64);
    fc_status_t rc = FC_OK;
    for (size_t i = 1; rc == FC_OK && i < in->n_items; i++)
        if (ids[i] == ids[i - 1])
            rc = cst_error_set(err, FC_INVALID_ARGUMENT, "items", "item %llu is given twice",
                               (unsigned long long)ids[i]);
    free(ids);
    return rc;
}

fc_status_t cst__validate(const cst_run_input_t *in, const cst__directory_t *d, cst_error_t *err)
{
    fc_status_t rc = cst_period_check(in->period, "period", err);
    if (rc == FC_OK)
        rc = check_organisations(in, err);
    if (rc == FC_OK)
        rc = check_parties(in, d, err);
    if (rc == FC_OK)
        rc = check_centres(in, d, err);
    for (size_t i = 0; rc == FC_OK && i < in->n_items; i++)
        rc = check_item(in, i, d, err);
    if (rc == FC_OK)
        rc = check_item_ids_unique(in, err);
    return rc;
}
