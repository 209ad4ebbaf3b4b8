/* The registry's adapter to the domain's term rules (fcavtal/term.h): the
 * wire Term becomes an fc_term_t, and the domain's problems become field
 * violations under the request's path. */
#include "term.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "fcavtal/text.h"

#define KIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x

/* ------------------------------------------------------------ report */

/* Grows an array of strings by one slot; the count is bumped by the caller
 * only once every parallel array has room. */
static int grow(char ***arr, size_t n)
{
    char **p = realloc(*arr, (n + 1) * sizeof *p);
    if (!p)
        return -1;
    *arr = p;
    return 0;
}

int fc_report_violation(fc_report_t *r, const char *field, const char *fmt, ...)
{
    char *f = strdup(field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    char *d = fc_vformat(fmt, ap);
    va_end(ap);
    if (!f || !d || grow(&r->fields, r->n_violations) || grow(&r->descriptions, r->n_violations)) {
        free(f);
        free(d);
        return -1;
    }
    r->fields[r->n_violations] = f;
    r->descriptions[r->n_violations] = d;
    r->n_violations++;
    return 0;
}

int fc_report_warning(fc_report_t *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *w = fc_vformat(fmt, ap);
    va_end(ap);
    if (!w || grow(&r->warnings, r->n_warnings)) {
        free(w);
        return -1;
    }
    r->warnings[r->n_warnings++] = w;
    return 0;
}

void fc_report_clear(fc_report_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_violations; i++) {
        free(r->fields[i]);
        free(r->descriptions[i]);
    }
    for (size_t i = 0; i < r->n_warnings; i++)
        free(r->warnings[i]);
    free(r->fields);
    free(r->descriptions);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------ check */

typedef struct {
    const char *path;
    fc_report_t *report;
    bool start_reported, end_reported;  /* by the wire checks: skip the domain's */
} ctx_t;

static void violation(ctx_t *c, const char *field, const char *what)
{
    char full[256];
    snprintf(full, sizeof full, "%s.%s", c->path, field);
    /* Out of memory only loses a message; the caller's reply still fails. */
    (void)fc_report_violation(c->report, full, "%s", what);
}

static void domain_problem(void *ctx, const char *field, const char *what)
{
    ctx_t *c = ctx;
    if ((c->start_reported && strcmp(field, "start") == 0) ||
        (c->end_reported && strcmp(field, "end") == 0))
        return;
    violation(c, field, what);
}

/* An all-zero Date is what an empty JSON object or a zeroed struct decodes
 * to; it means "not given", not "invalid". */
static bool pb_date_given(const Fcavtal__V1__Date *pb)
{
    return pb && (pb->year || pb->month || pb->day);
}

/* What only the wire can get wrong: a date absent, or present when it must
 * not be. */
static void check_wire_dates(ctx_t *c, const Fcavtal__V1__Term *term)
{
    if (!fc_date_from_pb(term->start, NULL)) {
        violation(c, "start", pb_date_given(term->start) ? "start is not a valid date"
                                                         : "start is required");
        c->start_reported = true;
    }
    bool given = pb_date_given(term->end);
    if (term->until_further_notice && given) {
        violation(c, "end", "end must be absent when the term runs until further notice");
        c->end_reported = true;
    } else if (!term->until_further_notice && !fc_date_from_pb(term->end, NULL)) {
        violation(c, "end", given ? "end is not a valid date"
                                  : "end is required unless the term runs until further notice");
        c->end_reported = true;
    }
}

void reg_term_check(const Fcavtal__V1__Term *term, Fcavtal__V1__AgreementKind kind,
                    const char *path, fc_report_t *report)
{
    if (!report)
        return;
    ctx_t c = {.path = path && *path ? path : "term", .report = report};
    if (!term) {
        (void)fc_report_violation(report, c.path, "term is required");
        return;
    }
    check_wire_dates(&c, term);
    fc_term_t t;
    (void)fc_term_from_pb(term, &t);
    size_t before = report->n_violations;
    fc_term_problems(&t, domain_problem, &c);
    fc_reason_t advice;
    if (kind == KIND(LOCAL) && report->n_violations == before && !c.start_reported &&
        !c.end_reported && fc_term_outside_recommended_length(&t, &advice))
        (void)fc_report_warning(report, "%s", advice.text);
}

/* ------------------------------------------------------------ reason */

Fcavtal__V1__Reason *reg_reason_new(const fc_reason_t *reason)
{
    Fcavtal__V1__Reason *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    fcavtal__v1__reason__init(r);
    if (fc_pb_set_string(&r->rule, reason->rule ? reason->rule : "") ||
        fc_pb_set_string(&r->source, reason->source ? reason->source : "") ||
        fc_pb_set_string(&r->text, reason->text)) {
        fcavtal__v1__reason__free_unpacked(r, NULL);
        return NULL;
    }
    return r;
}
