#include "wire.h"
#include "fcavtal/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"

Fcavtal__V1__Date *cst__wire_date_new(fc_date_t d)
{
    return fc_pb_date_new(d);
}

Fcavtal__V1__Money *cst__wire_money_new(int64_t ore)
{
    Fcavtal__V1__Money *m = malloc(sizeof *m);
    if (m == NULL)
        return NULL;
    fcavtal__v1__money__init(m);
    m->ore = ore;
    return m;
}

char *cst__wire_strdup(const char *s)
{
    return strdup(s ? s : "");
}


int64_t cst__wire_ore(const Fcavtal__V1__Money *m)
{
    return m ? m->ore : 0;
}

fc_status_t cst__wire_period(fc_call_t *call, const Fcavtal__V1__SettlementPeriod *pb,
                             const char *field, cst_period_t *out)
{
    if (pb == NULL) {
        fc_call_violation(call, field, "a period is required: month, quarter, year or custom");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: a period is required", field);
    }
    char f[96];
    snprintf(f, sizeof f, "%s.from", field);
    if (!fc_date_from_pb(pb->from, &out->from)) {
        fc_call_violation(call, f, "a date that exists is required");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: not a date", f);
    }
    snprintf(f, sizeof f, "%s.to", field);
    if (!fc_date_from_pb(pb->to, &out->to)) {
        fc_call_violation(call, f, "a date that exists is required");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: not a date", f);
    }
    switch (pb->kind) {
    case FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_MONTH: out->kind = CST_PERIOD_MONTH; break;
    case FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_QUARTER: out->kind = CST_PERIOD_QUARTER; break;
    case FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_YEAR: out->kind = CST_PERIOD_YEAR; break;
    case FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_CUSTOM: out->kind = CST_PERIOD_CUSTOM; break;
    default:
        snprintf(f, sizeof f, "%s.kind", field);
        fc_call_violation(call, f, "one of MONTH, QUARTER, YEAR, CUSTOM");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: the period needs a kind", field);
    }
    cst_error_t err;
    fc_status_t st = cst_period_check(*out, field, &err);
    return st ? cst__wire_fail(call, st, &err, NULL) : FC_OK;
}

Fcavtal__V1__SettlementPeriod *cst__wire_period_new(cst_period_t p)
{
    Fcavtal__V1__SettlementPeriod *pb = malloc(sizeof *pb);
    if (pb == NULL)
        return NULL;
    fcavtal__v1__settlement_period__init(pb);
    pb->kind = (Fcavtal__V1__PeriodKind)p.kind;
    pb->from = cst__wire_date_new(p.from);
    pb->to = cst__wire_date_new(p.to);
    if (pb->from == NULL || pb->to == NULL) {
        fcavtal__v1__settlement_period__free_unpacked(pb, NULL);
        return NULL;
    }
    return pb;
}

fc_status_t cst__wire_fail(fc_call_t *call, fc_status_t code, const cst_error_t *err,
                           const char *prefix)
{
    if (code == FC_RESOURCE_EXHAUSTED)
        return fc_call_oom(call);
    if (err->field[0])
        fc_call_violation(call, err->field, "%s", err->message);
    if (prefix)
        return fc_call_fail(call, code, "%s: %s", prefix, err->message);
    return fc_call_fail(call, code, "%s", err->message);
}

void cst__wire_period_label(cst_period_t p, char *out, size_t size)
{
    char a[FC_DATE_STRLEN], b[FC_DATE_STRLEN];
    switch (p.kind) {
    case CST_PERIOD_YEAR:
        snprintf(out, size, "%04d", p.from.year);
        break;
    case CST_PERIOD_QUARTER:
        snprintf(out, size, "%04dQ%d", p.from.year, (p.from.month - 1) / 3 + 1);
        break;
    case CST_PERIOD_MONTH:
        snprintf(out, size, "%04d-%02d", p.from.year, p.from.month);
        break;
    default:
        snprintf(out, size, "%s_%s", fc_date_format(p.from, a), fc_date_format(p.to, b));
        break;
    }
}
