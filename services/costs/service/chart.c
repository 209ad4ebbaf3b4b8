/* A chart of accounts is finance's to fill in (docs/costs.md, "SIE"): the
 * service checks that it can be written as SIE and hard-codes no account. */
#include "chart.h"

#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "wire.h"

/* BAS and every SIE reader take accounts of up to six digits. */
#define ACCOUNT_MAX 999999u

static fc_status_t bad(fc_call_t *call, const char *field, const char *what)
{
    fc_call_violation(call, field, "%s", what);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: %s", field, what);
}

static fc_status_t check_text(fc_call_t *call, const char *field, const char *s, size_t max)
{
    if (strlen(s) > max)
        return bad(call, field, "too long");
    return FC_OK;
}

static fc_status_t check_objects(fc_call_t *call, const char *field,
                                 Fcavtal__V1__SieObject *const *o, size_t n)
{
    if (n > CST_MAX_OBJECTS)
        return bad(call, field, "at most 1000 objects");
    for (size_t i = 0; i < n; i++) {
        if (o[i]->id == 0 || !*o[i]->code)
            return bad(call, field, "every object needs an id and a code");
        if (check_text(call, field, o[i]->code, 40) || check_text(call, field, o[i]->name, 200))
            return FC_INVALID_ARGUMENT;
        for (size_t j = 0; j < i; j++)
            if (o[j]->id == o[i]->id)
                return bad(call, field, "an id is listed twice");
    }
    return FC_OK;
}

static fc_status_t check_dimension(fc_call_t *call, const char *field, int32_t dim)
{
    if (dim < 0 || dim > 999)
        return bad(call, field, "0 (none) or a dimension number up to 999");
    return FC_OK;
}

static fc_status_t check_chart(fc_call_t *call, const Fcavtal__V1__ChartOfAccounts *c)
{
    bool seen[CST_CATEGORY_SLOTS] = {false};
    for (size_t i = 0; i < c->n_cost_accounts; i++) {
        const Fcavtal__V1__SieCostAccount *a = c->cost_accounts[i];
        if (a->category < 1 || a->category >= CST_CATEGORY_SLOTS)
            return bad(call, "chart.cost_accounts.category", "a cost category is required");
        if (seen[a->category])
            return bad(call, "chart.cost_accounts", "a category is given twice");
        seen[a->category] = true;
        if (a->account == 0 || a->account > ACCOUNT_MAX)
            return bad(call, "chart.cost_accounts.account", "an account number 1..999999");
        if (check_text(call, "chart.cost_accounts.name", a->name, 100))
            return FC_INVALID_ARGUMENT;
    }
    if (c->receivable_account == 0 || c->receivable_account > ACCOUNT_MAX)
        return bad(call, "chart.receivable_account", "an account number 1..999999 is required");
    if (c->payable_account == 0 || c->payable_account > ACCOUNT_MAX)
        return bad(call, "chart.payable_account", "an account number 1..999999 is required");
    if (check_dimension(call, "chart.counterparty_dimension", c->counterparty_dimension) ||
        check_dimension(call, "chart.operation_dimension", c->operation_dimension))
        return FC_INVALID_ARGUMENT;
    if (c->counterparty_dimension && c->counterparty_dimension == c->operation_dimension)
        return bad(call, "chart.operation_dimension", "the two dimensions must differ");
    if (check_text(call, "chart.voucher_series", c->voucher_series, 20) ||
        check_text(call, "chart.receivable_account_name", c->receivable_account_name, 100) ||
        check_text(call, "chart.payable_account_name", c->payable_account_name, 100))
        return FC_INVALID_ARGUMENT;
    fc_status_t st = check_objects(call, "chart.counterparty_objects", c->counterparty_objects,
                                   c->n_counterparty_objects);
    return st ? st : check_objects(call, "chart.operation_objects", c->operation_objects,
                                   c->n_operation_objects);
}

CST_HANDLER(cst__set_chart, Fcavtal__V1__SetChartOfAccounts)
{
    const Fcavtal__V1__ChartOfAccounts *in = body->chart;
    if (in == NULL)
        return bad(call, "chart", "a chart of accounts is required");
    bool known;
    fc_status_t st = fc_record_exists(call, CST_REC_ORG, in->organisation_id, &known);
    if (!st && !known) {
        fc_call_violation(call, "chart.organisation_id", "no such organisation in the registry");
        return fc_call_fail(call, FC_NOT_FOUND, "unknown organisation %llu",
                            (unsigned long long)in->organisation_id);
    }
    if (!st)
        st = check_chart(call, in);
    if (st)
        return st;
    Fcavtal__V1__ChartOfAccounts *c = (Fcavtal__V1__ChartOfAccounts *)fc_pb_clone(&in->base);
    if (c == NULL)
        return fc_call_oom(call);
    c->id = c->organisation_id;
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_CHART;
    rep->chart = c;
    st = fc_record_put(call, CST_REC_CHART, &c->base);
    return st ? st : fc_call_emit(call, CST_REC_CHART, "set", &c->base);
}

CST_HANDLER(cst__get_chart, Fcavtal__V1__GetById)
{
    fc_status_t st = fc_record_get(call, CST_REC_CHART, body->id, (ProtobufCMessage **)&rep->chart);
    if (st == FC_NOT_FOUND)
        return fc_call_fail(call, st, "organisation %llu has no chart of accounts: set one with "
                            "set_chart_of_accounts", (unsigned long long)body->id);
    if (!st)
        rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_CHART;
    return st;
}

static cst_sie_object_t *objects(Fcavtal__V1__SieObject *const *o, size_t n)
{
    cst_sie_object_t *out = calloc(n ? n : 1, sizeof *out);
    for (size_t i = 0; out && i < n; i++)
        out[i] = (cst_sie_object_t){o[i]->id, o[i]->code, *o[i]->name ? o[i]->name : NULL};
    return out;
}

fc_status_t cst__chart_accounts(fc_call_t *call, const Fcavtal__V1__ChartOfAccounts *c,
                                cst__accounts_t *out)
{
    *out = (cst__accounts_t){0};
    cst_sie_accounts_t *a = &out->acc;
    for (size_t i = 0; i < c->n_cost_accounts; i++) {
        int k = c->cost_accounts[i]->category;
        if (k > 0 && k < CST_CATEGORY_SLOTS) {
            a->cost_account[k] = c->cost_accounts[i]->account;
            a->cost_account_name[k] = c->cost_accounts[i]->name;
        }
    }
    a->receivable_account = c->receivable_account;
    a->receivable_account_name = c->receivable_account_name;
    a->payable_account = c->payable_account;
    a->payable_account_name = c->payable_account_name;
    a->counterparty_dimension = c->counterparty_dimension;
    a->counterparty_dimension_name = c->counterparty_dimension_name;
    a->operation_dimension = c->operation_dimension;
    a->operation_dimension_name = c->operation_dimension_name;
    a->voucher_series = c->voucher_series;
    a->voucher_number = c->next_voucher_number;
    out->counterparties = objects(c->counterparty_objects, c->n_counterparty_objects);
    out->operations = objects(c->operation_objects, c->n_operation_objects);
    if (!out->counterparties || !out->operations) {
        cst__accounts_clear(out);
        return fc_call_oom(call);
    }
    a->counterparty_objects = out->counterparties;
    a->n_counterparty_objects = c->n_counterparty_objects;
    a->operation_objects = out->operations;
    a->n_operation_objects = c->n_operation_objects;
    return FC_OK;
}

void cst__accounts_clear(cst__accounts_t *a)
{
    free(a->counterparties);
    free(a->operations);
    *a = (cst__accounts_t){0};
}
