/* Inside the domain library: what the deadline rules share while producing
 * one agreement's deadlines. */
#ifndef FC_DOMAIN_DEADLINE_GEN_H
#define FC_DOMAIN_DEADLINE_GEN_H

#include "fcavtal/deadline.h"

typedef struct {
    const fc_agreement_t *a;
    fc_date_t from, until;            /* the window, inclusive */
    const fc_deadline_policy_t *policy;
    fc_deadline_list_t *list;
    /* Deadlines on or after this day are moot (a notice was received). */
    bool has_cut;
    fc_date_t cut;
    fc_status_t st;                   /* first error; emitting stops there */
} fc_dl_gen_t;

/* Adds a deadline for the agreement when `date` is in the window: safe day,
 * the reason it moved, key. centre_scope: keyed by centre and `cycle` (a
 * year) instead of agreement and date. False once an error stopped the run
 * (g->st says which), so loops can stop. */
bool fc_dl_emit(fc_dl_gen_t *g, fc_deadline_kind_t kind, fc_date_t date, fc_actors_t actors,
             int64_t cycle, const fc_reason_t *rule, bool centre_scope);

/* True when a deadline on `date` is still live (before the cut). */
bool fc_dl_live(const fc_dl_gen_t *g, fc_date_t date);

/* Day `day` of `month` in `year`, clamped to the month (29 February). */
fc_date_t fc_dl_annual_day(int year, int month, int day);

/* The term's own deadlines (renewal cycles, fixed term, annual windows),
 * those before the cut. */
void fc_dl_term_deadlines(fc_dl_gen_t *g);

/* The centre's yearly business plan and annual report while the agreement
 * runs, up to its last day `last` (has_last false: no end). */
void fc_dl_centre_deadlines(fc_dl_gen_t *g, bool has_last, fc_date_t last);

#endif
