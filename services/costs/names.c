/* The names the engine writes into explanations, CSV and SIE. */
#include "fcavtal/costs/model.h"

const char *cst_category_name(cst_category_t c)
{
    switch (c) {
    case CST_CATEGORY_COORDINATOR: return "coordinator";
    case CST_CATEGORY_PREMISES: return "shared premises";
    case CST_CATEGORY_JOINT_ACTIVITY: return "joint activities";
    case CST_CATEGORY_OTHER: return "other common costs";
    }
    return "unknown category";
}

const char *cst_category_label_sv(cst_category_t c)
{
    switch (c) {
    case CST_CATEGORY_COORDINATOR: return "Samordnare";
    case CST_CATEGORY_PREMISES: return "Gemensamma lokaler";
    case CST_CATEGORY_JOINT_ACTIVITY: return "Gemensamma insatser";
    case CST_CATEGORY_OTHER: return "Övriga gemensamma kostnader";
    }
    return "Okänd kategori";
}

const char *cst_op_kind_code(cst_op_kind_t k)
{
    switch (k) {
    case CST_OP_BHV: return "BHV";
    case CST_OP_MHV: return "MHV";
    case CST_OP_OFS: return "OFS";
    case CST_OP_SOC: return "SOC";
    case CST_OP_OTHER: return "OTHER";
    }
    return "UNKNOWN";
}

const char *cst_rule_kind_name(cst_rule_kind_t k)
{
    switch (k) {
    case CST_RULE_EQUAL_BASE: return "equal among base operations";
    case CST_RULE_EQUAL_PRINCIPALS: return "equal per principal, then per party";
    case CST_RULE_FIXED_SHARES: return "fixed shares";
    case CST_RULE_PREMISES_AREA: return "premises area";
    case CST_RULE_EQUAL_PARTIES: return "equal among all parties";
    }
    return "unknown rule";
}

const char *cst_period_kind_name(cst_period_kind_t k)
{
    switch (k) {
    case CST_PERIOD_MONTH: return "month";
    case CST_PERIOD_QUARTER: return "quarter";
    case CST_PERIOD_YEAR: return "year";
    case CST_PERIOD_CUSTOM: return "custom";
    }
    return "unknown";
}
