#include "words.h"

#include <stddef.h>

#define OPK(x) FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_##x
#define CLS(x) FCAVTAL__V1__CLASSIFICATION_KIND__CLASSIFICATION_##x
#define PER(x) FCAVTAL__V1__COMPENSATION_PERIOD__COMPENSATION_PERIOD_##x

const char *rsv_operation_kind_name(Fcavtal__V1__OperationKind kind, const char *other_kind)
{
    switch (kind) {
    case OPK(BHV): return "barnhälsovård";
    case OPK(MHV): return "mödrahälsovård";
    case OPK(OFS): return "öppen förskola";
    case OPK(SOC): return "förebyggande socialtjänst";
    case OPK(OTHER): return other_kind && *other_kind ? other_kind : "annan verksamhet";
    default: return "";
    }
}

bool rsv_is_base_operation(Fcavtal__V1__OperationKind kind)
{
    return kind == OPK(BHV) || kind == OPK(MHV) || kind == OPK(OFS) || kind == OPK(SOC);
}

const char *rsv_classification_name(Fcavtal__V1__ClassificationKind kind)
{
    switch (kind) {
    case CLS(FAMILJECENTRAL): return "familjecentral";
    case CLS(FAMILJECENTRALSLIKNANDE): return "familjecentralsliknande verksamhet";
    case CLS(NOT_COVERED): return "verksamhet som inte omfattas av samverkansavtalet";
    default: return "";
    }
}

const char *rsv_period_name(Fcavtal__V1__CompensationPeriod period)
{
    switch (period) {
    case PER(MONTH): return "månad";
    case PER(QUARTER): return "kvartal";
    case PER(YEAR): return "år";
    default: return NULL;
    }
}

int rsv_periods_per_year(Fcavtal__V1__CompensationPeriod period)
{
    switch (period) {
    case PER(MONTH): return 12;
    case PER(QUARTER): return 4;
    case PER(YEAR): return 1;
    default: return 0;
    }
}

const char *rsv_weekday_name(fc_weekday_t day)
{
    static const char *const NAMES[] = { "måndag", "tisdag", "onsdag", "torsdag",
                                         "fredag", "lördag", "söndag" };
    return day >= FC_MONDAY && day <= FC_SUNDAY ? NAMES[day - 1] : "";
}
