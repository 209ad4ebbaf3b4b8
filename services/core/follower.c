/* The follower's state machine: rebuild (snapshot pages), catch up (audit
 * pages), live (events). Requests to the leader go out one at a time on a
 * DEALER with a request id; a reply with another id (a late answer to a
 * resent request) is dropped. */
#include "fcavtal/follower.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "runtime.h"

#define AUDIT_PAGE 1000
#define LIVE_DRAIN 1000
#define TICK_MS 100
#define CURSOR_MAX 64

#define MEMBER(type, msg, off) (*(type *)((char *)(msg) + (off)))

typedef enum { ST_REBUILD, ST_CATCHUP, ST_LIVE } state_t;

struct fc_follower_t {
    fc_server_t *server;
    fc_follower_def_t def;
    char *name, *request_endpoint, *publish_endpoint;
    fc_envelope_t env;          /* the leader's messages */
    zsock_t *sub, *dealer;
    zcert_t *cert;
    int timer;
    state_t state;
    uint64_t position, leader_seq, base;
    bool base_set;
    uint8_t cursor[CURSOR_MAX];
    size_t cursor_len;
    /* The request waiting for its reply. */
    bool pending;
    char pending_id[64];
    uint8_t *pending_bytes;
    size_t pending_len;
    int64_t resend_at;
    unsigned counter;
    unsigned rebuilds, gaps_filled;
    char key_seq[96], key_rebuild[96], key_base[96], key_cursor[96];
};

/* ------------------------------------------------------------ persistent state */

static fc_status_t put_meta(fc_call_t *call, const char *key, const void *data, size_t len)
{
    MDB_val k = { strlen(key), (void *)key }, v = { len, (void *)data };
    int rc = mdb_put(fc_call_txn(call), fc_store_dbi(fc_call_store(call), FC_STORE_META_INDEX), &k,
                     &v, 0);
    return fc_status_from_mdb(rc);
}

/* Position, rebuild flag, base and cursor, in the same transaction as the
 * records they describe. */
static fc_status_t save_state(fc_call_t *call, fc_follower_t *f, bool rebuilding)
{
    fc_store_t *store = fc_call_store(call);
    MDB_txn *txn = fc_call_txn(call);
    fc_status_t st = fc_store_counter_set(txn, store, f->key_seq, f->position);
    if (!st)
        st = fc_store_counter_set(txn, store, f->key_rebuild, rebuilding ? 1 : 0);
    if (!st)
        st = fc_store_counter_set(txn, store, f->key_base, f->base_set ? f->base + 1 : 0);
    if (!st)
        st = put_meta(call, f->key_cursor, f->cursor, f->cursor_len);
    return st;
}

typedef struct {
    fc_follower_t *f;
    uint64_t rebuilding, base;
} loaded_t;

static fc_status_t load_work(fc_call_t *call, void *arg)
{
    loaded_t *l = arg;
    fc_follower_t *f = l->f;
    MDB_txn *txn = fc_call_txn(call);
    fc_store_t *store = fc_call_store(call);
    fc_status_t st = fc_store_counter_get(txn, store, f->key_seq, &f->position);
    if (!st)
        st = fc_store_counter_get(txn, store, f->key_rebuild, &l->rebuilding);
    if (!st)
        st = fc_store_counter_get(txn, store, f->key_base, &l->base);
    if (st)
        return st;
    MDB_val k = { strlen(f->key_cursor), f->key_cursor }, v;
    int rc = mdb_get(txn, fc_store_dbi(store, FC_STORE_META_INDEX), &k, &v);
    if (rc == 0 && v.mv_size && v.mv_size <= CURSOR_MAX) {
        memcpy(f->cursor, v.mv_data, v.mv_size);
        f->cursor_len = v.mv_size;
    }
    return rc && rc != MDB_NOTFOUND ? fc_status_from_mdb(rc) : FC_OK;
}

/* ------------------------------------------------------------ requests */

static void set_string(ProtobufCMessage *msg, unsigned offset, const char *text)
{
    char *copy = strdup(text);
    if (copy)
        MEMBER(char *, msg, offset) = copy;
}

/* Packs a leader request carrying `body` in oneof member `member`. */
static int pack_request(fc_follower_t *f, fc_field_t member, ProtobufCMessage *body)
{
    ProtobufCMessage *req = fc_pb_new(f->env.request_desc);
    if (!req) {
        protobuf_c_message_free_unpacked(body, NULL);
        return -1;
    }
    snprintf(f->pending_id, sizeof f->pending_id, "%s-follow-%s-%u", fc_server_name(f->server),
             f->name, ++f->counter);
    set_string(req, f->env.req_id, f->pending_id);
    set_string(req, f->env.req_actor, fc_server_name(f->server));
    fc_pb_set_oneof(req, member, body);
    free(f->pending_bytes);
    f->pending_len = protobuf_c_message_get_packed_size(req);
    f->pending_bytes = malloc(f->pending_len + 1);
    if (f->pending_bytes)
        protobuf_c_message_pack(req, f->pending_bytes);
    protobuf_c_message_free_unpacked(req, NULL);
    return f->pending_bytes ? 0 : -1;
}

/* How soon to try again when the leader is not connected (yet). */
#define UNREACHABLE_RETRY_MS 50

static void send_pending(fc_follower_t *f)
{
    f->resend_at = fc__now_ms() + (f->def.timeout_ms ? f->def.timeout_ms : 3000);
    void *s = zsock_resolve(f->dealer);
    /* IMMEDIATE: with the leader down (or the connection not made yet, as
     * right after start) the send fails at once and the tick tries again
     * soon, instead of queueing copies or waiting a whole timeout. */
    if (zmq_send(s, NULL, 0, ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0
        || zmq_send(s, f->pending_bytes, f->pending_len, ZMQ_DONTWAIT) < 0) {
        f->resend_at = fc__now_ms() + UNREACHABLE_RETRY_MS;
        fc_debug("%s: follower of %s: the leader is not reachable yet", fc_server_name(f->server),
                 f->name);
    }
}

static void request(fc_follower_t *f, fc_field_t member, ProtobufCMessage *body)
{
    if (pack_request(f, member, body)) {
        fc_error("%s: follower of %s: out of memory building a request", fc_server_name(f->server),
                 f->name);
        f->pending = true;   /* the tick tries again */
        f->pending_len = 0;
        f->resend_at = fc__now_ms() + 1000;
        return;
    }
    f->pending = true;
    send_pending(f);
}

static void request_page(fc_follower_t *f)
{
    Fcavtal__V1__SnapshotRequest *q = malloc(sizeof *q);
    if (q) {
        fcavtal__v1__snapshot_request__init(q);
        q->max_records = f->def.page_records ? f->def.page_records : 1000;
        if (f->cursor_len && (q->cursor.data = malloc(f->cursor_len))) {
            memcpy(q->cursor.data, f->cursor, f->cursor_len);
            q->cursor.len = f->cursor_len;
        }
    }
    request(f, f->env.req_snapshot, (ProtobufCMessage *)q);
}

static void request_audit(fc_follower_t *f)
{
    Fcavtal__V1__AuditQuery *q = malloc(sizeof *q);
    if (q) {
        fcavtal__v1__audit_query__init(q);
        q->after_seq = f->position;
        q->limit = AUDIT_PAGE;
    }
    request(f, f->env.req_audit, (ProtobufCMessage *)q);
}

/* ------------------------------------------------------------ transitions */

static fc_status_t reset_work(fc_call_t *call, void *arg)
{
    fc_follower_t *f = arg;
    fc_status_t st = f->def.reset ? f->def.reset(call, f->def.arg) : FC_OK;
    f->base_set = false;
    f->cursor_len = 0;
    return st ? st : save_state(call, f, true);
}

static void start_rebuild(fc_follower_t *f, const char *why)
{
    fc_info("%s: follower of %s: rebuilding from a snapshot (%s)", fc_server_name(f->server),
            f->name, why);
    char msg[256];
    if (fc_server_transact(f->server, "follow-reset", reset_work, f, msg, sizeof msg)) {
        f->pending = true;   /* try again at the next tick */
        f->pending_len = 0;
        f->resend_at = fc__now_ms() + 1000;
        f->state = ST_REBUILD;
        return;
    }
    f->rebuilds++;
    f->state = ST_REBUILD;
    request_page(f);
}

static void start_catchup(fc_follower_t *f)
{
    f->state = ST_CATCHUP;
    request_audit(f);
}

static void fill_gap(fc_follower_t *f);

static void go_live(fc_follower_t *f)
{
    if (f->state != ST_LIVE)
        fc_info("%s: follower of %s: live at event %llu", fc_server_name(f->server), f->name,
                (unsigned long long)f->position);
    f->state = ST_LIVE;
    /* Events published while catching up were dropped: fetch them now
     * rather than wait for the next heartbeat. */
    if (f->leader_seq > f->position)
        fill_gap(f);
}

/* The leader is past the position: fetch what is missing. */
static void fill_gap(fc_follower_t *f)
{
    uint64_t max = f->def.gap_fill_max ? f->def.gap_fill_max : 10000;
    if (f->leader_seq - f->position > max) {
        start_rebuild(f, "the gap is too large to fill from the audit trail");
        return;
    }
    f->gaps_filled++;
    start_catchup(f);
}

/* ------------------------------------------------------------ applying */

typedef struct {
    fc_follower_t *f;
    const ProtobufCMessage *page;      /* snapshot page, or */
    ProtobufCMessage **events;         /* events in order */
    size_t n;
    const uint8_t *next_cursor;
    size_t next_len;
    uint64_t page_seq;
    bool hole;                         /* the events skip a number */
} batch_t;

static fc_status_t apply_events(fc_call_t *call, void *arg)
{
    batch_t *b = arg;
    fc_follower_t *f = b->f;
    uint64_t position = f->position;
    for (size_t i = 0; i < b->n; i++) {
        uint64_t seq = fc_envelope_event_seq(&f->env, b->events[i]);
        if (seq <= position)
            continue;   /* already applied */
        if (seq != position + 1) {
            b->hole = true;
            break;      /* apply what is contiguous; the rest comes again */
        }
        fc_status_t st = f->def.apply(call, b->events[i], f->def.arg);
        if (st)
            return st;
        position = seq;
    }
    uint64_t saved = f->position;
    f->position = position;
    fc_status_t st = save_state(call, f, false);
    if (st)
        f->position = saved;
    return st;
}

static fc_status_t apply_page(fc_call_t *call, void *arg)
{
    batch_t *b = arg;
    fc_follower_t *f = b->f;
    for (size_t i = 0; i < b->n; i++) {
        fc_status_t st = f->def.apply(call, b->events[i], f->def.arg);
        if (st)
            return st;
    }
    fc_follower_t saved = *f;
    if (!f->base_set) {
        f->base = b->page_seq;
        f->base_set = true;
    }
    f->cursor_len = b->next_len <= CURSOR_MAX ? b->next_len : 0;
    if (f->cursor_len)
        memcpy(f->cursor, b->next_cursor, f->cursor_len);
    bool done = b->next_len == 0;
    if (done)
        f->position = f->base;
    fc_status_t st = save_state(call, f, !done);
    if (!st && done && f->def.synced)
        st = f->def.synced(call, f->def.arg);
    if (st) {   /* nothing was saved: neither is the progress */
        f->base = saved.base, f->base_set = saved.base_set, f->position = saved.position;
        f->cursor_len = saved.cursor_len;
        memcpy(f->cursor, saved.cursor, CURSOR_MAX);
    }
    return st;
}

static void retry_later(fc_follower_t *f, const char *what, const char *msg)
{
    fc_warn("%s: follower of %s: %s: %s; trying again", fc_server_name(f->server), f->name, what,
            msg);
    f->pending = true;
    f->resend_at = fc__now_ms() + 1000;
}

static void on_page(fc_follower_t *f, const ProtobufCMessage *page)
{
    const fc_envelope_t *e = &f->env;
    ProtobufCBinaryData next = MEMBER(ProtobufCBinaryData, (void *)page, e->snap_cursor->offset);
    batch_t b = { .f = f, .page = page, .next_cursor = next.data, .next_len = next.len,
                  .page_seq = MEMBER(uint64_t, (void *)page, e->snap_seq->offset),
                  .n = MEMBER(size_t, (void *)page, e->snap_records->quantifier_offset),
                  .events = MEMBER(ProtobufCMessage **, (void *)page, e->snap_records->offset) };
    char msg[256];
    if (fc_server_transact(f->server, "follow-snapshot", apply_page, &b, msg, sizeof msg)) {
        retry_later(f, "a snapshot page could not be applied", msg);
        return;
    }
    if (b.next_len)
        request_page(f);
    else
        start_catchup(f);
}

static void on_audit(fc_follower_t *f, const ProtobufCMessage *log)
{
    const fc_envelope_t *e = &f->env;
    batch_t b = { .f = f, .n = MEMBER(size_t, (void *)log, e->audit_events->quantifier_offset),
                  .events = MEMBER(ProtobufCMessage **, (void *)log, e->audit_events->offset) };
    if (b.n && fc_envelope_event_seq(e, b.events[0]) > f->position + 1) {
        start_rebuild(f, "the leader's audit trail no longer holds the events missed");
        return;
    }
    char msg[256];
    if (fc_server_transact(f->server, "follow-catch-up", apply_events, &b, msg, sizeof msg)) {
        retry_later(f, "events could not be applied", msg);
        return;
    }
    if (b.hole) {
        start_rebuild(f, "the leader's audit trail has a hole");
    } else if (b.n == AUDIT_PAGE) {
        request_audit(f);
    } else {
        /* The trail is the truth: a sequence number seen before it (from a
         * leader since replaced) must not send us looking for more. */
        if (b.n == 0 && f->leader_seq > f->position)
            f->leader_seq = f->position;
        go_live(f);
    }
}

/* ------------------------------------------------------------ the leader's replies */

static const ProtobufCMessage *reply_body(const fc_follower_t *f, const ProtobufCMessage *rep,
                                          fc_field_t member)
{
    uint32_t which = MEMBER(uint32_t, (void *)rep, f->env.rep_case);
    return which == member->id ? MEMBER(const ProtobufCMessage *, (void *)rep, member->offset) : NULL;
}

static void on_reply(fc_follower_t *f, const ProtobufCMessage *rep)
{
    const char *id = MEMBER(const char *, (void *)rep, f->env.rep_id);
    if (!f->pending || strcmp(id, f->pending_id) != 0)
        return;   /* an answer to a request already answered or replaced */
    f->pending = false;
    const Fcavtal__V1__Status *st = MEMBER(const Fcavtal__V1__Status *, (void *)rep, f->env.rep_status);
    if (!st || st->code != FCAVTAL__V1__CODE__OK) {
        if (f->state == ST_REBUILD && st && st->code == FCAVTAL__V1__CODE__INVALID_ARGUMENT) {
            start_rebuild(f, "the leader refused the snapshot cursor");
            return;
        }
        retry_later(f, "the leader refused a request", st ? st->message : "no status");
        return;
    }
    const ProtobufCMessage *page = reply_body(f, rep, f->env.rep_snapshot);
    const ProtobufCMessage *log = reply_body(f, rep, f->env.rep_audit);
    if (f->state == ST_REBUILD && page)
        on_page(f, page);
    else if (f->state == ST_CATCHUP && log)
        on_audit(f, log);
}

static int on_dealer(fc_server_t *server, zsock_t *sock, void *arg)
{
    (void)server;
    fc_follower_t *f = arg;
    zmsg_t *msg;
    while ((msg = zmsg_recv(sock))) {
        zframe_t *empty = zmsg_first(msg), *payload = zmsg_next(msg);
        ProtobufCMessage *rep = zmsg_size(msg) == 2 && zframe_size(empty) == 0
            ? protobuf_c_message_unpack(f->env.reply_desc, NULL, zframe_size(payload),
                                        zframe_data(payload))
            : NULL;
        if (rep) {
            on_reply(f, rep);
            protobuf_c_message_free_unpacked(rep, NULL);
        } else {
            fc_warn("%s: follower of %s: dropped a malformed reply", fc_server_name(f->server),
                    f->name);
        }
        zmsg_destroy(&msg);
    }
    return 0;
}

/* ------------------------------------------------------------ live events */

static bool is_heartbeat(const char *topic, size_t len)
{
    static const char suffix[] = ".heartbeat";
    return len >= sizeof suffix - 1 && memcmp(topic + len - (sizeof suffix - 1), suffix,
                                              sizeof suffix - 1) == 0;
}

static void on_heartbeat(fc_follower_t *f, zframe_t *payload)
{
    Fcavtal__V1__Heartbeat *hb =
        fcavtal__v1__heartbeat__unpack(NULL, zframe_size(payload), zframe_data(payload));
    if (!hb)
        return;
    uint64_t seq = hb->seq;
    fcavtal__v1__heartbeat__free_unpacked(hb, NULL);
    if (f->state == ST_LIVE && seq < f->position) {
        start_rebuild(f, "the leader's sequence went backwards");
        return;
    }
    if (seq > f->leader_seq)
        f->leader_seq = seq;
    if (f->state == ST_LIVE && !f->pending && seq > f->position)
        fill_gap(f);
}

/* Applies the run of consecutive events in events[0..n) and then, if an
 * event past the next one was seen, fills the gap. */
static void apply_live(fc_follower_t *f, ProtobufCMessage **events, size_t n, bool gap)
{
    if (n) {
        batch_t b = { .f = f, .events = events, .n = n };
        char msg[256];
        if (fc_server_transact(f->server, "follow-event", apply_events, &b, msg, sizeof msg)) {
            fc_warn("%s: follower of %s: events could not be applied: %s; catching up from the "
                    "audit trail", fc_server_name(f->server), f->name, msg);
            gap = true;
        }
    }
    if (gap && !f->pending)
        fill_gap(f);
}

static int on_sub(fc_server_t *server, zsock_t *sock, void *arg)
{
    (void)server;
    fc_follower_t *f = arg;
    ProtobufCMessage *events[LIVE_DRAIN];
    size_t n = 0;
    bool gap = false;
    zmsg_t *msg;
    while (n < LIVE_DRAIN && (msg = zmsg_recv(sock))) {
        zframe_t *topic = zmsg_first(msg), *payload = zmsg_next(msg);
        if (zmsg_size(msg) == 2 && is_heartbeat((const char *)zframe_data(topic), zframe_size(topic))) {
            on_heartbeat(f, payload);
        } else if (zmsg_size(msg) == 2) {
            ProtobufCMessage *ev = protobuf_c_message_unpack(f->env.event_desc, NULL,
                                                             zframe_size(payload), zframe_data(payload));
            uint64_t seq = ev ? fc_envelope_event_seq(&f->env, ev) : 0;
            if (seq > f->leader_seq)
                f->leader_seq = seq;
            uint64_t expect = f->position + 1 + n;
            if (ev && f->state == ST_LIVE && !gap && seq == expect)
                events[n++] = ev, ev = NULL;
            else if (ev && f->state == ST_LIVE && seq > expect)
                gap = true;
            if (ev)
                protobuf_c_message_free_unpacked(ev, NULL);
        }
        zmsg_destroy(&msg);
    }
    if (f->state == ST_LIVE)
        apply_live(f, events, n, gap);
    for (size_t i = 0; i < n; i++)
        protobuf_c_message_free_unpacked(events[i], NULL);
    return 0;
}

/* ------------------------------------------------------------ the tick */

static int on_tick(fc_server_t *server, void *arg)
{
    (void)server;
    fc_follower_t *f = arg;
    if (!f->pending || fc__now_ms() < f->resend_at)
        return 0;
    if (f->pending_len) {
        send_pending(f);   /* the same bytes: the same request id */
        return 0;
    }
    /* Nothing built yet (a failed transaction or memory): start the step again. */
    f->pending = false;
    if (f->state == ST_REBUILD && !f->base_set && !f->cursor_len)
        start_rebuild(f, "retrying");
    else if (f->state == ST_REBUILD)
        request_page(f);
    else
        start_catchup(f);
    return 0;
}

/* ------------------------------------------------------------ set-up */

static int apply_curve(fc_follower_t *f, char *err, size_t errlen)
{
    if (!f->def.server_key)
        return 0;
    f->cert = f->def.client_cert ? zcert_load(f->def.client_cert) : zcert_new();
    if (!f->cert)
        return snprintf(err, errlen, "cannot load certificate %s", f->def.client_cert), -1;
    zcert_apply(f->cert, f->sub);
    zcert_apply(f->cert, f->dealer);
    zsock_set_curve_serverkey(f->sub, f->def.server_key);
    zsock_set_curve_serverkey(f->dealer, f->def.server_key);
    return 0;
}

static int open_sockets(fc_follower_t *f, char *err, size_t errlen)
{
    f->sub = zsock_new(ZMQ_SUB);
    f->dealer = zsock_new(ZMQ_DEALER);
    if (!f->sub || !f->dealer)
        return snprintf(err, errlen, "cannot create the follower's sockets"), -1;
    zsock_set_linger(f->dealer, 0);
    zsock_set_immediate(f->dealer, 1);
    /* The readers drain what is waiting and return: receives never block. */
    zsock_set_rcvtimeo(f->dealer, 0);
    zsock_set_rcvtimeo(f->sub, 0);
    zsock_set_rcvhwm(f->sub, 100000);
    if (apply_curve(f, err, errlen))
        return -1;
    char topic[128];
    snprintf(topic, sizeof topic, "%s.", f->name);
    zsock_set_subscribe(f->sub, topic);
    if (zsock_connect(f->sub, "%s", f->publish_endpoint)
        || zsock_connect(f->dealer, "%s", f->request_endpoint))
        return snprintf(err, errlen, "cannot connect to %s / %s", f->request_endpoint,
                        f->publish_endpoint), -1;
    if (fc_server_add_reader(f->server, f->sub, on_sub, f)
        || fc_server_add_reader(f->server, f->dealer, on_dealer, f)
        || (f->timer = fc_server_add_timer(f->server, TICK_MS, 0, on_tick, f)) < 0)
        return snprintf(err, errlen, "cannot add the follower to the loop"), -1;
    return 0;
}

static int init(fc_follower_t *f, const fc_follower_def_t *def, char *err, size_t errlen)
{
    f->def = *def;
    f->name = strdup(def->name ? def->name : "");
    f->request_endpoint = strdup(def->request_endpoint ? def->request_endpoint : "");
    f->publish_endpoint = strdup(def->publish_endpoint ? def->publish_endpoint : "");
    if (!f->name || !f->request_endpoint || !f->publish_endpoint)
        return snprintf(err, errlen, "out of memory"), -1;
    if (!*f->name || !*f->request_endpoint || !*f->publish_endpoint || !def->apply)
        return snprintf(err, errlen, "a follower needs a name, both endpoints and apply"), -1;
    if (fc_envelope_init(&f->env, def->request_desc, def->reply_desc, def->event_desc, err, errlen))
        return -1;
    snprintf(f->key_seq, sizeof f->key_seq, "follow.%s.seq", f->name);
    snprintf(f->key_rebuild, sizeof f->key_rebuild, "follow.%s.rebuild", f->name);
    snprintf(f->key_base, sizeof f->key_base, "follow.%s.base", f->name);
    snprintf(f->key_cursor, sizeof f->key_cursor, "follow.%s.cursor", f->name);
    return 0;
}

fc_follower_t *fc_follower_new(fc_server_t *server, const fc_follower_def_t *def, char *err,
                               size_t errlen)
{
    fc_follower_t *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    f->server = server;
    f->timer = -1;
    loaded_t l = { .f = f };
    char msg[256];
    if (init(f, def, err, errlen) || open_sockets(f, err, errlen)) {
        fc_follower_destroy(&f);
        return NULL;
    }
    if (fc_server_read(server, load_work, &l, msg, sizeof msg)) {
        snprintf(err, errlen, "cannot read the follower's position: %s", msg);
        fc_follower_destroy(&f);
        return NULL;
    }
    f->base_set = l.base != 0;
    f->base = l.base ? l.base - 1 : 0;
    f->leader_seq = f->position;
    if (l.rebuilding) {
        f->state = ST_REBUILD;   /* resume at the stored cursor */
        request_page(f);
    } else if (f->position == 0 && !f->base_set) {
        start_rebuild(f, "first start");
    } else {
        start_catchup(f);
    }
    return f;
}

void fc_follower_destroy(fc_follower_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    fc_follower_t *f = *self_p;
    if (f->timer >= 0)
        fc_server_cancel_timer(f->server, f->timer);
    if (f->sub)
        fc_server_remove_reader(f->server, f->sub);
    if (f->dealer)
        fc_server_remove_reader(f->server, f->dealer);
    zsock_destroy(&f->sub);
    zsock_destroy(&f->dealer);
    zcert_destroy(&f->cert);
    free(f->pending_bytes);
    free(f->name);
    free(f->request_endpoint);
    free(f->publish_endpoint);
    free(f);
    *self_p = NULL;
}

fc_follower_stats_t fc_follower_stats(const fc_follower_t *f)
{
    return (fc_follower_stats_t){ .position = f->position, .leader_seq = f->leader_seq,
                                  .live = f->state == ST_LIVE, .rebuilds = f->rebuilds,
                                  .gaps_filled = f->gaps_filled };
}
