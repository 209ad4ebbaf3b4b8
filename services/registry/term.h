/* The registry's side of term rules: wire Term to the domain's fc_term_t,
 * field-named validation for replies, and reasons on the wire. The rules
 * themselves live in the domain library (fcavtal/term.h). */
#ifndef FC_REGISTRY_TERM_H
#define FC_REGISTRY_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include "fcavtal/date.h"
#include "fcavtal/reason.h"
#include "fcavtal/status.h"
#include "fcavtal/term.h"
#include "fcavtal/v1/registry.pb-c.h"
#include "fcavtal/agreement_wire.h"

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



/* Checks a term for an agreement of `kind`, prefixing field paths with
 * `path` (e.g. "agreement.term"), collecting every problem: missing or
 * invalid start; end absent while not until further notice, or given while
 * until further notice; and every problem fc_term_problems finds (end before
 * start, month counts outside 0..FC_TERM_MAX_MONTHS, impossible review days,
 * contradictory clauses). Warning (not error): a LOCAL agreement whose fixed
 * term lies outside the 3-5 years VG §15 recommends. */
void reg_term_check(const Fcavtal__V1__Term *term, Fcavtal__V1__AgreementKind kind,
                    const char *path, fc_report_t *report);

/* A malloc-owned wire Reason, NULL when out of memory. */
Fcavtal__V1__Reason *reg_reason_new(const fc_reason_t *reason);

#endif
