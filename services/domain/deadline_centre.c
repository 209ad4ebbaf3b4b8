/* The centre's yearly documents (VG §11-12): "all operations ... shall have
 * a joint business plan that is followed up and evaluated; the steering
 * group is responsible for it being drawn up every year" (§12, §11.1), and
 * the coordinator "compiles the annual report" (§11.2). The sources give no
 * day; the policy does (fc_deadline_policy_t). Only a local agreement is a
 * centre's, so only it produces them. */
#include <stdio.h>

#include "deadline_gen.h"

static bool runs_on(const fc_agreement_t *a, bool has_last, fc_date_t last, fc_date_t day)
{
    return fc_date_cmp(a->term.start, day) <= 0 && (!has_last || fc_date_cmp(day, last) <= 0);
}

/* In force for some of `year`. */
static bool runs_in(const fc_agreement_t *a, bool has_last, fc_date_t last, int year)
{
    return a->term.start.year <= year && (!has_last || last.year >= year);
}

static bool plan(fc_dl_gen_t *g, int year, bool has_last, fc_date_t last)
{
    const fc_deadline_policy_t *p = g->policy;
    fc_date_t due = fc_dl_annual_day(year, p->plan_month, p->plan_day);
    if (!runs_on(g->a, has_last, last, due))
        return true;
    char d[FC_DATE_STRLEN];
    fc_reason_t rule;
    fc_reason_set(&rule, FC_RULE_BUSINESS_PLAN, FC_SOURCE_VG11_12,
                  "the steering group has the centre's joint business plan (gemensam "
                  "verksamhetsplan) for %d drawn up, by %s as set by policy; the sources ask "
                  "for it yearly (%s)",
                  year, fc_date_format(due, d), FC_SOURCE_VG11_12);
    return fc_dl_emit(g, FC_DEADLINE_BUSINESS_PLAN, due, FC_ACTORS_STEERING_GROUP, year, &rule,
                      true);
}

static bool report(fc_dl_gen_t *g, int year, bool has_last, fc_date_t last)
{
    const fc_deadline_policy_t *p = g->policy;
    int on = year - 1;
    fc_date_t due = fc_dl_annual_day(year, p->report_month, p->report_day);
    if (!runs_in(g->a, has_last, last, on))
        return true;
    char d[FC_DATE_STRLEN];
    fc_reason_t rule;
    fc_reason_set(&rule, FC_RULE_ANNUAL_REPORT, FC_SOURCE_VG11_2,
                  "the coordinator compiles the centre's annual report (verksamhetsberättelse) "
                  "for %d, by %s as set by policy; the sources ask for it yearly (%s)",
                  on, fc_date_format(due, d), FC_SOURCE_VG11_2);
    return fc_dl_emit(g, FC_DEADLINE_ANNUAL_REPORT, due, FC_ACTORS_COORDINATOR, on, &rule, true);
}

void fc_dl_centre_deadlines(fc_dl_gen_t *g, bool has_last, fc_date_t last)
{
    const fc_agreement_t *a = g->a;
    if (!g->policy->centre_deadlines || a->kind != FC_AGREEMENT_LOCAL || !a->centre_id)
        return;
    for (int year = g->from.year; year <= g->until.year; year++)
        if (!plan(g, year, has_last, last) || !report(g, year, has_last, last))
            return;
}
