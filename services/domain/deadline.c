/* Deadlines of one agreement in a window (domain: "Deadlines"): the entry
 * point, the days a notice or termination brings, and the safe day to act. */
#include "deadline_gen.h"

#include "deadline_list.h"
#include "fcavtal/format.h"
#include "fcavtal/holiday.h"

fc_deadline_policy_t fc_deadline_policy_default(void)
{
    /* The sources ask for a yearly plan and report and name no day: a plan
     * is due as its year begins, a report once the year's figures are in. */
    return (fc_deadline_policy_t){.centre_deadlines = true,
                                  .plan_month = 1, .plan_day = 31,
                                  .report_month = 3, .report_day = 31};
}

fc_date_t fc_dl_annual_day(int year, int month, int day)
{
    int last = fc_date_days_in_month(year, month);
    return (fc_date_t){.year = year, .month = month, .day = day > last ? last : day};
}

bool fc_dl_live(const fc_dl_gen_t *g, fc_date_t date)
{
    return !g->has_cut || fc_date_cmp(date, g->cut) < 0;
}

/* ------------------------------------------------------------ safe day */

static const char *act_verb(fc_deadline_kind_t kind)
{
    switch (kind) {
    case FC_DEADLINE_NOTICE:
    case FC_DEADLINE_ANNUAL_REVIEW: return "send by";
    case FC_DEADLINE_EXTENSION_DECISION: return "decide by";
    case FC_DEADLINE_BUSINESS_PLAN:
    case FC_DEADLINE_ANNUAL_REPORT: return "submit by";
    case FC_DEADLINE_END:
    case FC_DEADLINE_HANDOVER: break;
    }
    return "the last working day before it is";
}

/* "2024-12-31 is nyårsafton (New Year's Eve), so send by Monday 2024-12-30". */
static void explain_safe_day(fc_deadline_t *d)
{
    char nominal[FC_DATE_STRLEN], safe[FC_DATE_STRLEN], what[96];
    if (fc_date_cmp(d->date, d->safe_day) == 0) {
        d->moved[0] = '\0';
        return;
    }
    const char *sv = fc_holiday_name(d->date), *en = fc_holiday_name_en(d->date);
    if (sv)
        fc_snformat(what, sizeof what, "%s (%s)", sv, en);
    else
        fc_snformat(what, sizeof what, "a %s", fc_weekday_name(fc_date_weekday(d->date)));
    fc_snformat(d->moved, sizeof d->moved, "%s is %s, so %s %s %s",
                fc_date_format(d->date, nominal), what, act_verb(d->kind),
                fc_weekday_name(fc_date_weekday(d->safe_day)), fc_date_format(d->safe_day, safe));
}

static void make_key(fc_deadline_t *d, bool centre_scope)
{
    char date[FC_DATE_STRLEN];
    if (centre_scope)
        fc_snformat(d->key, sizeof d->key, "centre/%llu/%s/%lld", (unsigned long long)d->centre_id,
                    fc_deadline_kind_name(d->kind), (long long)d->cycle);
    else
        fc_snformat(d->key, sizeof d->key, "agreement/%llu/%s/%s",
                    (unsigned long long)d->agreement_id, fc_deadline_kind_name(d->kind),
                    fc_date_format(d->date, date));
}

bool fc_dl_emit(fc_dl_gen_t *g, fc_deadline_kind_t kind, fc_date_t date, fc_actors_t actors,
             int64_t cycle, const fc_reason_t *rule, bool centre_scope)
{
    if (g->st != FC_OK)
        return false;
    if (fc_date_cmp(date, g->from) < 0 || fc_date_cmp(date, g->until) > 0)
        return true;
    fc_deadline_t *d = fc_dl_list_add(g->list, &g->st);
    if (!d)
        return false;
    d->agreement_id = g->a->id;
    d->centre_id = g->a->centre_id;
    d->kind = kind;
    d->date = date;
    d->safe_day = fc_last_working_day_on_or_before(date);
    d->rule = *rule;
    d->actors = actors;
    d->cycle = cycle;
    explain_safe_day(d);
    make_key(d, centre_scope);
    return true;
}

/* ------------------------------------------------------------ ending */

/* The last day and the hand-over by then: after a notice or a termination
 * each party keeps its responsibility until the agreement ends ("ansvaret
 * bör kvarstå året ut", Örebro, Giltighet). */
static void ending(fc_dl_gen_t *g, fc_date_t end, const fc_reason_t *why)
{
    char e[FC_DATE_STRLEN];
    fc_reason_t rule;
    fc_date_format(end, e);
    fc_reason_set(&rule, why->rule, why->source, "the agreement's last day is %s: %s", e,
                  why->text);
    fc_dl_emit(g, FC_DEADLINE_END, end, FC_ACTORS_ALL_PARTIES, 0, &rule, false);
    if (g->a->term.has_annual_review)
        fc_reason_set(&rule, FC_RULE_HANDOVER, FC_SOURCE_OREBRO,
                      "the responsibility remains until the termination takes effect "
                      "(ansvaret kvarstår året ut): hand the shared work over by %s (%s)",
                      e, FC_SOURCE_OREBRO);
    else
        fc_reason_set(&rule, FC_RULE_HANDOVER, why->source,
                      "each party keeps its responsibilities until the agreement ends: hand "
                      "the shared work over by %s (%s)",
                      e, why->source);
    fc_dl_emit(g, FC_DEADLINE_HANDOVER, end, FC_ACTORS_ALL_PARTIES, 0, &rule, false);
}

/* ------------------------------------------------------------ entry */

static bool policy_ok(const fc_deadline_policy_t *p)
{
    return p->plan_month >= 1 && p->plan_month <= 12 && p->plan_day >= 1 &&
           p->plan_day <= fc_date_days_in_month(2000, p->plan_month) && p->report_month >= 1 &&
           p->report_month <= 12 && p->report_day >= 1 &&
           p->report_day <= fc_date_days_in_month(2000, p->report_month);
}

static fc_status_t refuse(fc_reason_t *why, const char *what)
{
    fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_RECORD, "%s", what);
    return FC_INVALID_ARGUMENT;
}

static fc_status_t check_input(const fc_agreement_t *a, fc_date_t from, fc_date_t until,
                               const fc_deadline_policy_t *policy, fc_deadline_list_t *list,
                               fc_reason_t *why)
{
    if (!a || !list)
        return refuse(why, "no agreement or no list");
    if (!fc_date_valid(from) || !fc_date_valid(until) || fc_date_cmp(from, until) > 0)
        return refuse(why, "the window needs two valid dates, from on or before until");
    if (!policy_ok(policy))
        return refuse(why, "the policy's plan and report days must be days of the year");
    if (a->kind < FC_AGREEMENT_FRAMEWORK || a->kind > FC_AGREEMENT_USE_RIGHT)
        return refuse(why, "unknown agreement kind");
    return FC_OK;
}

/* What the state brings: the term's deadlines while it runs, up to a notice;
 * the end and hand-over after a notice or termination. */
static void by_state(fc_dl_gen_t *g, bool *has_last, fc_date_t *last, fc_reason_t *why)
{
    const fc_agreement_t *a = g->a;
    fc_reason_t end_why;
    g->st = fc_agreement_end_in_force(a, g->from, has_last, last, &end_why);
    if (g->st != FC_OK) {
        if (why)
            *why = end_why;
        return;
    }
    bool renewing = !a->term.until_further_notice && a->term.renewal_months > 0;
    switch (a->state) {
    case FC_AGREEMENT_ACTIVE:
        fc_dl_term_deadlines(g);
        /* Renewal rolls the end on for ever: the centre's work has no end. */
        if (renewing)
            *has_last = false;
        return;
    case FC_AGREEMENT_UNDER_NOTICE:
        g->has_cut = true;
        g->cut = a->notice.received;
        fc_dl_term_deadlines(g);
        ending(g, *last, &end_why);
        return;
    case FC_AGREEMENT_TERMINATED:
        ending(g, *last, &end_why);
        return;
    default:
        return;
    }
}

fc_status_t fc_deadlines(const fc_agreement_t *a, fc_date_t from, fc_date_t until,
                         const fc_deadline_policy_t *policy, fc_deadline_list_t *list,
                         fc_reason_t *why)
{
    fc_deadline_policy_t fallback = fc_deadline_policy_default();
    if (!policy)
        policy = &fallback;
    fc_status_t st = check_input(a, from, until, policy, list, why);
    if (st != FC_OK)
        return st;
    /* Nobody is bound before every party has signed. */
    if (a->state == FC_AGREEMENT_DRAFT || a->state == FC_AGREEMENT_OUT_FOR_SIGNATURE)
        return FC_OK;
    size_t first = list->n;
    fc_dl_gen_t g = {.a = a, .from = from, .until = until, .policy = policy, .list = list,
                  .st = FC_OK};
    bool has_last = false;
    fc_date_t last = {0, 0, 0};
    by_state(&g, &has_last, &last, why);
    if (g.st == FC_OK)
        fc_dl_centre_deadlines(&g, has_last, last);
    if (g.st == FC_OUT_OF_RANGE)
        fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_RECORD,
                      "the window holds more than %zu deadlines; ask for a shorter one",
                      list->limit);
    else if (g.st == FC_RESOURCE_EXHAUSTED)
        fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_RECORD, "out of memory");
    if (g.st != FC_OK) {
        list->n = first;
        return g.st;
    }
    fc_dl_sort_from(list, first);
    return FC_OK;
}
