/* Building cost-engine input in tests: organisations, parties, centres with
 * participations and local rules, items, and running it. */
#ifndef FC_TESTS_COSTS_FIXTURES_H
#define FC_TESTS_COSTS_FIXTURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/costs/correction.h"
#include "fcavtal/costs/settlement.h"

#define FX_MAX 64
#define FX_CENTRES 8

/* The VG framework's first day in force (VG §4). */
#define VG_EFFECTIVE ((fc_date_t){2024, 3, 1})

typedef struct {
    cst_organisation_t orgs[FX_MAX];
    size_t n_orgs;
    cst_party_t parties[FX_MAX];
    size_t n_parties;
    cst_centre_t centres[FX_CENTRES];
    size_t n_centres;
    cst_participation_t parts[FX_CENTRES][FX_MAX];
    cst_local_rule_t rules[FX_CENTRES][8];
    cst_weight_t weights[FX_CENTRES][8][FX_MAX];
    cst_item_t items[FX_MAX];
    size_t n_items;
    cst_period_t period;
    cst_run_input_t input;
} fx_t;

fc_date_t D(int y, int m, int d);

void fx_init(fx_t *fx, cst_period_t period);
void fx_org(fx_t *fx, uint64_t key, const char *name, const char *orgnr, cst_org_kind_t kind);
void fx_party(fx_t *fx, uint64_t key, const char *name, cst_op_kind_t kind, uint64_t org);
/* Returns the centre's index. */
size_t fx_centre(fx_t *fx, uint64_t key, const char *name, cst_rule_set_t rs,
                 fc_date_t established);
/* Takes part from joined; left (0,0,0): still taking part. */
void fx_join(fx_t *fx, size_t centre, uint64_t party, fc_date_t joined, fc_date_t left);
/* A local rule; returns its index, for fx_weight. */
size_t fx_rule(fx_t *fx, size_t centre, cst_category_t cat, cst_rule_kind_t kind,
               cst_weight_unit_t unit, const char *source);
void fx_weight(fx_t *fx, size_t centre, size_t rule, uint64_t party, int64_t weight);
void fx_item(fx_t *fx, uint64_t id, uint64_t centre, cst_category_t cat, int64_t amount,
             uint64_t paid_by, fc_date_t from, fc_date_t to);

/* The input as it stands (pointers into fx). */
const cst_run_input_t *fx_input(fx_t *fx);
/* Runs and asserts FC_OK. */
cst_run_t *fx_run(fx_t *fx);
/* Runs and returns the status (the run, if any, is destroyed). */
fc_status_t fx_run_status(fx_t *fx, cst_error_t *err);

/* Assertions on a run. */
int64_t fx_share(const cst_run_t *run, uint64_t party);
int64_t fx_balance(const cst_run_t *run, uint64_t party);
int64_t fx_org_balance(const cst_run_t *run, uint64_t org);
/* Amount paid from org a to org b (0 when no such transfer). */
int64_t fx_transfer(const cst_ledger_t *l, uint64_t from_org, uint64_t to_org);
/* The invariants every run must keep: parts sum to items, balances to zero,
 * transfers settle every organisation exactly and never within one. */
void fx_check_invariants(const cst_run_t *run);
void fx_check_ledger(const cst_ledger_t *l);

/* The fewest transfers that settle balances b[0..n) (n <= 32), by brute
 * force over every partition into zero-sum groups: independent of the
 * engine's dynamic programme. */
size_t fx_min_transfers(const int64_t *b, size_t n);

/* Runs `python3 <source>/tests/costs/<script> args...`, returns its exit
 * status and stdout (owned). */
int fx_python(const char *script, const char *arg1, const char *arg2, char **out);
/* Writes bytes to a fresh temporary file; returns its path (owned). */
char *fx_write_temp(const char *suffix, const char *bytes, size_t len);

/* ------------------------------------------------------- worked examples
 * Real organisation numbers; keys chosen so the tie-break is easy to follow. */
enum {
    ORG_VGR = 1,       /* Västra Götalandsregionen 232100-0131 */
    ORG_GOTEBORG = 2,  /* Göteborgs kommun 212000-1355 */
    ORG_REGION_OREBRO = 3, /* Region Örebro län 232100-0164 */
    ORG_OREBRO = 4,    /* Örebro kommun 212000-1967 */
    ORG_LIBRARY = 5,   /* a civil-society organisation */

    P_BVC = 11, P_BMM = 12, P_OFS = 13, P_SOC = 14, P_LIB = 15,
    /* Örebro: two parties of the region, three of the municipality */
    P_OBVC = 21, P_OBMM = 22, P_OOFS = 23, P_OSOC = 24, P_OELEV = 25,

    C_VG = 100, C_LIKE = 101, C_OREBRO = 102, C_OLD = 103
};

/* Organisations of both regions. */
void ex_orgs(fx_t *fx);
/* A VG centre with BVC, BMM (VGR), OFS and SOC (Göteborg), all four from
 * the day it was established. Returns the centre index. */
size_t ex_vg_centre(fx_t *fx, uint64_t key, const char *name, fc_date_t established);
/* The familjecentral of the examples: C_VG, established 2024-09-01. */
size_t ex_vg_familjecentral(fx_t *fx);
/* Örebro: BVC, BMM (the region), OFS, SOC, school health (the
 * municipality), all from 2019-01-01. */
size_t ex_orebro(fx_t *fx);

#endif
