#include "run_show.h"

#include <stdlib.h>

#include "pages.h"
#include "run_load.h"
#include "run_save.h"
#include "run_store.h"

#define MOVE(dst, src, field)              \
    do {                                   \
        (dst)->field = (src)->field;       \
        (dst)->n_##field = (src)->n_##field; \
        (src)->field = NULL;               \
        (src)->n_##field = 0;              \
    } while (0)

static uint32_t pages_of(const cst__run_pb_t *h, Fcavtal__V1__RunPart part)
{
    switch (part) {
    case FCAVTAL__V1__RUN_PART__RUN_PART_PARTIES: return (uint32_t)cst__page_count(h->party_count);
    case FCAVTAL__V1__RUN_PART__RUN_PART_ORGANISATIONS:
        return (uint32_t)cst__page_count(h->organisation_count);
    case FCAVTAL__V1__RUN_PART__RUN_PART_TRANSFERS: return (uint32_t)cst__page_count(h->transfer_count);
    case FCAVTAL__V1__RUN_PART__RUN_PART_ITEMS: return (uint32_t)h->n_centre_ids;
    default: return 1;
    }
}

static fc_status_t attach(fc_call_t *call, cst__run_pb_t *h, int part, uint32_t page)
{
    cst__page_pb_t *pg;
    fc_status_t st = cst__pages_get(call, h->id, part, page, &pg);
    if (st)
        return st;
    if (part == CST_PART_CENTRES && (st = cst__page_explain(pg))) {
        fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
        return st == FC_DATA_LOSS
                   ? fc_call_fail(call, st, "run %llu: page %u does not match its items",
                                  (unsigned long long)h->id, page)
                   : fc_call_oom(call);
    }
    switch (part) {
    case CST_PART_PARTIES: MOVE(h, pg, parties); break;
    case CST_PART_ORGANISATIONS: MOVE(h, pg, organisations); break;
    case CST_PART_TRANSFERS: MOVE(h, pg, transfers); break;
    default:
        MOVE(h, pg, items);
        MOVE(h, pg, segments);
        break;
    }
    fcavtal__v1__run_content_page__free_unpacked(pg, NULL);
    return FC_OK;
}

static fc_status_t fill(fc_call_t *call, cst__run_pb_t *h, Fcavtal__V1__RunPart part,
                        uint32_t page)
{
    uint32_t pages = pages_of(h, part);
    h->page = malloc(sizeof *h->page);
    if (h->page == NULL)
        return fc_call_oom(call);
    fcavtal__v1__run_page__init(h->page);
    h->page->part = part;
    h->page->page = page;
    h->page->pages = pages;
    if (page >= pages) {
        fc_call_violation(call, "show_run.page", "run %llu has %u pages of this part",
                          (unsigned long long)h->id, pages);
        return fc_call_fail(call, FC_OUT_OF_RANGE, "run %llu has %u pages of this part",
                            (unsigned long long)h->id, pages);
    }
    if (!cst__run_has_contents(h))
        return FC_OK; /* a discarded draft: its header alone */
    switch (part) {
    case FCAVTAL__V1__RUN_PART__RUN_PART_SUMMARY: {
        fc_status_t st = attach(call, h, CST_PART_ORGANISATIONS, 0);
        return st ? st : attach(call, h, CST_PART_TRANSFERS, 0);
    }
    case FCAVTAL__V1__RUN_PART__RUN_PART_PARTIES: return attach(call, h, CST_PART_PARTIES, page);
    case FCAVTAL__V1__RUN_PART__RUN_PART_ORGANISATIONS:
        return attach(call, h, CST_PART_ORGANISATIONS, page);
    case FCAVTAL__V1__RUN_PART__RUN_PART_TRANSFERS: return attach(call, h, CST_PART_TRANSFERS, page);
    case FCAVTAL__V1__RUN_PART__RUN_PART_ITEMS: return attach(call, h, CST_PART_CENTRES, page);
    default:
        fc_call_violation(call, "show_run.part", "SUMMARY, PARTIES, ORGANISATIONS, TRANSFERS or ITEMS");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "unknown part %d", part);
    }
}

fc_status_t cst__run_reply(fc_call_t *call, cst__run_pb_t *hdr, Fcavtal__V1__RunPart part,
                           uint32_t page, cst__reply_t *rep)
{
    fc_status_t st = fill(call, hdr, part, page);
    if (st) {
        fcavtal__v1__settlement_run__free_unpacked(hdr, NULL);
        return st;
    }
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_RUN;
    rep->run = hdr;
    return FC_OK;
}

CST_HANDLER(cst__show_run, Fcavtal__V1__ShowRun)
{
    cst__run_pb_t *h;
    fc_status_t st = cst__run_header(call, body->run_id, &h);
    if (st)
        return st;
    uint32_t page = body->page;
    if (body->part == FCAVTAL__V1__RUN_PART__RUN_PART_ITEMS && body->centre_id) {
        ptrdiff_t at = cst__run_centre_index(h, body->centre_id);
        if (at < 0) {
            fcavtal__v1__settlement_run__free_unpacked(h, NULL);
            fc_call_violation(call, "show_run.centre_id", "not a centre of this run");
            return fc_call_fail(call, FC_NOT_FOUND, "centre %llu is not in run %llu",
                                (unsigned long long)body->centre_id,
                                (unsigned long long)body->run_id);
        }
        page = (uint32_t)at;
    }
    cst__run_warn(call, h);
    return cst__run_reply(call, h, body->part, page, rep);
}
