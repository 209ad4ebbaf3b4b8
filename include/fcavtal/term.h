/* An agreement's term (avtalstid) and what follows from it: when it ends,
 * when a notice takes effect, and why, in words with the source section.
 *
 * The kinds of term in the sources:
 *  - fixed term with automatic renewal: VG framework 2024-03-01 – 2025-12-31,
 *    "if not terminated in writing 12 months before expiry it is extended
 *    automatically by 2 years" (VG §4);
 *  - fixed term with an option of x months' extension decided in writing by
 *    all parties, six months' written notice (Bilaga 1 §2);
 *  - until further notice with an annual window: "each principal may each
 *    year, before the end of June, initiate review or termination"; the
 *    responsibility remains until the end of that year (Örebro, Giltighet);
 *  - fixed or until further notice, ending "at the turn of the month nearest
 *    after six months from the notice" (Bilaga 2 §3);
 *  - until further notice with a plain notice period.
 *
 * Month arithmetic keeps the day of month and clamps it to the month's last
 * day, always counted from the written end so that clamping never drifts:
 * 2025-01-31 renewed by 1 month twice is 2025-03-31, not 2025-03-28.
 * Every computation here is closed-form: its cost does not depend on how many
 * renewal cycles lie between the start and the day asked about. */
#ifndef FCAVTAL_TERM_H
#define FCAVTAL_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/date.h"
#include "fcavtal/reason.h"
#include "fcavtal/status.h"

/* Bounds on the month counts (renewal, notice, extension option): 0..120.
 * The sources use 6, 12 and 24; ten years leaves room for any real clause
 * while keeping every date the rules produce far from year 9999. Values
 * outside are refused (the registry names the field). */
#define FC_TERM_MAX_MONTHS 120

/* Örebro's yearly window: notice by window end (30 June) takes effect on the
 * effect day (31 December) of the same year, later notice a year on. */
typedef struct {
    int window_end_month; /* 6 */
    int window_end_day;   /* 30; 29 February means the 28th in common years */
    int effect_month;     /* 12 */
    int effect_day;       /* 31 */
} fc_annual_review_t;

typedef struct {
    fc_date_t start;
    bool until_further_notice;    /* tills vidare: no end until notice */
    fc_date_t end;                /* last day of a fixed term; unused otherwise */
    int renewal_months;           /* extended by this unless notice is given (VG §4); 0: none */
    int notice_months;            /* notice period (Bilaga 1 §2: 6) */
    int extension_option_months;  /* option to extend, decided by all (Bilaga 1 §2) */
    bool has_annual_review;
    fc_annual_review_t annual_review;
    bool notice_to_month_end;     /* ends at the month's end after the notice (Bilaga 2 §3) */
} fc_term_t;

/* ---------------------------------------------------------------- checks */

/* Receives one problem: `field` is the term field's wire name ("end",
 * "notice_months", "annual_review.window_end_month"), `what` says why in
 * words. */
typedef void (*fc_term_problem_fn)(void *ctx, const char *field, const char *what);

/* Reports every problem of the term through `report` (may be NULL) and
 * returns how many there were. Problems: a start or end that is not a date;
 * end before start; month counts negative or above FC_TERM_MAX_MONTHS; an
 * annual window or effect day that is no day of the year; an annual window
 * together with notice to the month's end; renewal or an extension option on
 * a term without an end; an automatic renewal whose first notice deadline
 * falls before the term starts. */
size_t fc_term_problems(const fc_term_t *term, fc_term_problem_fn report, void *ctx);

/* VG §15 and Bilaga 1 §2 recommend a local agreement of at least 3 and at
 * most 5 years. True, with the advice in words, when a fixed term lies
 * outside; false for a term inside or without an end. */
bool fc_term_outside_recommended_length(const fc_term_t *term, fc_reason_t *advice);

/* ---------------------------------------------------------------- dates */

/* The date a written notice received on `received` takes effect:
 *  - annual window: on or before the window end (30 June) -> the effect day
 *    (31 December) of that year; later -> of the next year;
 *  - notice to the month's end: the last day of the month in which
 *    received + notice_months falls (any day in March 2025, 6 months ->
 *    2025-09-30);
 *  - automatic renewal: the first end (the written end extended by whole
 *    renewal periods) whose notice deadline end - notice_months is on or
 *    after `received`;
 *  - otherwise received + notice_months;
 * and for a fixed term never after the end in force on `received`.
 * FC_OK with *effective and *why; FC_INVALID_ARGUMENT with *why when the
 * term has problems, the notice precedes the start, or a fixed term without
 * renewal had ended before it; FC_OUT_OF_RANGE when the date would fall after
 * 9999-12-31. `why` may be NULL. */
fc_status_t fc_term_notice_effective(const fc_term_t *term, fc_date_t received,
                                     fc_date_t *effective, fc_reason_t *why);

/* The end in force on `on`: with a notice recorded (notice_received not
 * NULL) the day that notice takes effect, whatever the kind of term;
 * otherwise the written end, for an automatically renewing term extended by
 * every renewal whose notice deadline passed before `on`. *has_end is false
 * (and *end untouched) for a term that runs until further notice without a
 * notice. Errors as fc_term_notice_effective. */
fc_status_t fc_term_end_in_force(const fc_term_t *term, fc_date_t on,
                                 const fc_date_t *notice_received, bool *has_end,
                                 fc_date_t *end, fc_reason_t *why);

/* Renewal cycles of a fixed term: cycle 0 ends at the written end, cycle k
 * at end + k * renewal_months (counted from the written end), and its notice
 * deadline is that end - notice_months. For a term without renewal only
 * cycle 0 exists. FC_OK; FC_INVALID_ARGUMENT for a term with problems, one
 * without an end, or k < 0 (or k > 0 without renewal); FC_OUT_OF_RANGE past
 * 9999-12-31. Either output may be NULL. */
fc_status_t fc_term_cycle(const fc_term_t *term, int64_t k, fc_date_t *end,
                          fc_date_t *deadline);

/* The first cycle whose notice deadline is on or after `day`, in O(1).
 * FC_OUT_OF_RANGE when there is none (a term without renewal whose deadline
 * has passed, or past 9999-12-31); FC_INVALID_ARGUMENT as fc_term_cycle. */
fc_status_t fc_term_first_cycle_on_or_after(const fc_term_t *term, fc_date_t day,
                                            int64_t *k);

/* "6 months", "1 month", "2 years" (whole years when `in_years` and the count
 * is a multiple of 12), into buf; returns buf. */
char *fc_term_months_text(int64_t months, bool in_years, char *buf, size_t size);

#endif
