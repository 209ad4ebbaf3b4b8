/* A settlement run: for a period and a set of cost items, what every party's
 * share of every item is, what it paid, its balance, and the transfers
 * between organisations that settle the balances. Amounts are exact to the
 * öre: the parts of every item add up to the item, balances add up to zero,
 * transfers settle every balance exactly. */
#ifndef FCAVTAL_COSTS_SETTLEMENT_H
#define FCAVTAL_COSTS_SETTLEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/costs/error.h"
#include "fcavtal/costs/model.h"

/* ------------------------------------------------------------------ input */

typedef struct {
    cst_period_t period;
    const cst_organisation_t *organisations;
    size_t n_organisations;
    const cst_party_t *parties;
    size_t n_parties;
    const cst_centre_t *centres;
    size_t n_centres;
    const cst_item_t *items; /* each must have days inside the period */
    size_t n_items;
} cst_run_input_t;

/* ----------------------------------------------------------------- output
 * Everything below is owned by the run (or correction) that holds it and is
 * read-only for the caller. Arrays are in a fixed order that does not depend
 * on the order of the input: centres, parties and organisations by key,
 * items by id, segments by item then date, members by party key. */

/* Why the rule that shares a segment applies (rules.c quotes the clause). */
typedef enum {
    CST_BASIS_VG_COORDINATOR = 1,       /* VG §14.1: the coordinator, existing and new centres */
    CST_BASIS_VG_BEFORE_FRAMEWORK = 2,  /* VG not yet in force: the local agreement's rule */
    CST_BASIS_VG_LOCAL_OTHERWISE = 3,   /* the local agreement says otherwise, as VG §14.1 allows */
    CST_BASIS_VG_ESTABLISHED_AFTER = 4, /* other common costs, centre established after VG */
    CST_BASIS_OREBRO_RUNNING = 5,       /* Örebro, Ekonomi: coordinator and running costs */
    CST_BASIS_LOCAL = 6                 /* the local agreement sets this rule */
} cst_rule_basis_t;

/* The clause, in the words of the explanations ("" for an unknown basis). */
const char *cst_rule_basis_text(cst_rule_basis_t b);

/* One party's part of a segment. Its fraction ("1/4", "1/2 × 1/3",
 * "40 m² of 120 m²") follows from the weights: cst_member_fraction. */
typedef struct {
    uint64_t party;     /* party key */
    int64_t amount;     /* öre */
    uint64_t weight;    /* 1 under the equal rules; else in the segment's unit */
    uint64_t principal; /* EQUAL_PRINCIPALS: the principal's organisation key */
} cst_member_t;

/* The days of one item over which one rule shared it among the same parties:
 * a new segment starts where a party joins or leaves, or a rule changes.
 * Its explanation is written from these parts (cst_segment_explain), not
 * kept as text: a yearly run has 300 000 segments. */
typedef struct {
    uint64_t item;    /* item id */
    uint64_t centre;
    fc_date_t from;
    fc_date_t to;
    int64_t days;
    int64_t amount;   /* the item's accrual over these days */
    cst_rule_kind_t rule;
    cst_rule_basis_t basis;
    cst_weight_unit_t unit; /* FIXED_SHARES, PREMISES_AREA: what the weights count */
    char *source;     /* "VG §14.1", "Örebro, Ekonomi", or the local rule's source */
    cst_member_t *members;  /* by party key */
    size_t n_members;
    uint64_t *idle;   /* taking part without a share under the rule, by key */
    size_t n_idle;
} cst_segment_t;

/* A name the centre's explanations use: a party (operation) or a principal
 * (organisation), as it was when the run was made. */
typedef struct {
    uint64_t key;
    bool organisation;
    char *name;
} cst_run_name_t;

typedef struct {
    uint64_t key;
    char *name;
    cst_rule_set_t rule_set;
    cst_run_name_t *names;  /* its parties and their principals, in the run's pool */
    size_t n_names;
} cst_run_centre_t;

typedef struct {
    uint64_t id;
    uint64_t centre;
    cst_category_t category;
    int64_t amount;   /* as entered */
    int64_t accrued;  /* the part of amount on the run's days: what is settled now */
    uint64_t paid_by;
    char *note;
    char *reference;
    fc_date_t from;
    fc_date_t to;
} cst_run_item_t;

/* A party's totals. balance = paid - share: above zero it is owed money. */
typedef struct {
    uint64_t key;
    char *name;
    size_t organisation; /* index into the ledger's organisations */
    int64_t share;
    int64_t paid;
    int64_t balance;
    int64_t share_by_category[CST_CATEGORY_SLOTS];
    int64_t paid_by_category[CST_CATEGORY_SLOTS];
} cst_party_line_t;

/* An organisation's operations netted: transfers never run inside one. */
typedef struct {
    uint64_t key;
    char *name;
    char *org_number;
    cst_org_kind_t kind;
    int64_t share;
    int64_t paid;
    int64_t balance;
} cst_org_line_t;

/* `from` pays `to` (indices into the ledger's organisations). */
typedef struct {
    size_t from;
    size_t to;
    int64_t amount; /* > 0 */
} cst_transfer_t;

/* What each party owes and the transfers that settle it. */
typedef struct {
    cst_party_line_t *parties;
    size_t n_parties;
    cst_org_line_t *organisations;
    size_t n_organisations;
    cst_transfer_t *transfers;
    size_t n_transfers;
    bool transfers_exact; /* the proven minimum (see transfers.h), or the greedy plan */
} cst_ledger_t;

typedef struct {
    cst_period_t period;
    bool finalised;
    cst_run_centre_t *centres;
    size_t n_centres;
    cst_run_item_t *items;
    size_t n_items;
    cst_segment_t *segments;
    size_t n_segments;
    cst_ledger_t ledger;
    char **warnings; /* accepted, but worth a look: a superseded local rule, ... */
    size_t n_warnings;
    struct cst_pool *pool; /* the segments' texts and members, freed with the run */
} cst_run_t;

/* Computes a run. On success *out is an owned run (free with
 * cst_run_destroy). On failure *out is left NULL, nothing is allocated, and
 * err names the field: unknown party or centre, negative weights, inverted
 * periods, days without anyone to share them, sums that would overflow. */
fc_status_t cst_run_new(const cst_run_input_t *in, cst_run_t **out, cst_error_t *err);
void cst_run_destroy(cst_run_t **run_p);
/* For code that fills a run's segments itself (a run read back from its
 * pages): a copy of s (NULL: ""), and n zeroed bytes, in the run's own
 * memory, freed with the run and never one by one. NULL when out of memory. */
char *cst_run_strdup(cst_run_t *run, const char *s);
void *cst_run_calloc(cst_run_t *run, size_t size);

/* Marks the run final: corrections are made against it (correction.h). */
void cst_run_finalise(cst_run_t *run);

/* Index of the party or organisation with this key in the ledger, or -1. */
ptrdiff_t cst_ledger_party(const cst_ledger_t *l, uint64_t key);
ptrdiff_t cst_ledger_organisation(const cst_ledger_t *l, uint64_t key);

/* The segments of one item are run->segments[*first .. *first + n), n
 * returned (0 for an item not in the run). */
size_t cst_run_item_segments(const cst_run_t *run, uint64_t item_id, size_t *first);

/* A party's share of one item in this run (sum over the item's segments). */
int64_t cst_run_item_share(const cst_run_t *run, uint64_t item_id, uint64_t party);

/* The run's item with this id (items are by id), or NULL. */
const cst_run_item_t *cst_run_item(const cst_run_t *run, uint64_t item_id);

/* The name of a party (organisation false) or principal in the centre's
 * names; "operation 12" or "organisation 3" when it has none. *buf holds
 * that fallback (CST_NAME_STRLEN). */
#define CST_NAME_STRLEN 40
const char *cst_run_name(const cst_run_t *run, uint64_t centre, bool organisation, uint64_t key,
                         char buf[CST_NAME_STRLEN]);

/* One sentence: the rule, its source and basis, the item, the parties and
 * their weights, the days and the amount, the parties without a share.
 * *text is owned by the caller (free); FC_RESOURCE_EXHAUSTED. */
fc_status_t cst_segment_explain(const cst_run_t *run, const cst_segment_t *seg, char **text);
/* Member k's fraction ("1/4", "1/2 × 1/3", "40 m² of 120 m²"), owned (free). */
fc_status_t cst_member_fraction(const cst_segment_t *seg, size_t k, char **text);

/* Every line behind a party's balance, as text: per item the rule, source,
 * days and fraction, what it paid, and the transfers of its organisation.
 * *text is owned by the caller (free). FC_NOT_FOUND for an unknown party. */
fc_status_t cst_run_explain(const cst_run_t *run, uint64_t party, char **text, cst_error_t *err);

#endif
