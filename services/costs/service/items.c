/* Cost items: added (one or many, all or nothing), read, listed in pages
 * and withdrawn. An item is never changed or deleted: a withdrawn item is
 * kept with its note, and runs leave it out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "model.h"
#include "run_store.h"
#include "wire.h"

#define LIST_DEFAULT 1000
#define LIST_MAX 10000

static fc_status_t bad(fc_call_t *call, const char *path, const char *field, const char *detail)
{
    char f[128];
    snprintf(f, sizeof f, "%s.%s", path, field);
    fc_call_violation(call, f, "%s", detail);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: %s", f, detail);
}

static fc_status_t check_amount(fc_call_t *call, const cst__item_pb_t *it, const char *path)
{
    if (it->amount == NULL)
        return bad(call, path, "amount", "an amount in öre is required");
    if (it->amount->ore <= 0)
        return bad(call, path, "amount",
                   "must be above 0 öre; a credit note is entered with credit = true and the "
                   "amount above 0");
    if (it->amount->ore > CST_MAX_ITEM_ORE)
        return bad(call, path, "amount",
                   "at most 100 000 000 000 kr (10^13 öre) in one item");
    return FC_OK;
}

static fc_status_t check_days(fc_call_t *call, const cst__item_pb_t *it, const char *path)
{
    fc_date_t from, to;
    if (!fc_date_from_pb(it->from, &from))
        return bad(call, path, "from", "the first day the cost covers, a date that exists");
    if (!fc_date_from_pb(it->to, &to))
        return bad(call, path, "to", "the last day the cost covers, a date that exists");
    if (fc_date_cmp(from, to) > 0)
        return bad(call, path, "to", "comes before from: the days are inverted");
    return FC_OK;
}

static fc_status_t check_texts(fc_call_t *call, const cst__item_pb_t *it, const char *path)
{
    if (strlen(it->note) > CST_MAX_NOTE)
        return bad(call, path, "note", "at most 2000 bytes");
    if (strlen(it->reference) > CST_MAX_REFERENCE)
        return bad(call, path, "reference", "at most 200 bytes");
    if (it->withdrawn || it->n_settled_in_run_ids || it->withdrawn_on)
        return bad(call, path, "withdrawn", "set by the service, not on add");
    return FC_OK;
}

/* The coordinator's cost is paid by the operation that employs the
 * coordinator (VG §14.1: "Den verksamhet där samordnaren anställs ersätts av
 * övriga ingående verksamheter"), so it is the default payer. */
static fc_status_t check_payer(fc_call_t *call, cst__item_pb_t *it, const cst__centre_pb_t *c,
                               const char *path)
{
    bool coordinator = it->category == FCAVTAL__V1__COST_CATEGORY__COST_CATEGORY_COORDINATOR;
    if (it->paid_by_operation_id == 0 && coordinator)
        it->paid_by_operation_id = c->coordinator_employer_id;
    if (it->paid_by_operation_id == 0)
        return bad(call, path, "paid_by_operation_id",
                   coordinator ? "the registry names no employer of the coordinator: name the "
                                 "operation that paid"
                               : "name the operation that paid");
    if (!cst__model_takes_part(c, it->paid_by_operation_id)) {
        char f[128];
        snprintf(f, sizeof f, "%s.paid_by_operation_id", path);
        fc_call_violation(call, f, "not a party of the centre");
        return fc_call_fail(call, FC_NOT_FOUND, "operation %llu takes no part in centre %s "
                            "(%llu): only a party of the centre pays its common costs",
                            (unsigned long long)it->paid_by_operation_id, c->name,
                            (unsigned long long)c->id);
    }
    if (coordinator && c->coordinator_employer_id &&
        it->paid_by_operation_id != c->coordinator_employer_id)
        fc_call_warning(call, "%s: the registry names operation %llu as the coordinator's "
                        "employer, who pays the coordinator (VG §14.1); this item is paid by "
                        "%llu", path, (unsigned long long)c->coordinator_employer_id,
                        (unsigned long long)it->paid_by_operation_id);
    return FC_OK;
}

/* A batch's items mostly share their centre: it is read once, with the
 * runs that cover it. */
typedef struct {
    cst__centre_pb_t *centre;
    cst__run_cover_t *covers;
    size_t n_covers;
} cache_t;

static void cache_clear(cache_t *c)
{
    if (c->centre)
        fcavtal__v1__model_centre__free_unpacked(c->centre, NULL);
    free(c->covers);
    *c = (cache_t){0};
}

static fc_status_t cache_centre(fc_call_t *call, cache_t *c, uint64_t id, const char *path)
{
    if (c->centre && c->centre->id == id)
        return FC_OK;
    cache_clear(c);
    fc_status_t st = cst__model_centre(call, id, &c->centre);
    if (st) {
        char f[128];
        snprintf(f, sizeof f, "%s.centre_id", path);
        fc_call_violation(call, f, "no such centre in the registry");
        return st;
    }
    return cst__cover_list(call, id, &c->covers, &c->n_covers);
}

static fc_status_t check_item(fc_call_t *call, cst__item_pb_t *it, const char *path, cache_t *cache)
{
    if (it->category < FCAVTAL__V1__COST_CATEGORY__COST_CATEGORY_COORDINATOR ||
        it->category > FCAVTAL__V1__COST_CATEGORY__COST_CATEGORY_OTHER)
        return bad(call, path, "category",
                   "one of COORDINATOR, PREMISES, JOINT_ACTIVITY, OTHER");
    fc_status_t st = check_amount(call, it, path);
    if (!st)
        st = check_days(call, it, path);
    if (!st)
        st = check_texts(call, it, path);
    if (st)
        return st;
    if ((st = cache_centre(call, cache, it->centre_id, path)))
        return st;
    return check_payer(call, it, cache->centre, path);
}

/* Finalised runs among the covers whose period shares a day with it. */
static fc_status_t settled_among(fc_call_t *call, cst__item_pb_t *it, const cst__run_cover_t *c,
                                 size_t n)
{
    fc_status_t st = FC_OK;
    fc_date_t from = {1, 1, 1}, to = {1, 1, 1};
    fc_date_from_pb(it->from, &from);
    fc_date_from_pb(it->to, &to);
    free(it->settled_in_run_ids);
    it->settled_in_run_ids = NULL;
    it->n_settled_in_run_ids = 0;
    if (!st && n && (it->settled_in_run_ids = malloc(n * sizeof *it->settled_in_run_ids)) == NULL)
        st = fc_call_oom(call);
    for (size_t i = 0; !st && i < n; i++)
        if (c[i].status == FCAVTAL__V1__RUN_STATUS__RUN_STATUS_FINALISED &&
            fc_date_cmp(c[i].from, to) <= 0 && fc_date_cmp(c[i].to, from) >= 0)
            it->settled_in_run_ids[it->n_settled_in_run_ids++] = c[i].run;
    return st;
}

/* Finalised runs of the item's centre whose period shares a day with it. */
static fc_status_t settled_in(fc_call_t *call, cst__item_pb_t *it)
{
    cst__run_cover_t *c;
    size_t n;
    fc_status_t st = cst__cover_list(call, it->centre_id, &c, &n);
    if (!st)
        st = settled_among(call, it, c, n);
    free(c);
    return st;
}

static void warn_settled(fc_call_t *call, const cst__item_pb_t *it, const char *what)
{
    for (size_t i = 0; i < it->n_settled_in_run_ids; i++)
        fc_call_warning(call, "item %llu %s days settled in finalised run %llu: run that "
                        "period again (or correct_run %llu) to settle the difference",
                        (unsigned long long)it->id, what,
                        (unsigned long long)it->settled_in_run_ids[i],
                        (unsigned long long)it->settled_in_run_ids[i]);
}

static fc_status_t store_new(fc_call_t *call, cst__item_pb_t *it, const cache_t *cache)
{
    fc_status_t st = fc_record_new_id(call, CST_REC_ITEM, &it->id);
    if (!st)
        st = fc_record_put(call, CST_REC_ITEM, &it->base);
    if (!st)
        st = fc_call_emit(call, CST_REC_ITEM, "added", &it->base);
    if (!st)
        st = settled_among(call, it, cache->covers, cache->n_covers);
    if (!st)
        warn_settled(call, it, "has");
    return st;
}

CST_HANDLER(cst__add_item, Fcavtal__V1__AddCostItem)
{
    if (body->item == NULL)
        return bad(call, "add_cost_item", "item", "an item is required");
    cst__item_pb_t *it = (cst__item_pb_t *)fc_pb_clone(&body->item->base);
    if (it == NULL)
        return fc_call_oom(call);
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_ITEM;
    rep->item = it;
    it->id = 0;
    cache_t cache = {0};
    fc_status_t st = check_item(call, it, "add_cost_item.item", &cache);
    if (!st)
        st = store_new(call, it, &cache);
    cache_clear(&cache);
    return st;
}

CST_HANDLER(cst__add_items, Fcavtal__V1__AddCostItems)
{
    if (body->n_items == 0 || body->n_items > CST_MAX_ITEMS_PER_ADD) {
        fc_call_violation(call, "add_cost_items.items", "1 to %d items", CST_MAX_ITEMS_PER_ADD);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "add 1 to %d items at a time",
                            CST_MAX_ITEMS_PER_ADD);
    }
    Fcavtal__V1__CostItemList *out = malloc(sizeof *out);
    if (out == NULL)
        return fc_call_oom(call);
    fcavtal__v1__cost_item_list__init(out);
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_ADDED;
    rep->added = out;
    out->items = calloc(body->n_items, sizeof *out->items);
    if (out->items == NULL)
        return fc_call_oom(call);
    fc_status_t st = FC_OK;
    cache_t cache = {0};
    for (size_t i = 0; !st && i < body->n_items; i++) {
        cst__item_pb_t *it = (cst__item_pb_t *)fc_pb_clone(&body->items[i]->base);
        if (it == NULL) {
            st = fc_call_oom(call);
            break;
        }
        out->items[out->n_items++] = it;
        it->id = 0;
        char path[48];
        snprintf(path, sizeof path, "add_cost_items.items[%zu]", i);
        st = check_item(call, it, path, &cache);
        if (!st)
            st = store_new(call, it, &cache);
    }
    cache_clear(&cache);
    return st; /* an error aborts the whole request: nothing is added */
}

CST_HANDLER(cst__get_item, Fcavtal__V1__GetById)
{
    fc_status_t st = fc_record_load(call, CST_REC_ITEM, body->id, (ProtobufCMessage **)&rep->item);
    if (!st) {
        rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_ITEM;
        st = settled_in(call, rep->item);
    }
    return st;
}

CST_HANDLER(cst__withdraw_item, Fcavtal__V1__WithdrawCostItem)
{
    cst__item_pb_t *it;
    fc_status_t st = fc_record_load(call, CST_REC_ITEM, body->item_id, (ProtobufCMessage **)&it);
    if (st)
        return st;
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_ITEM;
    rep->item = it;
    if (it->withdrawn)
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "item %llu is already withdrawn",
                            (unsigned long long)it->id);
    if (strlen(body->note) > CST_MAX_NOTE)
        return bad(call, "withdraw_cost_item", "note", "at most 2000 bytes");
    it->withdrawn = true;
    it->withdrawn_on = cst__wire_date_new(fc_call_today(call));
    if (!it->withdrawn_on || fc_pb_set_string(&it->withdrawn_note, body->note))
        return fc_call_oom(call);
    st = fc_record_put(call, CST_REC_ITEM, &it->base);
    if (!st)
        st = fc_call_emit(call, CST_REC_ITEM, "withdrawn", &it->base);
    if (!st)
        st = settled_in(call, it);
    if (!st)
        warn_settled(call, it, "is withdrawn, and has");
    return st;
}

/* ------------------------------------------------------------ list */

typedef struct {
    const Fcavtal__V1__ListCostItems *q;
    bool has_period;
    cst_period_t period;
    Fcavtal__V1__CostItemList *out;
    size_t limit;
    bool full;
} list_t;

static bool keep(const list_t *l, const cst__item_pb_t *it)
{
    const Fcavtal__V1__ListCostItems *q = l->q;
    if ((q->centre_id && it->centre_id != q->centre_id) || (q->category && it->category != q->category) ||
        (q->paid_by_operation_id && it->paid_by_operation_id != q->paid_by_operation_id) ||
        (it->withdrawn && !q->include_withdrawn))
        return false;
    fc_date_t from, to;
    return !l->has_period || (fc_date_from_pb(it->from, &from) && fc_date_from_pb(it->to, &to) &&
                              fc_date_cmp(from, l->period.to) <= 0 &&
                              fc_date_cmp(to, l->period.from) >= 0);
}

static fc_status_t visit(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    list_t *l = arg;
    cst__item_pb_t *it = (cst__item_pb_t *)record;
    if (!keep(l, it)) {
        protobuf_c_message_free_unpacked(record, NULL);
        return FC_OK;
    }
    cst__item_pb_t **grown = realloc(l->out->items, (l->out->n_items + 1) * sizeof *grown);
    if (grown == NULL) {
        protobuf_c_message_free_unpacked(record, NULL);
        return fc_call_oom(call);
    }
    l->out->items = grown;
    grown[l->out->n_items++] = it;
    if (l->out->n_items >= l->limit) {
        *stop = l->full = true;
        l->out->next_after_id = it->id;
    }
    return settled_in(call, it);
}

CST_HANDLER(cst__list_items, Fcavtal__V1__ListCostItems)
{
    list_t l = {.q = body};
    l.limit = body->limit == 0 ? LIST_DEFAULT : body->limit > LIST_MAX ? LIST_MAX : body->limit;
    fc_status_t st = FC_OK;
    if (body->period) {
        l.has_period = true;
        if ((st = cst__wire_period(call, body->period, "list_cost_items.period", &l.period)))
            return st;
    }
    l.out = malloc(sizeof *l.out);
    if (l.out == NULL)
        return fc_call_oom(call);
    fcavtal__v1__cost_item_list__init(l.out);
    rep->body_case = FCAVTAL__V1__COSTS_REPLY__BODY_ITEMS;
    rep->items = l.out;
    if (body->centre_id == 0)
        return fc_record_scan(call, CST_REC_ITEM, body->after_id, visit, &l);
    fc_index_key_t key;
    fc_index_key_u64(&key, body->centre_id);
    return fc_record_index_scan(call, CST_REC_ITEM, CST_IX_ITEM_BY_CENTRE, &key, body->after_id,
                                visit, &l);
}
