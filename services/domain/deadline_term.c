/* Deadlines the term itself sets: the notice deadline of every renewal
 * cycle (VG §4), the fixed term's notice, extension decision and end
 * (Bilaga 1 §2), and the yearly review window (Örebro, Giltighet). */
#include <stdio.h>

#include "deadline_gen.h"

static bool renews(const fc_term_t *t)
{
    return !t->until_further_notice && t->renewal_months > 0;
}

/* VG §4: "if not terminated in writing 12 months before expiry it is
 * extended automatically by 2 years". Cycle k's deadline is end_k - notice;
 * a deadline that passes without notice rolls on to cycle k + 1, so the
 * cycles never end: those in the window are produced, starting at the first
 * one found in closed form. */
static void renewal_cycles(fc_dl_gen_t *g)
{
    const fc_term_t *t = &g->a->term;
    char e[FC_DATE_STRLEN], n[FC_DATE_STRLEN], notice[32], renewal[32];
    fc_term_months_text(t->notice_months, false, notice, sizeof notice);
    fc_term_months_text(t->renewal_months, true, renewal, sizeof renewal);
    int64_t k;
    if (fc_term_first_cycle_on_or_after(t, g->from, &k) != FC_OK)
        return;
    for (;; k++) {
        fc_date_t end, deadline, next;
        if (fc_term_cycle(t, k, &end, &deadline) != FC_OK || fc_date_cmp(deadline, g->until) > 0 ||
            !fc_dl_live(g, deadline))
            return;
        bool has_next = fc_term_cycle(t, k + 1, &next, NULL) == FC_OK;
        fc_reason_t rule;
        fc_reason_set(&rule, FC_RULE_AUTO_RENEWAL, FC_SOURCE_VG4,
                      "last day to give written notice so that the agreement ends %s (%s before "
                      "the end); without it the term is extended automatically by %s%s%s (%s)",
                      fc_date_format(end, e), notice, renewal, has_next ? " to " : "",
                      has_next ? fc_date_format(next, n) : "", FC_SOURCE_VG4);
        if (!fc_dl_emit(g, FC_DEADLINE_NOTICE, deadline, FC_ACTORS_ANY_PARTY, k, &rule, false))
            return;
    }
}

/* Bilaga 1 §2: "termination for ending or renegotiation shall be given to
 * the other parties in writing with six months' notice", and the option of
 * x months' extension "decided by all parties". The decision is due by the
 * day notice would be: a party that will not extend must still be able to
 * give notice in time. */
static void fixed_term(fc_dl_gen_t *g)
{
    const fc_term_t *t = &g->a->term;
    char e[FC_DATE_STRLEN], notice[32], option[32];
    fc_reason_t rule;
    fc_date_t deadline = fc_date_add_months(t->end, -t->notice_months);
    const char *source = t->notice_to_month_end ? FC_SOURCE_BILAGA2_3 : FC_SOURCE_BILAGA1_2;
    const char *rule_id = t->notice_to_month_end ? FC_RULE_MONTH_END_NOTICE : FC_RULE_NOTICE_PERIOD;
    fc_date_format(t->end, e);
    fc_term_months_text(t->notice_months, false, notice, sizeof notice);
    fc_term_months_text(t->extension_option_months, false, option, sizeof option);
    if (t->notice_months > 0 && fc_date_cmp(deadline, t->start) >= 0 && fc_dl_live(g, deadline)) {
        fc_reason_set(&rule, rule_id, source,
                      "last day to give %s' written notice before the term ends %s, for "
                      "termination or renegotiation (uppsägning för upphörande eller "
                      "omförhandling) (%s)",
                      notice, e, source);
        fc_dl_emit(g, FC_DEADLINE_NOTICE, deadline, FC_ACTORS_ANY_PARTY, 0, &rule, false);
    }
    if (t->extension_option_months > 0 && fc_date_cmp(deadline, t->start) >= 0 &&
        fc_dl_live(g, deadline)) {
        fc_reason_set(&rule, FC_RULE_EXTENSION_OPTION, FC_SOURCE_BILAGA1_2,
                      "last day for all parties to decide in writing on the option of %s' "
                      "extension (förlängning), %s before the term ends %s; without a decision "
                      "it ends then (%s)",
                      option, notice, e, FC_SOURCE_BILAGA1_2);
        fc_dl_emit(g, FC_DEADLINE_EXTENSION_DECISION, deadline, FC_ACTORS_ALL_PARTIES, 0, &rule,
                false);
    }
    /* Under notice the notice's own end replaces this one. */
    if (g->has_cut)
        return;
    fc_reason_set(&rule, FC_RULE_FIXED_TERM, FC_SOURCE_BILAGA1_2,
                  "the fixed term ends %s; unless it is extended the agreement expires after "
                  "that day (%s)",
                  e, FC_SOURCE_BILAGA1_2);
    fc_dl_emit(g, FC_DEADLINE_END, t->end, FC_ACTORS_ALL_PARTIES, 0, &rule, false);
}

/* Örebro: "each principal may each year, before the end of June, initiate
 * review or termination of the agreement". One window per year from the
 * start; a fixed term has none after its end. */
static void annual_windows(fc_dl_gen_t *g)
{
    const fc_term_t *t = &g->a->term;
    const fc_annual_review_t *r = &t->annual_review;
    int first = g->from.year > t->start.year ? g->from.year : t->start.year;
    for (int year = first; year <= g->until.year; year++) {
        fc_date_t window = fc_dl_annual_day(year, r->window_end_month, r->window_end_day);
        fc_date_t effect;
        if (fc_date_cmp(window, t->start) < 0)
            continue;
        if (!fc_dl_live(g, window) || (!t->until_further_notice && !renews(t) &&
                                    fc_date_cmp(window, t->end) > 0))
            return;
        if (fc_term_notice_effective(t, window, &effect, NULL) != FC_OK)
            return;
        char e[FC_DATE_STRLEN];
        fc_reason_t rule;
        fc_reason_set(&rule, FC_RULE_ANNUAL_WINDOW, FC_SOURCE_OREBRO,
                      "last day this year for each principal to initiate review or termination "
                      "(omprövning eller uppsägning) that takes effect %s; a notice after it "
                      "takes effect a year later (%s)",
                      fc_date_format(effect, e), FC_SOURCE_OREBRO);
        if (!fc_dl_emit(g, FC_DEADLINE_ANNUAL_REVIEW, window, FC_ACTORS_EACH_PRINCIPAL, year, &rule,
                     false))
            return;
    }
}

void fc_dl_term_deadlines(fc_dl_gen_t *g)
{
    const fc_term_t *t = &g->a->term;
    if (t->has_annual_review)
        annual_windows(g);
    else if (renews(t))
        renewal_cycles(g);
    if (!t->until_further_notice && !renews(t))
        fixed_term(g);
}
