/* Text output of agreements: term, parties, signatures, notice, use right. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "print.h"
#include "table.h"

const char *fmt_term_span(const Fcavtal__V1__Term *t, char *buf, size_t n)
{
    char start[16], end[16];
    if (!t)
        snprintf(buf, n, "%s", "");
    else if (t->until_further_notice || !t->end)
        snprintf(buf, n, "%s – until further notice", fmt_date(t->start, start, sizeof start));
    else
        snprintf(buf, n, "%s – %s", fmt_date(t->start, start, sizeof start),
                 fmt_date(t->end, end, sizeof end));
    return buf;
}

/* The term's rules, one clause each, in the order a reader needs them. */
static void print_term_rules(const Fcavtal__V1__Term *t)
{
    if (t->renewal_months)
        printf("    renews automatically by %d months unless notice is given\n",
               (int)t->renewal_months);
    if (t->notice_months)
        printf("    notice: %d months%s\n", (int)t->notice_months,
               t->notice_to_month_end ? ", ending at the turn of the month after" : "");
    if (t->extension_option_months)
        printf("    option to extend by %d months, decided in writing by all parties\n",
               (int)t->extension_option_months);
    const Fcavtal__V1__AnnualReview *r = t->annual_review;
    if (r && r->window_end_month)
        printf("    annual review: notice by %02d-%02d each year, takes effect %02d-%02d\n",
               (int)r->window_end_month, (int)r->window_end_day, (int)r->effect_month,
               (int)r->effect_day);
}

static bool has_signed(const pb_agreement_t *a, const Fcavtal__V1__Party *p)
{
    for (size_t i = 0; i < a->n_signatures; i++)
        if (a->signatures[i]->organisation_id == p->organisation_id &&
            a->signatures[i]->operation_id == p->operation_id)
            return true;
    return false;
}

static void print_parties(const pb_agreement_t *a)
{
    if (a->n_parties > 0)
        printf("  parties:\n");
    for (size_t i = 0; i < a->n_parties; i++) {
        const Fcavtal__V1__Party *p = a->parties[i];
        char org[256], op[256];
        printf("    - %s", names_org(p->organisation_id, org, sizeof org));
        if (p->operation_id)
            printf(", %s", names_op(p->operation_id, op, sizeof op));
        if (*p->role)
            printf(" (%s)", p->role);
        printf(": %s\n", has_signed(a, p) ? "signed" : "not signed");
    }
}

static void print_signatures(const pb_agreement_t *a)
{
    if (a->n_signatures > 0)
        printf("  signatures:\n");
    for (size_t i = 0; i < a->n_signatures; i++) {
        const Fcavtal__V1__Signature *s = a->signatures[i];
        char date[16], org[256], op[256];
        printf("    - %s", names_org(s->organisation_id, org, sizeof org));
        if (s->operation_id)
            printf(", %s", names_op(s->operation_id, op, sizeof op));
        printf(": %s in %s by %s, %s\n", fmt_date(s->date, date, sizeof date), s->place,
               s->name, s->title);
    }
}

static void print_documents(const pb_agreement_t *a)
{
    if (a->n_documents > 0)
        printf("  governing documents:\n");
    for (size_t i = 0; i < a->n_documents; i++) {
        const Fcavtal__V1__GoverningDocument *d = a->documents[i];
        char date[16];
        printf("    - %s", d->title);
        if (*d->case_number)
            printf(", %s", d->case_number);
        if (d->date)
            printf(", %s", fmt_date(d->date, date, sizeof date));
        putchar('\n');
    }
}

static void print_notice(const pb_agreement_t *a)
{
    char received[16], effective[16], org[256];
    const Fcavtal__V1__Notice *n = a->notice;
    if (n && n->received) {
        print_kv("notice", "received %s from %s, effective %s%s%s",
                 fmt_date(n->received, received, sizeof received),
                 names_org(n->from_organisation_id, org, sizeof org),
                 fmt_date(n->effective, effective, sizeof effective), *n->note ? ": " : "",
                 n->note);
        if (n->effective_reason && *n->effective_reason->text)
            printf("    %s\n", n->effective_reason->text);
    }
    if (a->effective_end)
        print_kv("effective end", "%s", fmt_date(a->effective_end, effective, sizeof effective));
}

static bool same_date(const Fcavtal__V1__Date *a, const Fcavtal__V1__Date *b)
{
    return a && b && a->year == b->year && a->month == b->month && a->day == b->day;
}

static bool is_status(const pb_agreement_t *a, Fcavtal__V1__AgreementStatus status)
{
    return a->status == status;
}

#define STATUS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

/* True when automatic renewal, and nothing else, has moved the end past the
 * one written: an agreement under notice, terminated or expired ends when
 * its notice or termination says. */
static bool renewed(const pb_agreement_t *a)
{
    bool running = is_status(a, STATUS(ACTIVE)) || is_status(a, STATUS(DRAFT)) ||
                   is_status(a, STATUS(OUT_FOR_SIGNATURE));
    return running && a->term && a->term->end && a->current_end &&
           !same_date(a->term->end, a->current_end);
}

/* "in force until 2025-12-31: notice received ... (VG §4)"; "ended" once it
 * has expired; the reason alone when it runs until further notice. */
static void print_end_in_force(const pb_agreement_t *a)
{
    const Fcavtal__V1__Reason *r = a->current_end_reason;
    const char *why = r && *r->text ? r->text : NULL;
    char end[16];
    if (!a->current_end) {
        if (why)
            print_kv("in force", "%s", why);
        return;
    }
    /* Before every party has signed, nothing is in force yet. */
    bool unsigned_yet = is_status(a, STATUS(DRAFT)) || is_status(a, STATUS(OUT_FOR_SIGNATURE));
    const char *label = is_status(a, STATUS(EXPIRED)) ? "ended"
                        : unsigned_yet               ? "would run until"
                                                     : "in force until";
    print_kv(label, "%s%s%s", fmt_date(a->current_end, end, sizeof end), why ? ": " : "",
             why ? why : "");
}

/* The list's TERM column: the written span, and the end in force when
 * something other than the written end decides it. */
static void term_cell(cli_table_t *t, const pb_agreement_t *a)
{
    char span[64], end[16];
    fmt_term_span(a->term, span, sizeof span);
    if (!a->current_end || same_date(a->term ? a->term->end : NULL, a->current_end))
        table_cellf(t, "%s", span);
    else if (renewed(a))
        table_cellf(t, "%s, renewed to %s", span, fmt_date(a->current_end, end, sizeof end));
    else if (is_status(a, STATUS(EXPIRED)))
        table_cellf(t, "%s, ended %s", span, fmt_date(a->current_end, end, sizeof end));
    else
        table_cellf(t, "%s, ends %s", span, fmt_date(a->current_end, end, sizeof end));
}

static void print_use_right(const Fcavtal__V1__UseRight *u)
{
    char cost[48], period[32], op[256];
    print_kv("premises", "%s", u->address);
    print_kv("annual cost", "%s at %d price level, paid per %s",
             fmt_money(u->annual_cost ? u->annual_cost->ore : 0, cost, sizeof cost),
             (int)u->base_year,
             fmt_enum(&fcavtal__v1__compensation_period__descriptor, u->period, period,
                      sizeof period));
    for (size_t i = 0; i < u->n_shares; i++) {
        const Fcavtal__V1__PremisesShare *s = u->shares[i];
        printf("    - %s: %d m², %d ‰, %s\n", s->area, (int)s->square_metres,
               (int)s->share_permille, names_op(s->operation_id, op, sizeof op));
    }
}

static void print_header(const pb_agreement_t *a)
{
    char kind[32], status[32], rules[32], id[24], span[64];
    printf("agreement %" PRIu64 ": %s\n", a->id, a->title);
    print_kv("kind", "%s", fmt_enum(&fcavtal__v1__agreement_kind__descriptor, a->kind, kind,
                                    sizeof kind));
    if (*a->case_number)
        print_kv("case number", "%s", a->case_number);
    print_kv("status", "%s (version %u)",
             fmt_enum(&fcavtal__v1__agreement_status__descriptor, a->status, status,
                      sizeof status),
             (unsigned)a->version);
    if (a->rule_set)
        print_kv("rule set", "%s", fmt_enum(&fcavtal__v1__rule_set__descriptor, a->rule_set,
                                            rules, sizeof rules));
    if (a->framework_id)
        print_kv("framework", "%s", fmt_id(a->framework_id, id, sizeof id));
    if (a->centre_id)
        print_kv("centre", "%s", fmt_id(a->centre_id, id, sizeof id));
    if (a->term) {
        print_kv("term", "%s", fmt_term_span(a->term, span, sizeof span));
        print_term_rules(a->term);
    }
    print_end_in_force(a);
}

int print_agreement(const pb_agreement_t *a)
{
    print_header(a);
    print_parties(a);
    print_signatures(a);
    print_documents(a);
    print_notice(a);
    if (a->use_right)
        print_use_right(a->use_right);
    print_contacts(a->contacts, a->n_contacts);
    if (*a->change_note)
        print_kv("change note", "%s", a->change_note);
    for (size_t i = 0; i < a->n_approved_by; i++) {
        char org[256];
        print_kv(i == 0 ? "approved by" : "", "%s", names_org(a->approved_by[i], org, sizeof org));
    }
    return 0;
}

int print_agreements(pb_agreement_t *const *items, size_t n)
{
    static const char *const headers[] = {"ID", "KIND", "STATUS", "VER", "CASE NUMBER",
                                          "TERM", "CENTRE", "TITLE"};
    cli_table_t *t = table_new(headers, 8);
    for (size_t i = 0; i < n && t; i++) {
        const pb_agreement_t *a = items[i];
        char kind[32], status[32], centre[24];
        table_cellf(t, "%" PRIu64, a->id);
        table_cellf(t, "%s", fmt_enum(&fcavtal__v1__agreement_kind__descriptor, a->kind, kind,
                                      sizeof kind));
        table_cellf(t, "%s", fmt_enum(&fcavtal__v1__agreement_status__descriptor, a->status,
                                      status, sizeof status));
        table_cellf(t, "%u", (unsigned)a->version);
        table_cellf(t, "%s", a->case_number);
        term_cell(t, a);
        table_cellf(t, "%s", fmt_id(a->centre_id, centre, sizeof centre));
        table_cellf(t, "%s", a->title);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

int print_history(const Fcavtal__V1__AgreementHistory *h)
{
    static const char *const headers[] = {"VER", "STATUS", "TERM", "SIGNED", "CHANGE NOTE"};
    cli_table_t *t = table_new(headers, 5);
    for (size_t i = 0; i < h->n_versions && t; i++) {
        const pb_agreement_t *a = h->versions[i];
        char status[32], span[64];
        table_cellf(t, "%u", (unsigned)a->version);
        table_cellf(t, "%s", fmt_enum(&fcavtal__v1__agreement_status__descriptor, a->status,
                                      status, sizeof status));
        table_cellf(t, "%s", fmt_term_span(a->term, span, sizeof span));
        table_cellf(t, "%zu/%zu", a->n_signatures, a->n_parties);
        table_cellf(t, "%s", a->change_note);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}
