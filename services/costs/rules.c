/* The cost rules of each framework.
 *
 * VG §14.1: "Alla basverksamheter ... ska dela lika på kostnaden för
 * samordnaren" — all base operations share the coordinator cost equally, and
 * "Gemensam finansiering av samordnaren gäller från och med att detta avtal
 * träder i kraft både vid befintliga ... samt vid etablering av nya": from the
 * framework's first day, in existing and new centres alike, so no local rule
 * changes it from then on. "Övriga gemensamma kostnader ska från och med att
 * detta avtal träder i kraft delas lika mellan ingående basverksamheter vid
 * etablering av nya ... om inte annat överenskommes i det lokala
 * samverkansavtalet": other common costs are shared equally in centres
 * established from that day, unless the local agreement says otherwise;
 * for older centres VG §14.1 says nothing, so the local agreement decides.
 *
 * Örebro, Ekonomi: "Kostnader för samordnare och drift delas lika mellan
 * huvudmännen och därefter lika delar mellan huvudmännens ingående parter":
 * coordinator and running costs (premises and other common costs) are split
 * equally between the principals, then equally among each principal's
 * parties. "Finansiering av andra gemensamma insatser ... specificeras i den
 * gemensamma verksamhetsplanen": joint activities follow the business plan,
 * so they need a local rule. The template is the local agreement itself, so
 * a local rule may replace any of this. */
#include "rules.h"

const char *cst_rule_basis_text(cst_rule_basis_t b)
{
    switch (b) {
    case CST_BASIS_VG_COORDINATOR:
        return "the coordinator cost is shared by all base operations, in existing and new "
               "centres alike";
    case CST_BASIS_VG_BEFORE_FRAMEWORK:
        return "the VG framework was not yet in force, so the local agreement's rule applies";
    case CST_BASIS_VG_LOCAL_OTHERWISE:
        return "the local agreement says otherwise, as VG §14.1 allows";
    case CST_BASIS_VG_ESTABLISHED_AFTER:
        return "other common costs are shared equally among the base operations of a centre "
               "established after the framework took effect";
    case CST_BASIS_OREBRO_RUNNING:
        return "the rule for coordinator and running costs (samordnare och drift)";
    case CST_BASIS_LOCAL:
        return "the local agreement sets this rule";
    }
    return "";
}

static bool covers(const cst_local_rule_t *r, fc_date_t day)
{
    if (r->has_from && fc_date_cmp(day, r->from) < 0)
        return false;
    return !r->has_to || fc_date_cmp(day, r->to) <= 0;
}

static const cst_local_rule_t *local_rule(const cst_centre_t *c, cst_category_t cat,
                                          fc_date_t day)
{
    /* Validation refuses overlapping rules of one category: at most one. */
    for (size_t i = 0; i < c->n_local_rules; i++)
        if (c->local_rules[i].category == cat && covers(&c->local_rules[i], day))
            return &c->local_rules[i];
    return NULL;
}

static fc_status_t choose_local(const cst_local_rule_t *r, cst_rule_basis_t basis,
                                cst__rule_choice_t *out)
{
    *out = (cst__rule_choice_t){r->kind, r, r->source, basis};
    return FC_OK;
}

static fc_status_t choose_framework(cst_rule_kind_t kind, const char *source, cst_rule_basis_t basis,
                                    cst__rule_choice_t *out)
{
    *out = (cst__rule_choice_t){kind, NULL, source, basis};
    return FC_OK;
}

static fc_status_t no_rule(const cst_centre_t *c, cst_category_t cat, fc_date_t day,
                           const char *why, cst_error_t *err)
{
    char d[FC_DATE_STRLEN];
    return cst_error_set(err, FC_FAILED_PRECONDITION, "centres.local_rules",
                         "centre %s has no rule for %s on %s: %s", c->name,
                         cst_category_name(cat), fc_date_format(day, d), why);
}

static fc_status_t choose_vg(const cst_centre_t *c, cst_category_t cat, fc_date_t day,
                             cst__rule_choice_t *out, cst_error_t *err)
{
    bool in_force = fc_date_cmp(day, c->framework_effective) >= 0;
    const cst_local_rule_t *local = local_rule(c, cat, day);
    if (cat == CST_CATEGORY_COORDINATOR) {
        if (in_force)
            return choose_framework(CST_RULE_EQUAL_BASE, CST_SOURCE_VG,
                                    CST_BASIS_VG_COORDINATOR, out);
        if (local)
            return choose_local(local, CST_BASIS_VG_BEFORE_FRAMEWORK, out);
        return no_rule(c, cat, day,
                       "the VG framework was not yet in force and the local agreement names "
                       "no rule",
                       err);
    }
    if (local)
        return choose_local(local, CST_BASIS_VG_LOCAL_OTHERWISE, out);
    if (in_force && fc_date_cmp(c->established, c->framework_effective) >= 0)
        return choose_framework(CST_RULE_EQUAL_BASE, CST_SOURCE_VG,
                                CST_BASIS_VG_ESTABLISHED_AFTER, out);
    if (!in_force)
        return no_rule(c, cat, day,
                       "the VG framework was not yet in force and the local agreement names "
                       "no rule",
                       err);
    return no_rule(c, cat, day,
                   "the centre was established before the VG framework took effect, so "
                   "VG §14.1 leaves other common costs to the local agreement, which names "
                   "no rule",
                   err);
}

static fc_status_t choose_orebro(const cst_centre_t *c, cst_category_t cat, fc_date_t day,
                                 cst__rule_choice_t *out, cst_error_t *err)
{
    const cst_local_rule_t *local = local_rule(c, cat, day);
    if (local)
        return choose_local(local, CST_BASIS_LOCAL, out);
    if (cat != CST_CATEGORY_JOINT_ACTIVITY)
        return choose_framework(CST_RULE_EQUAL_PRINCIPALS, CST_SOURCE_OREBRO,
                                CST_BASIS_OREBRO_RUNNING, out);
    return no_rule(c, cat, day,
                   "Örebro, Ekonomi leaves joint activities to the business plan, and the "
                   "local agreement names no rule",
                   err);
}

fc_status_t cst__rule_choose(const cst_centre_t *c, cst_category_t category, fc_date_t day,
                            cst__rule_choice_t *out, cst_error_t *err)
{
    switch (c->rule_set) {
    case CST_RULE_SET_VG:
        return choose_vg(c, category, day, out, err);
    case CST_RULE_SET_OREBRO:
        return choose_orebro(c, category, day, out, err);
    case CST_RULE_SET_NONE:
        break;
    }
    const cst_local_rule_t *local = local_rule(c, category, day);
    if (local)
        return choose_local(local, CST_BASIS_LOCAL, out);
    return no_rule(c, category, day,
                   "its framework names no cost rules, and the local agreement names none", err);
}

fc_status_t cst__rule_breaks(const cst_centre_t *c, cst_category_t category, cst_breaks_t *b,
                            fc_date_t first, fc_date_t last)
{
    if (c->rule_set == CST_RULE_SET_VG &&
        cst_breaks_add(b, c->framework_effective, first, last) != FC_OK)
        return FC_RESOURCE_EXHAUSTED;
    for (size_t i = 0; i < c->n_local_rules; i++) {
        const cst_local_rule_t *r = &c->local_rules[i];
        if (r->category != category)
            continue;
        if (r->has_from && cst_breaks_add(b, r->from, first, last) != FC_OK)
            return FC_RESOURCE_EXHAUSTED;
        if (r->has_to && fc_date_cmp(r->to, last) < 0 &&
            cst_breaks_add(b, fc_date_add_days(r->to, 1), first, last) != FC_OK)
            return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}

bool cst__is_principal(const cst_organisation_t *o)
{
    return o->kind == CST_ORG_REGION || o->kind == CST_ORG_MUNICIPALITY;
}

bool cst__rule_superseded_locally(const cst_centre_t *c)
{
    if (c->rule_set != CST_RULE_SET_VG)
        return false;
    for (size_t i = 0; i < c->n_local_rules; i++) {
        const cst_local_rule_t *r = &c->local_rules[i];
        if (r->category == CST_CATEGORY_COORDINATOR &&
            (!r->has_to || fc_date_cmp(r->to, c->framework_effective) >= 0))
            return true;
    }
    return false;
}
