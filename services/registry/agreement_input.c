/* Fields the registry computes are never taken from a client
 * (docs/protocol.md, "Fields the registry computes"):
 *  - values it computes (status, version, effective_end, approved_by,
 *    current_end and its reason) are ignored, with a warning naming the
 *    field whenever the value sent differs from the one the registry holds,
 *    so that a record fetched and sent back unchanged raises none;
 *  - acts recorded by a request of their own (signatures by sign, a notice
 *    by record_notice) are refused unless sent unchanged: silently dropping
 *    a signature or a notice would hide a client's mistake about what was
 *    signed or received;
 *  - in an amendment, the id and kind name the agreement being amended and
 *    are refused when they differ from it. */
#include <stdio.h>
#include <string.h>

#include "agreement.h"
#include "fcavtal/pb.h"
#include "term.h"

#define ST(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

static bool dates_equal(const Fcavtal__V1__Date *a, const Fcavtal__V1__Date *b)
{
    fc_date_t x, y;
    bool has_x = fc_date_from_pb(a, &x), has_y = fc_date_from_pb(b, &y);
    return has_x == has_y && (!has_x || fc_date_cmp(x, y) == 0);
}

static bool strings_equal(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool signature_equal(const Fcavtal__V1__Signature *a, const Fcavtal__V1__Signature *b)
{
    return a->organisation_id == b->organisation_id && a->operation_id == b->operation_id &&
           dates_equal(a->date, b->date) && strings_equal(a->place, b->place) &&
           strings_equal(a->name, b->name) && strings_equal(a->title, b->title);
}

static bool signatures_equal(const Agreement *given, const Agreement *current)
{
    size_t n = current ? current->n_signatures : 0;
    if (given->n_signatures != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!signature_equal(given->signatures[i], current->signatures[i]))
            return false;
    return true;
}

static bool notice_equal(const Fcavtal__V1__Notice *a, const Fcavtal__V1__Notice *b)
{
    if (!a || !b)
        return a == b;
    return dates_equal(a->received, b->received) &&
           a->from_organisation_id == b->from_organisation_id &&
           dates_equal(a->effective, b->effective) && strings_equal(a->note, b->note);
}

static bool ids_equal(const Agreement *given, const Agreement *current)
{
    size_t n = current ? current->n_approved_by : 0;
    return given->n_approved_by == n &&
           (n == 0 || memcmp(given->approved_by, current->approved_by, n * sizeof(uint64_t)) == 0);
}

static fc_status_t refuse(fc_call_t *call, const char *path, const char *field, const char *what)
{
    char f[256];
    snprintf(f, sizeof f, "%s.%s", path, field);
    fc_call_violation(call, f, "%s", what);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: %s", f, what);
}

static void ignored(fc_call_t *call, const char *path, const char *field, const char *by)
{
    fc_call_warning(call, "%s.%s is computed by the registry (%s): the value given was ignored",
                    path, field, by);
}

static fc_status_t check_acts(fc_call_t *call, const Agreement *given, const Agreement *current,
                              const char *path, bool amending)
{
    if (given->n_signatures && !signatures_equal(given, current))
        return refuse(call, path, "signatures",
                      amending ? "signatures are recorded through sign and carry over to the "
                                 "amended version: send them unchanged or not at all"
                               : "recorded through sign and record_notice, not put");
    if (given->notice && !notice_equal(given->notice, current ? current->notice : NULL))
        return refuse(call, path, "notice", "recorded through sign and record_notice, not put");
    if (!amending)
        return FC_OK;
    if (given->id && given->id != current->id)
        return refuse(call, path, "id", "amend.agreement_id names the agreement amended");
    if (given->kind && given->kind != current->kind)
        return refuse(call, path, "kind",
                      "an agreement's kind does not change: register a new agreement");
    return FC_OK;
}

/* current_end and its reason as a get of the current record would show them. */
static bool read_values_equal(fc_call_t *call, const Agreement *given, const Agreement *current,
                              bool *end_same, bool *reason_same)
{
    bool has = false;
    fc_date_t end;
    fc_reason_t why = {.rule = NULL, .source = NULL, .text = ""};
    if (current)
        (void)reg_agreement_end(current, fc_call_today(call), &has, &end, &why);
    Fcavtal__V1__Date want = FCAVTAL__V1__DATE__INIT;
    if (current && has)
        want.year = end.year, want.month = end.month, want.day = end.day;
    *end_same = dates_equal(given->current_end, &want);
    const Fcavtal__V1__Reason *r = given->current_end_reason;
    *reason_same = !r || (current && strings_equal(r->rule, why.rule) &&
                          strings_equal(r->source, why.source) &&
                          strings_equal(r->text, why.text));
    return *end_same && *reason_same;
}

static void ignore_computed(fc_call_t *call, Agreement *given, const Agreement *current,
                            const char *path, const reg_computed_t *result)
{
    Fcavtal__V1__AgreementStatus held = current ? current->status : 0;
    if (given->status && given->status != held && given->status != result->status)
        ignored(call, path, "status", "it follows the lifecycle: send, sign, notice, terminate");
    uint32_t version = current ? current->version : 0;
    if (given->version && given->version != version && given->version != result->version)
        ignored(call, path, "version", "one more on every change");
    if (!dates_equal(given->effective_end, current ? current->effective_end : NULL))
        ignored(call, path, "effective_end", "set by record_notice and terminate");
    if (!ids_equal(given, current))
        ignored(call, path, "approved_by", "taken from amend.approved_by");
    bool end_same, reason_same;
    if (!read_values_equal(call, given, current, &end_same, &reason_same)) {
        if (!end_same)
            ignored(call, path, "current_end", "the end in force, on every reply");
        if (!reason_same)
            ignored(call, path, "current_end_reason", "with current_end");
    }
}

/* Replaces given's computed fields by current's (absent on a create). */
static fc_status_t reset_computed(Agreement *given, const Agreement *current)
{
    reg_agreement_drop_current_end(given);
    given->status = current ? current->status : 0;
    given->version = current ? current->version : 0;
    if (given->effective_end)
        fcavtal__v1__date__free_unpacked(given->effective_end, NULL);
    given->effective_end = NULL;
    if (current && current->effective_end) {
        fc_date_t d;
        if (fc_date_from_pb(current->effective_end, &d) &&
            !(given->effective_end = fc_pb_date_new(d)))
            return FC_RESOURCE_EXHAUSTED;
    }
    /* approved_by is set by amend itself; a put keeps none. */
    given->n_approved_by = 0;
    return FC_OK;
}

fc_status_t reg_agreement_take_input(fc_call_t *call, Agreement *given, const Agreement *current,
                                     const char *path, const reg_computed_t *result)
{
    bool amending = result->amending;
    fc_status_t st = check_acts(call, given, current, path, amending);
    if (st)
        return st;
    ignore_computed(call, given, current, path, result);
    st = reset_computed(given, current);
    return st ? fc_call_fail(call, st, "out of memory") : FC_OK;
}

fc_status_t reg_agreement_take_amendment(fc_call_t *call, Agreement *next, const Agreement *cur)
{
    reg_computed_t result = {.amending = true, .status = ST(ACTIVE), .version = cur->version + 1};
    return reg_agreement_take_input(call, next, cur, "amend.agreement", &result);
}
