/* fcavtal-toy: the smallest service on the core, for the core's tests.
 *
 * As a leader it stores items (put_item, put_many). With --inbox it also
 * binds a PULL socket whose messages (an item name each) become items
 * through internal work: a reader. With --tick-ms it counts ticks in a
 * record through internal work: a timer. With --follow-request and
 * --follow-publish it follows another toy and keeps copies of its items,
 * counting how often an event was applied to each copy, so a test can
 * prove every event is applied exactly once across crashes. */
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/call.h"
#include "fcavtal/follower.h"
#include "fcavtal/log.h"
#include "fcavtal/pb.h"
#include "fcavtal/record.h"
#include "fcavtal/server.h"
#include "fcavtal/v1/toy.pb-c.h"

enum { REC_ITEM, REC_COPY, REC_TICKS, REC_COUNT };

typedef Fcavtal__V1__ToyReply Rep;
typedef Fcavtal__V1__ToyItem Item;

typedef struct {
    fc_follower_t *follower;
} toy_t;

/* ------------------------------------------------------------ requests */

static fc_status_t save_item(fc_call_t *call, Item *item)
{
    bool create = item->id == 0;
    if (!item->name || !*item->name)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "an item needs a name");
    fc_status_t st = FC_OK;
    if (create) {
        st = fc_record_new_id(call, REC_ITEM, &item->id);
        item->version = 1;
    } else {
        Item *old = NULL;
        st = fc_record_load(call, REC_ITEM, item->id, (ProtobufCMessage **)&old);
        if (!st)
            item->version = old->version + 1;
        if (old)
            fcavtal__v1__toy_item__free_unpacked(old, NULL);
    }
    if (!st)
        st = fc_record_put(call, REC_ITEM, &item->base);
    return st ? st : fc_call_emit(call, REC_ITEM, create ? "created" : "updated", &item->base);
}

static fc_status_t toy_put_item(fc_call_t *call, const Fcavtal__V1__ToyPutItem *body, Rep *rep)
{
    if (!body->item)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_item needs an item");
    Item *item = (Item *)fc_pb_clone(&body->item->base);
    if (!item)
        return fc_call_oom(call);
    rep->body_case = FCAVTAL__V1__TOY_REPLY__BODY_ITEM;
    rep->item = item;
    return save_item(call, item);
}

static fc_status_t toy_put_many(fc_call_t *call, const Fcavtal__V1__ToyPutMany *body, Rep *rep)
{
    if (body->count > 100000 || body->payload_bytes > 65536)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "at most 100000 items of 64 KiB");
    char *payload = malloc(body->payload_bytes + 1);
    if (!payload)
        return fc_call_oom(call);
    memset(payload, 'x', body->payload_bytes);
    payload[body->payload_bytes] = '\0';
    fc_status_t st = FC_OK;
    for (uint32_t i = 0; i < body->count && !st; i++) {
        char name[96];
        snprintf(name, sizeof name, "%s%u", body->prefix, i);
        Item item = FCAVTAL__V1__TOY_ITEM__INIT;
        item.name = name;
        item.payload = payload;
        st = save_item(call, &item);
    }
    free(payload);
    rep->body_case = FCAVTAL__V1__TOY_REPLY__BODY_CREATED;
    rep->created = body->count;
    return st;
}

static fc_status_t toy_get_item(fc_call_t *call, const Fcavtal__V1__ToyGet *body, Rep *rep)
{
    fc_status_t st = fc_record_load(call, REC_ITEM, body->id, (ProtobufCMessage **)&rep->item);
    if (!st)
        rep->body_case = FCAVTAL__V1__TOY_REPLY__BODY_ITEM;
    return st;
}

static fc_status_t toy_get_copy(fc_call_t *call, const Fcavtal__V1__ToyGet *body, Rep *rep)
{
    fc_status_t st = fc_record_load(call, REC_COPY, body->id, (ProtobufCMessage **)&rep->copy);
    if (!st)
        rep->body_case = FCAVTAL__V1__TOY_REPLY__BODY_COPY;
    return st;
}

static fc_status_t toy_get_ticks(fc_call_t *call, const Fcavtal__V1__ToyGet *body, Rep *rep)
{
    fc_status_t st = fc_record_load(call, REC_TICKS, body->id, (ProtobufCMessage **)&rep->ticks);
    if (!st)
        rep->body_case = FCAVTAL__V1__TOY_REPLY__BODY_TICKS;
    return st;
}

static fc_status_t toy_follow_status(fc_call_t *call, const Fcavtal__V1__ToyFollowStatus *body,
                                     Rep *rep)
{
    (void)body;
    toy_t *toy = fc_call_state(call);
    if (!toy->follower)
        return fc_call_fail(call, FC_FAILED_PRECONDITION, "this toy follows nothing");
    Fcavtal__V1__ToyFollowState *s = malloc(sizeof *s);
    if (!s)
        return fc_call_oom(call);
    fcavtal__v1__toy_follow_state__init(s);
    fc_follower_stats_t stats = fc_follower_stats(toy->follower);
    s->position = stats.position;
    s->leader_seq = stats.leader_seq;
    s->live = stats.live;
    s->rebuilds = stats.rebuilds;
    s->gaps_filled = stats.gaps_filled;
    rep->body_case = FCAVTAL__V1__TOY_REPLY__BODY_FOLLOW;
    rep->follow = s;
    return FC_OK;
}

/* The bug the runtime's debug check exists for: a reply part that points
 * into the request, freed twice once both are freed. */
static fc_status_t toy_borrow(fc_call_t *call, const Fcavtal__V1__ToyPutItem *body, Rep *rep)
{
    if (!body->item)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "borrow needs an item");
    Item *item = malloc(sizeof *item);
    if (!item)
        return fc_call_oom(call);
    fcavtal__v1__toy_item__init(item);
    item->name = body->item->name;
    rep->body_case = FCAVTAL__V1__TOY_REPLY__BODY_ITEM;
    rep->item = item;
    return FC_OK;
}

#define BODY(x) FCAVTAL__V1__TOY_REQUEST__BODY_##x
static const fc_route_t ROUTES[] = {
    FC_ROUTE(BODY(PUT_ITEM), toy_put_item, FC_WRITE, Fcavtal__V1__ToyPutItem,
             fcavtal__v1__toy_put_item__descriptor, Rep),
    FC_ROUTE(BODY(PUT_MANY), toy_put_many, FC_WRITE, Fcavtal__V1__ToyPutMany,
             fcavtal__v1__toy_put_many__descriptor, Rep),
    FC_ROUTE(BODY(GET_ITEM), toy_get_item, FC_READ, Fcavtal__V1__ToyGet,
             fcavtal__v1__toy_get__descriptor, Rep),
    FC_ROUTE(BODY(GET_COPY), toy_get_copy, FC_READ, Fcavtal__V1__ToyGet,
             fcavtal__v1__toy_get__descriptor, Rep),
    FC_ROUTE(BODY(GET_TICKS), toy_get_ticks, FC_READ, Fcavtal__V1__ToyGet,
             fcavtal__v1__toy_get__descriptor, Rep),
    FC_ROUTE(BODY(FOLLOW_STATUS), toy_follow_status, FC_READ, Fcavtal__V1__ToyFollowStatus,
             fcavtal__v1__toy_follow_status__descriptor, Rep),
    FC_ROUTE(BODY(BORROW), toy_borrow, FC_READ, Fcavtal__V1__ToyPutItem,
             fcavtal__v1__toy_put_item__descriptor, Rep),
};

static const fc_record_def_t RECORDS[REC_COUNT] = {
    [REC_ITEM] = { "item", &fcavtal__v1__toy_item__descriptor, "items", NULL, 0, NULL },
    [REC_COPY] = { "copy", &fcavtal__v1__toy_copy__descriptor, "copies", NULL, 0, NULL },
    [REC_TICKS] = { "ticks", &fcavtal__v1__toy_ticks__descriptor, "ticks", NULL, 0, NULL },
};

static const fc_service_def_t TOY = {
    .name = "toy",
    .request_desc = &fcavtal__v1__toy_request__descriptor,
    .reply_desc = &fcavtal__v1__toy_reply__descriptor,
    .event_desc = &fcavtal__v1__toy_event__descriptor,
    .routes = ROUTES,
    .n_routes = sizeof ROUTES / sizeof ROUTES[0],
    .records = RECORDS,
    .n_records = REC_COUNT,
    .schema_version = 1,
};

/* ------------------------------------------------------------ reader, timer */

static fc_status_t inbox_work(fc_call_t *call, void *arg)
{
    Item item = FCAVTAL__V1__TOY_ITEM__INIT;
    item.name = arg;
    return save_item(call, &item);
}

static int on_inbox(fc_server_t *server, zsock_t *sock, void *arg)
{
    (void)arg;
    char *name = zstr_recv(sock);
    if (name)
        fc_server_transact(server, "inbox", inbox_work, name, NULL, 0);
    zstr_free(&name);
    return 0;
}

static fc_status_t tick_work(fc_call_t *call, void *arg)
{
    (void)arg;
    Fcavtal__V1__ToyTicks *t = NULL;
    fc_status_t st = fc_record_get(call, REC_TICKS, 1, (ProtobufCMessage **)&t);
    Fcavtal__V1__ToyTicks fresh = FCAVTAL__V1__TOY_TICKS__INIT;
    if (st == FC_NOT_FOUND) {
        fresh.id = 1;
        st = FC_OK;
    }
    Fcavtal__V1__ToyTicks *ticks = t ? t : &fresh;
    ticks->count++;
    if (!st)
        st = fc_record_put(call, REC_TICKS, &ticks->base);
    if (!st)
        st = fc_call_emit(call, REC_TICKS, "ticked", &ticks->base);
    if (t)
        fcavtal__v1__toy_ticks__free_unpacked(t, NULL);
    return st;
}

static int on_tick(fc_server_t *server, void *arg)
{
    (void)arg;
    fc_server_transact(server, "tick", tick_work, NULL, NULL, 0);
    return 0;
}

/* ------------------------------------------------------------ following */

static fc_status_t delete_copy(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)arg, (void)stop;
    uint64_t id = fc_record_id(record);
    protobuf_c_message_free_unpacked(record, NULL);
    return fc_record_delete(call, REC_COPY, id);
}

/* A rebuild starts from nothing: copies of items the leader no longer has
 * must go. */
static fc_status_t follow_reset(fc_call_t *call, void *arg)
{
    (void)arg;
    return fc_record_scan(call, REC_COPY, 0, delete_copy, NULL);
}

static fc_status_t follow_apply(fc_call_t *call, const ProtobufCMessage *event, void *arg)
{
    (void)arg;
    const Fcavtal__V1__ToyEvent *ev = (const Fcavtal__V1__ToyEvent *)event;
    if (ev->entity_case != FCAVTAL__V1__TOY_EVENT__ENTITY_ITEM)
        return FC_OK;
    bool snapshot = ev->seq == 0;
    Fcavtal__V1__ToyCopy *old = NULL;
    fc_status_t st = fc_record_get(call, REC_COPY, ev->item->id, (ProtobufCMessage **)&old);
    if (st && st != FC_NOT_FOUND)
        return st;
    Fcavtal__V1__ToyCopy copy = FCAVTAL__V1__TOY_COPY__INIT;
    copy.id = ev->item->id;
    copy.item = ev->item;
    copy.applied = snapshot ? 0 : (old ? old->applied : 0) + 1;
    copy.from_snapshot = snapshot;
    st = fc_record_put(call, REC_COPY, &copy.base);
    if (!st)
        st = fc_call_emit(call, REC_COPY, "applied", &copy.base);
    if (old)
        fcavtal__v1__toy_copy__free_unpacked(old, NULL);
    return st;
}

static int start_follower(fc_server_t *server, const fc_config_t *cfg, toy_t *toy)
{
    const char *req = fc_config_get(cfg, "follow-request"), *pub = fc_config_get(cfg, "follow-publish");
    if (!req && !pub)
        return 0;
    const char *gap = fc_config_get(cfg, "gap-fill-max");
    fc_follower_def_t def = {
        .name = "toy", .request_endpoint = req, .publish_endpoint = pub,
        .request_desc = &fcavtal__v1__toy_request__descriptor,
        .reply_desc = &fcavtal__v1__toy_reply__descriptor,
        .event_desc = &fcavtal__v1__toy_event__descriptor,
        .reset = follow_reset, .apply = follow_apply, .arg = toy,
        .page_records = 500,
        .gap_fill_max = gap ? strtoull(gap, NULL, 10) : 0,
        .timeout_ms = 1000,
    };
    char err[256];
    toy->follower = fc_follower_new(server, &def, err, sizeof err);
    if (!toy->follower)
        fc_error("toy: %s", err);
    return toy->follower ? 0 : -1;
}

static int start_extras(fc_server_t *server, const fc_config_t *cfg, toy_t *toy, zsock_t **inbox)
{
    const char *inbox_ep = fc_config_get(cfg, "inbox"), *tick = fc_config_get(cfg, "tick-ms");
    if (inbox_ep) {
        *inbox = zsock_new_pull(inbox_ep);
        if (!*inbox || fc_server_add_reader(server, *inbox, on_inbox, NULL))
            return -1;
    }
    if (tick && fc_server_add_timer(server, strtoull(tick, NULL, 10), 0, on_tick, NULL) < 0)
        return -1;
    return start_follower(server, cfg, toy);
}

int main(int argc, char **argv)
{
    fc_config_t cfg;
    if (fc_config_init(&cfg, "toy", 7901) || fc_config_add(&cfg, "inbox", "PULL endpoint", NULL)
        || fc_config_add(&cfg, "tick-ms", "count a tick this often", NULL)
        || fc_config_add(&cfg, "follow-request", "leader toy's request endpoint", NULL)
        || fc_config_add(&cfg, "follow-publish", "leader toy's event endpoint", NULL)
        || fc_config_add(&cfg, "gap-fill-max", "largest gap filled from the audit trail", NULL))
        return 1;
    int rc = fc_config_parse(&cfg, "toy", argc, argv);
    if (rc == 0 && fc_log_set_level(cfg.log_level) < 0)
        rc = -1;
    if (rc) {
        fc_config_clear(&cfg);
        return rc > 0 ? 0 : 2;
    }
    toy_t toy = { 0 };
    zsock_t *inbox = NULL;
    char err[512] = "";
    fc_server_t *server = fc_server_new(&TOY, &cfg, &toy, err, sizeof err);
    if (!server)
        fc_error("toy: %s", err);
    if (server && start_extras(server, &cfg, &toy, &inbox) == 0)
        rc = fc_server_run(server);
    else
        rc = 1;
    fc_follower_destroy(&toy.follower);
    fc_server_destroy(&server);
    zsock_destroy(&inbox);
    fc_config_clear(&cfg);
    return rc ? 1 : 0;
}
