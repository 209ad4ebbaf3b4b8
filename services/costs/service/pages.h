/* A run's contents as stored pages (RunContentPage in costs.proto): one
 * page per centre with its items and segments, and pages of at most
 * CST_PAGE_LINES party lines, organisation lines or transfers. Packing
 * reads an engine run; unpacking rebuilds one (run_load.h), so exports,
 * explanations and corrections run on exactly the figures stored. */
#ifndef CST_PAGES_H
#define CST_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "costs_service.h"
#include "fcavtal/costs/correction.h"
#include "fcavtal/costs/settlement.h"

typedef Fcavtal__V1__RunContentPage cst__page_pb_t;

/* The items and segments of a run of one centre, packed by protobuf-c
 * (malloc-owned *out of *len bytes). Runs encode their pages directly
 * (page_encode.h); this is the reference the tests hold that to, byte for
 * byte. */
fc_status_t cst__page_pack_centre(const cst_run_t *run, uint8_t **out, size_t *len);

/* Appends the page's centre, items and segments to `run` as owned copies.
 * item_id 0: all items; else only that one. */
fc_status_t cst__page_unpack_centre(const cst__page_pb_t *pg, uint64_t item_id, cst_run_t *run);

/* Writes the explanation of every segment of a centre's page, and every
 * member's fraction, from their stored parts: pages store neither. */
fc_status_t cst__page_explain(cst__page_pb_t *pg);

/* What the party pages of a run say: per party of `ledger` its line, the
 * centres it takes part in, and for a correction the figures before and
 * the differences. */
typedef struct {
    const cst_ledger_t *ledger;      /* settlement: the run; correction: the differences */
    const uint64_t *const *centres;  /* per party of `ledger`: its centres */
    const size_t *n_centres;
    const cst_correction_t *corr;    /* NULL for a settlement */
    const cst_ledger_t *revised;     /* correction: the revised run (by category) */
} cst__ledger_view_t;

/* Page `page` of the party lines, organisation lines or transfers
 * (Fcavtal__V1__RunPart 1..3), malloc-owned; *n lines in it. */
fc_status_t cst__page_build_ledger(const cst__ledger_view_t *v, int part, size_t page,
                                   cst__page_pb_t **out, size_t *n);
/* Pages in a part of `count` lines (at least 1: an empty part has one empty page). */
size_t cst__page_count(size_t count);

#endif
