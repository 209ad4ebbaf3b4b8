/* The three fcavtal messages that are one value in JSON: Date as
 * "YYYY-MM-DD", Money as integer öre, OrgNumber as its text. On input the
 * canonical object form ({"year": 2025, "month": 6, "day": 1}) is taken
 * too, so that a system using a stock proto3 JSON library can send them;
 * either way a date must exist and an org number must validate. */
#include <stdio.h>

#include "fcavtal/date.h"
#include "fcavtal/v1/common.pb-c.h"
#include "internal.h"

pbj_well_known_t pbj_well_known(const ProtobufCMessageDescriptor *d)
{
    if (d == &fcavtal__v1__date__descriptor)
        return PBJ_WK_DATE;
    if (d == &fcavtal__v1__money__descriptor)
        return PBJ_WK_MONEY;
    if (d == &fcavtal__v1__org_number__descriptor)
        return PBJ_WK_ORGNR;
    return PBJ_WK_NONE;
}

json_t *pbj_well_known_to_json(pbj_well_known_t wk, const ProtobufCMessage *msg)
{
    if (wk == PBJ_WK_DATE) {
        const Fcavtal__V1__Date *d = (const Fcavtal__V1__Date *)msg;
        char buf[48];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)d->year, (int)d->month, (int)d->day);
        return json_string(buf);
    }
    if (wk == PBJ_WK_MONEY)
        return json_integer(((const Fcavtal__V1__Money *)msg)->ore);
    return pbj_text_to_json(((const Fcavtal__V1__OrgNumber *)msg)->value);
}

static int read_date(pbj_reader_t *r, const json_t *v, Fcavtal__V1__Date *pb)
{
    char why[256], text[48];
    if (json_is_object(v)) {
        if (pbj_read_object(r, pb->base.descriptor, v, false, &pb->base) != 0)
            return -1;
        snprintf(text, sizeof text, "%04d-%02d-%02d", (int)pb->year, (int)pb->month,
                 (int)pb->day);
        fc_date_t d;
        return fc_date_parse(text, &d) == 0 ? 0
                                            : pbj_fail(r, "%s", pbj_date_error(text, why, sizeof why));
    }
    if (!json_is_string(v))
        return pbj_fail(r, "expected a date as text, \"YYYY-MM-DD\"");
    fc_date_t d;
    if (fc_date_parse(json_string_value(v), &d) != 0)
        return pbj_fail(r, "%s", pbj_date_error(json_string_value(v), why, sizeof why));
    pb->year = d.year;
    pb->month = d.month;
    pb->day = d.day;
    return 0;
}

static int read_money(pbj_reader_t *r, const json_t *v, Fcavtal__V1__Money *pb)
{
    if (json_is_object(v))
        return pbj_read_object(r, pb->base.descriptor, v, false, &pb->base);
    if (!json_is_integer(v))
        return pbj_fail(r, "expected an amount in öre (an integer)");
    pb->ore = (int64_t)json_integer_value(v);
    return 0;
}

/* Checked here as well as by the registry: the user learns the digit that
 * would fit, and nothing is sent that the registry must refuse. */
static int read_orgnr(pbj_reader_t *r, const json_t *v, Fcavtal__V1__OrgNumber *pb)
{
    char why[256];
    if (json_is_object(v)) {
        if (pbj_read_object(r, pb->base.descriptor, v, false, &pb->base) != 0)
            return -1;
    } else if (json_is_string(v)) {
        if (pbj_read_text(r, v, &pb->value) != 0)
            return -1;
    } else {
        return pbj_fail(r, "expected an organisation number as text, \"NNNNNN-NNNN\"");
    }
    if (pbj_orgnr_error(pb->value, why, sizeof why))
        return pbj_fail(r, "%s", why);
    return 0;
}

int pbj_well_known_read(pbj_reader_t *r, pbj_well_known_t wk, const json_t *v,
                        ProtobufCMessage *msg)
{
    switch (wk) {
    case PBJ_WK_DATE: return read_date(r, v, (Fcavtal__V1__Date *)msg);
    case PBJ_WK_MONEY: return read_money(r, v, (Fcavtal__V1__Money *)msg);
    case PBJ_WK_ORGNR: return read_orgnr(r, v, (Fcavtal__V1__OrgNumber *)msg);
    case PBJ_WK_NONE: break;
    }
    return pbj_fail(r, "not a well-known message");
}
