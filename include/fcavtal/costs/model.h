/* What the cost engine is given: organisations, the operations that are
 * parties to a centre's agreement, their participation dates, the centre's
 * framework rule set and local rules, and the cost items of a period.
 *
 * Everything here is plain input owned by the caller: the engine copies what
 * it keeps. Keys are the registry's ids (never 0). Money is integer öre. */
#ifndef FCAVTAL_COSTS_MODEL_H
#define FCAVTAL_COSTS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/costs/error.h"
#include "fcavtal/date.h"

/* Common costs (VG §14.1, Örebro "Ekonomi"). Each party pays its own staff
 * and operation-specific costs; those never enter a settlement. */
typedef enum {
    CST_CATEGORY_COORDINATOR = 1,    /* the coordinator post: salary, training, equipment */
    CST_CATEGORY_PREMISES = 2,       /* shared premises: rent, cleaning, alarms, IT */
    CST_CATEGORY_JOINT_ACTIVITY = 3, /* joint activities in the business plan */
    CST_CATEGORY_OTHER = 4           /* other common costs */
} cst_category_t;
/* Arrays indexed by category have this many slots; slot 0 is unused. */
#define CST_CATEGORY_SLOTS 5

typedef enum {
    CST_OP_BHV = 1,  /* barnhälsovård */
    CST_OP_MHV = 2,  /* mödrahälsovård */
    CST_OP_OFS = 3,  /* öppen förskola */
    CST_OP_SOC = 4,  /* förebyggande socialtjänst */
    CST_OP_OTHER = 5 /* other actor (VG §8.2) */
} cst_op_kind_t;

typedef enum {
    CST_ORG_REGION = 1,
    CST_ORG_MUNICIPALITY = 2,
    CST_ORG_COMPANY = 3, /* e.g. a private vårdcentral under vårdval */
    CST_ORG_OTHER = 4
} cst_org_kind_t;

/* Which region's cost rules apply: named by the centre's framework. NONE
 * (the national guidance, or no framework) has no default rule: every
 * category needs a local rule. */
typedef enum {
    CST_RULE_SET_NONE = 0,
    CST_RULE_SET_VG = 1,
    CST_RULE_SET_OREBRO = 2
} cst_rule_set_t;

typedef enum {
    CST_RULE_EQUAL_BASE = 1,       /* equal among the base operations taking part (VG §14.1) */
    CST_RULE_EQUAL_PRINCIPALS = 2, /* equal per principal, then per party (Örebro, Ekonomi) */
    CST_RULE_FIXED_SHARES = 3,     /* percentages or shares agreed locally */
    CST_RULE_PREMISES_AREA = 4,    /* areas or shares of the premises (use-right, Bilaga 2 §2) */
    CST_RULE_EQUAL_PARTIES = 5     /* equal among every party taking part, other actors too */
} cst_rule_kind_t;

/* What the weights of a FIXED_SHARES or PREMISES_AREA rule count. */
typedef enum {
    CST_UNIT_SHARES = 1,        /* plain shares, 2:1:1; any positive total */
    CST_UNIT_BASIS_POINTS = 2,  /* hundredths of a percent; must total 10000 (100 %) */
    CST_UNIT_SQUARE_METRES = 3, /* m²; any positive total */
    CST_UNIT_PERMILLE = 4       /* ‰; must total 1000 */
} cst_weight_unit_t;

typedef struct {
    uint64_t key;
    const char *name;       /* "Göteborgs kommun" */
    const char *org_number; /* "212000-1355" */
    cst_org_kind_t kind;
} cst_organisation_t;

/* A party: an operation that takes part in a centre and shares its costs. */
typedef struct {
    uint64_t key;          /* operation id */
    const char *name;      /* "BVC Vivalla" */
    cst_op_kind_t kind;
    uint64_t organisation; /* who pays and is paid; transfers run between organisations */
    /* Örebro: the principal (huvudman) the party belongs to, a region or a
     * municipality. 0: its own organisation. A private vårdcentral names the
     * region. */
    uint64_t principal;
} cst_party_t;

/* A party takes part on every day from joined to left, both inclusive. */
typedef struct {
    uint64_t party;
    fc_date_t joined;
    bool has_left;
    fc_date_t left;
} cst_participation_t;

typedef struct {
    uint64_t party;
    int64_t weight; /* >= 0 */
} cst_weight_t;

/* A rule the local agreement (or a use-right agreement) sets for one
 * category, optionally for a span of days (an amendment from a date). */
typedef struct {
    cst_category_t category;
    cst_rule_kind_t kind;
    cst_weight_unit_t unit;      /* FIXED_SHARES and PREMISES_AREA only */
    const cst_weight_t *weights; /* FIXED_SHARES and PREMISES_AREA only */
    size_t n_weights;
    const char *source;          /* where it is agreed, e.g. "Lokalt samverkansavtal §15" */
    bool has_from;
    fc_date_t from;
    bool has_to;
    fc_date_t to;
} cst_local_rule_t;

typedef struct {
    uint64_t key;
    const char *name;
    cst_rule_set_t rule_set;
    /* The framework's first day in force: VG 2024-03-01 (VG §4). VG §14.1
     * applies from then, and other common costs are shared equally only for
     * centres established on or after it. */
    fc_date_t framework_effective;
    fc_date_t established;
    const cst_participation_t *participations;
    size_t n_participations;
    const cst_local_rule_t *local_rules;
    size_t n_local_rules;
} cst_centre_t;

typedef struct {
    uint64_t id;
    uint64_t centre;
    cst_category_t category;
    int64_t amount;    /* öre; negative: a credit, split the same way mirrored */
    uint64_t paid_by;  /* the party that paid it (the coordinator's employer, the tenant) */
    const char *note;
    const char *reference; /* invoice or case number, opaque */
    fc_date_t from;    /* the days the cost covers, inclusive: it accrues evenly per day */
    fc_date_t to;
} cst_item_t;

typedef enum {
    CST_PERIOD_MONTH = 1,
    CST_PERIOD_QUARTER = 2,
    CST_PERIOD_YEAR = 3,
    CST_PERIOD_CUSTOM = 4
} cst_period_kind_t;

typedef struct {
    cst_period_kind_t kind;
    fc_date_t from;
    fc_date_t to;
} cst_period_t;

cst_period_t cst_period_month(int year, int month);
cst_period_t cst_period_quarter(int year, int quarter);
cst_period_t cst_period_year(int year);
/* FC_OK when the dates exist, from <= to and a MONTH, QUARTER or YEAR period
 * covers exactly that calendar span. */
fc_status_t cst_period_check(cst_period_t p, const char *field, cst_error_t *err);
/* Days from..to inclusive. */
int64_t cst_period_days(cst_period_t p);

/* Short English names, stable for explanations: "coordinator", "BHV", ... */
const char *cst_category_name(cst_category_t c);
/* Swedish account texts for SIE and CSV: "Samordnare", "Gemensamma lokaler", ... */
const char *cst_category_label_sv(cst_category_t c);
const char *cst_op_kind_code(cst_op_kind_t k);
const char *cst_rule_kind_name(cst_rule_kind_t k);
const char *cst_period_kind_name(cst_period_kind_t k);

#endif
