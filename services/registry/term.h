/* Term rules of an agreement: validation and notice effective dates. */
#ifndef FC_REGISTRY_TERM_H
#define FC_REGISTRY_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include "fcavtal/date.h"
#include "fcavtal/status.h"
#include "fcavtal/v1/registry.pb-c.h"

/* Collects field violations (errors) and warnings for a reply.
 * Strings are owned (malloc) by the report; free with fc_report_clear. */
typedef struct {
    size_t n_violations;
    char **fields;          /* "agreement.term.end" */
    char **descriptions;    /* "end 2024-01-01 is before start 2025-01-01" */
    size_t n_warnings;
    char **warnings;
} fc_report_t;

/* Adds an error; printf-style description. Returns 0, or -1 out of memory. */
int fc_report_violation(fc_report_t *r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int fc_report_warning(fc_report_t *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void fc_report_clear(fc_report_t *r);

/* Converts a wire date; false when absent or not a real calendar date. */
bool fc_date_from_pb(const Fcavtal__V1__Date *pb, fc_date_t *out);

/* Checks a term for an agreement of `kind`, prefixing field paths with
 * `path` (e.g. "agreement.term"). Errors: missing/invalid start; end absent
 * while not until further notice; end given while until further notice; end
 * before start; negative month counts; annual review with impossible dates.
 * Warning (not error): a LOCAL agreement whose fixed term is shorter than 3
 * or longer than 5 years (VG §15 recommends 3-5 years). */
void fc_term_check(const Fcavtal__V1__Term *term, Fcavtal__V1__AgreementKind kind,
                   const char *path, fc_report_t *report);

/* The date a notice received on `received` takes effect, by the term:
 *  - annual review (Örebro): received on or before the window end of year Y
 *    (30 June) -> effect date of year Y (31 December); later -> year Y+1.
 *  - notice_to_month_end (use-right): last day of the month in which
 *    received + notice_months falls (any day in March 2025, 6 months ->
 *    2025-09-30).
 *  - fixed term with auto-renewal: the first end date (rolling end forward by
 *    renewal_months) whose notice deadline end - notice_months is on or after
 *    `received`; a notice too late for this end applies to the next.
 *  - other fixed term: received + notice_months, but never after end.
 *  - until further notice: received + notice_months.
 * Returns FC_OK, or FC_INVALID_ARGUMENT when the term cannot be computed
 * (for instance received before start). */
fc_status_t fc_term_notice_effective(const Fcavtal__V1__Term *term, fc_date_t received,
                                     fc_date_t *effective);

/* The end date in force on `today` for a fixed term with auto-renewal: end
 * rolled forward by renewal_months while today is past the notice deadline
 * (end - notice_months) and no notice was given. For a term without renewal
 * it is simply end. false when there is no end (until further notice). */
bool fc_term_current_end(const Fcavtal__V1__Term *term, fc_date_t today, fc_date_t *end);

#endif
