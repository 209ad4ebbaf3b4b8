/* A run's input, centre by centre, from the read model, the stored local
 * rules and the cost items: each centre carries an engine input of its own
 * (its parties, their organisations and principals, its rules and items),
 * so that centres can be computed apart (compute.h). */
#ifndef CST_INPUT_H
#define CST_INPUT_H

#include "costs_service.h"
#include "fcavtal/costs/pool.h"
#include "fcavtal/costs/settlement.h"
#include "idmap.h"
#include "model.h"

typedef struct {
    cst_centre_t centre;          /* the engine's view; points into the arrays below */
    uint64_t municipality;
    uint64_t coordinator_employer;
    cst_participation_t *parts;
    cst_local_rule_t *rules;
    size_t n_rules;
    cst_weight_t *weights;        /* every rule's weights, one after another */
    cst_party_t *parties;
    size_t n_parties;
    cst_organisation_t *orgs;
    size_t n_orgs;
    cst_item_t *items;
    size_t n_items, cap_items;
    cst_run_input_t in;           /* this centre alone, over the run's period */
} cst__centre_input_t;

typedef struct {
    cst_period_t period;
    cst__centre_input_t **centres; /* by centre id */
    size_t n_centres, cap_centres;
    cst__idmap_t by_centre;       /* centre id -> cst__centre_input_t */
    cst__idmap_t ops, orgs;       /* id -> model record (owned below) */
    ProtobufCMessage **owned;     /* records the engine input points into */
    size_t n_owned, cap_owned;
    cst_pool_t items;             /* the cost items of a scan of all items */
    ProtobufCAllocator items_allocator;
    char **strings;               /* texts made here that the input points to */
    size_t n_strings, cap_strings;
    char **warnings;
    size_t n_warnings, cap_warnings;
} cst__input_t;

/* Which centres a run covers. */
typedef struct {
    cst_period_t period;
    const uint64_t *centre_ids;   /* explicit centres, or */
    size_t n_centre_ids;
    uint64_t municipality_id;     /* the municipality's centres, or */
    bool all;                     /* every centre with an item in the period */
} cst__scope_t;

void cst__input_init(cst__input_t *in, cst_period_t period);
void cst__input_clear(cst__input_t *in);
/* Clears a large input on a thread of its own, so that freeing a run's
 * hundreds of thousands of records does not hold up its commit; small ones
 * (and when no thread can be had) on the calling thread. Leaves *in empty. */
void cst__input_clear_later(cst__input_t *in);

/* The whole input of a run. Fails (reply set) for an unknown centre or
 * municipality, a centre the registry has no composition for in the
 * period, or nothing to settle. */
fc_status_t cst__input_build(fc_call_t *call, const cst__scope_t *scope, cst__input_t *in);

/* One centre from the read model, with `rules` as its local rules (NULL:
 * the stored ones), and no items yet; added to `in`. */
fc_status_t cst__input_centre(fc_call_t *call, cst__input_t *in, uint64_t centre_id,
                              const Fcavtal__V1__AllocationOverride *rules,
                              cst__centre_input_t **out);
/* Adds an item (kept by reference: `pb` must outlive the input, or be
 * handed over with own = true). */
fc_status_t cst__input_item(fc_call_t *call, cst__input_t *in, cst__centre_input_t *c,
                            cst__item_pb_t *pb, bool own);
/* Points each centre's engine input at its arrays (after the last change). */
void cst__input_finish(cst__input_t *in);

fc_status_t cst__input_warn(fc_call_t *call, cst__input_t *in, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
