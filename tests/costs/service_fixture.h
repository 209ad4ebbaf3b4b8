/* The real registry and the real costs service following it, over ZeroMQ,
 * for the service's end-to-end tests: registry records in a line each
 * (centres with their coordinator's employer and founding day), cost items,
 * runs, and a run's party lines and transfers read back page by page. */
#ifndef FC_TESTS_COSTS_SERVICE_FIXTURE_H
#define FC_TESTS_COSTS_SERVICE_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/v1/costs.pb-c.h"
#include "registry_client.h"
#include "test_client.h"

typedef Fcavtal__V1__CostsReply sf_rep_t;

#define SF_CAT(x) FCAVTAL__V1__COST_CATEGORY__COST_CATEGORY_##x
#define SF_CODE(x) FCAVTAL__V1__CODE__##x

typedef struct {
    rc_t reg;
    tc_t costs;
    char reg_request[128], reg_publish[128];
} sf_t;

/* Starts both (costs with --run-threads threads); 0 or -1. */
int sf_start(sf_t *f, const char *threads);
/* The same with both data folders under `parent` (a disk, for timing
 * fsync), and the binaries given (NULL: the test build's). */
int sf_start_in(sf_t *f, const char *threads, const char *parent, const char *registry_bin,
                const char *costs_bin);
/* Stops costs with `sig` and starts it again on the same data. */
int sf_restart_costs(sf_t *f, int sig);
void sf_cleanup(sf_t *f);
/* Waits until costs has applied every registry event (at most 10 s). */
bool sf_sync(sf_t *f);

/* ---- the registry ---- */
typedef struct {
    const char *name;
    uint64_t municipality_id;
    uint64_t framework_id;
    const char *established;     /* NULL: none recorded */
    uint64_t employer;           /* the coordinator's employing operation; 0: none */
    const rc_part_t *parts;
    size_t n_parts;
} sf_centre_t;
uint64_t sf_centre(sf_t *f, const sf_centre_t *spec);
/* "Familjecentralen Backa", established 2024-06-01 under the world's VG
 * framework: its four base operations taking part since 2024-01-01, the
 * open pre-school employing the coordinator. Its id, once costs has it;
 * 0 on failure. */
uint64_t sf_backa(sf_t *f, const rc_world_t *w);
/* Puts the centre again with new participations (same id). */
bool sf_centre_update(sf_t *f, uint64_t id, const sf_centre_t *spec);
uint64_t sf_framework(sf_t *f, Fcavtal__V1__RuleSet rules, const char *start, uint64_t org_a,
                      uint64_t org_b);

/* Many VG centres at once through the registry's import (1 000 a batch):
 * one region, up to 290 municipalities, per centre a BVC and a BMM of the
 * region and an open pre-school (the coordinator's employer) and social
 * services of its municipality, all taking part since 2024-01-01.
 * centres[n], ops[4 n] receive the registry ids; 0 or -1. */
int sf_bulk_world(sf_t *f, size_t n, uint64_t *centres, uint64_t *ops);
/* per_month items a month of `year` for every centre (coordinator,
 * premises, joint activity, other, ...), paid by its operations in turn,
 * added 10 000 a request. 0 or -1. */
int sf_bulk_items(sf_t *f, size_t n, const uint64_t *centres, const uint64_t *ops, int year,
                  int per_month);

/* ---- costs ---- */
sf_rep_t *sf_call(sf_t *f, const char *member, const ProtobufCMessage *body, const char *id);
void sf_free(sf_rep_t *rep);
/* A fresh item's id (0 when refused); credit: the amount is a credit note. */
uint64_t sf_item(sf_t *f, uint64_t centre, Fcavtal__V1__CostCategory cat, int64_t ore,
                 uint64_t paid_by, const char *from, const char *to);
sf_rep_t *sf_add_item(sf_t *f, const Fcavtal__V1__CostItem *item);
/* kind: "year", "quarter", "month", "custom"; n: the quarter or month;
 * custom: from..to. centres may be NULL (all). */
sf_rep_t *sf_run(sf_t *f, const char *kind, int year, int n, const uint64_t *centres,
                 size_t n_centres, const char *request_id);
sf_rep_t *sf_run_period(sf_t *f, const Fcavtal__V1__SettlementPeriod *p, const uint64_t *centres,
                        size_t n_centres, uint64_t municipality, const char *request_id);
Fcavtal__V1__SettlementPeriod sf_period(const char *kind, int year, int n,
                                        Fcavtal__V1__Date *from, Fcavtal__V1__Date *to);
sf_rep_t *sf_action(sf_t *f, const char *member, uint64_t run);

typedef struct {
    bool found;
    uint64_t organisation;
    int64_t share, paid, balance;
    int64_t share_before, paid_before, balance_before, difference;
} sf_line_t;
/* The party's line in the run (every page read). */
sf_line_t sf_party(sf_t *f, uint64_t run, uint64_t operation);

typedef struct {
    uint64_t from, to;
    int64_t amount;
} sf_transfer_t;
/* The run's transfers (at most max); the count, or (size_t)-1 on error. */
size_t sf_transfers(sf_t *f, uint64_t run, sf_transfer_t *out, size_t max);
/* Sum of every party's balance and of every party's share. */
bool sf_sums(sf_t *f, uint64_t run, int64_t *balances, int64_t *shares, size_t *n_parties);

/* A whole export (every chunk) written to path; its size, or -1. */
long sf_export(sf_t *f, const char *member, const ProtobufCMessage *body, const char *path);

#endif
