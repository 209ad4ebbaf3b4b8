/* Set-up, the loop, readers, timers and work no request started. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "runtime.h"
#include "security.h"

/* Idempotency records are purged in slices, so one purge never holds the
 * write lock long. */
#define PURGE_INTERVAL_MS 60000
#define PURGE_SLICE 10000

typedef struct {
    fc_server_t *server;
    zsock_t *sock;
    fc_reader_fn fn;
    void *arg;
} reader_t;

typedef struct {
    fc_server_t *server;
    int id;
    fc_timer_fn fn;
    void *arg;
} timer_t_;

const char *fc_server_name(const fc_server_t *self) { return self->def->name; }
const fc_config_t *fc_server_config(const fc_server_t *self) { return self->cfg; }
fc_store_t *fc_server_store(fc_server_t *self) { return self->store; }
void *fc_server_state(fc_server_t *self) { return self->state; }
uint64_t fc_server_seq(const fc_server_t *self) { return self->seq; }

/* ------------------------------------------------------------ today */

static bool stored_today(fc_server_t *self, fc_date_t *out)
{
    MDB_txn *txn;
    uint64_t v = 0;
    if (mdb_txn_begin(fc_store_env(self->store), NULL, MDB_RDONLY, &txn))
        return false;
    fc_status_t st = fc_store_counter_get(txn, self->store, "today", &v);
    mdb_txn_abort(txn);
    if (st || v == 0)
        return false;
    *out = fc_date_from_days((int64_t)v - (1 << 30));
    return true;
}

fc_date_t fc_server_today(fc_server_t *self)
{
    fc_date_t d;
    /* Under --simulate the date set_today stored wins over --today: a
     * restarted simulation goes on where it was, never back. */
    if (self->cfg->simulate && stored_today(self, &d)
        && (!self->cfg->has_today || fc_date_cmp(d, self->cfg->today) > 0))
        return d;
    return self->cfg->has_today ? self->cfg->today : fc_date_today();
}

/* ------------------------------------------------------------ readers, timers */

static int on_reader(zloop_t *loop, zsock_t *sock, void *arg)
{
    (void)loop, (void)sock;
    reader_t *r = arg;
    return r->fn(r->server, r->sock, r->arg);
}

int fc_server_add_reader(fc_server_t *self, zsock_t *sock, fc_reader_fn fn, void *arg)
{
    reader_t *r = malloc(sizeof *r);
    if (!r)
        return -1;
    *r = (reader_t){ self, sock, fn, arg };
    if (zlist_append(self->readers, r) || zloop_reader(self->loop, sock, on_reader, r)) {
        zlist_remove(self->readers, r);
        free(r);
        return -1;
    }
    /* Keep serving when a peer misbehaves: a reader error is the reader's to report. */
    zloop_reader_set_tolerant(self->loop, sock);
    return 0;
}

void fc_server_remove_reader(fc_server_t *self, zsock_t *sock)
{
    zloop_reader_end(self->loop, sock);
    for (reader_t *r = zlist_first(self->readers); r; r = zlist_next(self->readers))
        if (r->sock == sock) {
            zlist_remove(self->readers, r);
            free(r);
            return;
        }
}

static int on_timer(zloop_t *loop, int timer_id, void *arg)
{
    (void)loop, (void)timer_id;
    timer_t_ *t = arg;
    return t->fn(t->server, t->arg);
}

int fc_server_add_timer(fc_server_t *self, size_t delay_ms, size_t times, fc_timer_fn fn,
                        void *arg)
{
    timer_t_ *t = malloc(sizeof *t);
    if (!t)
        return -1;
    *t = (timer_t_){ self, -1, fn, arg };
    t->id = zloop_timer(self->loop, delay_ms, times, on_timer, t);
    if (t->id < 0 || zlist_append(self->timers, t)) {
        if (t->id >= 0)
            zloop_timer_end(self->loop, t->id);
        free(t);
        return -1;
    }
    return t->id;
}

void fc_server_cancel_timer(fc_server_t *self, int timer_id)
{
    /* The trampoline stays until the end: zloop may still hold it for a
     * timer that is firing right now. */
    zloop_timer_end(self->loop, timer_id);
}

/* ------------------------------------------------------------ internal work */

static fc_call_t *internal_call(fc_server_t *self, const char *what)
{
    fc_call_t *call = &self->internal;
    fc__call_reset(call);
    call->internal = true;
    call->today = fc_server_today(self);
    snprintf(call->actor, sizeof call->actor, "service:%s", self->def->name);
    snprintf(call->request_id, sizeof call->request_id, "%s", what ? what : "");
    return call;
}

static fc_status_t finish_work(fc_server_t *self, fc_call_t *call, const char *what,
                               fc_status_t st, char *msg, size_t msglen)
{
    if (st != FC_OK) {
        fc_warn("%s: %s: %s: %s", self->def->name, what, fc_status_name(st), call->message);
        if (msg && msglen)
            snprintf(msg, msglen, "%s", call->message[0] ? call->message : fc_status_name(st));
    }
    fc__call_reset(call);
    return st;
}

fc_status_t fc_server_transact(fc_server_t *self, const char *what, fc_work_fn fn, void *arg,
                               char *msg, size_t msglen)
{
    if (self->in_batch) {
        fc_error("%s: %s: internal work started inside a request", self->def->name, what);
        return FC_FAILED_PRECONDITION;
    }
    fc_call_t *call = internal_call(self, what);
    MDB_txn *txn;
    int rc = mdb_txn_begin(fc_store_env(self->store), NULL, 0, &txn);
    if (rc) {
        fc_call_fail(call, fc_status_from_mdb(rc), "cannot begin a transaction: %s", mdb_strerror(rc));
        return finish_work(self, call, what, fc_status_from_mdb(rc), msg, msglen);
    }
    call->txn = txn;
    fc_status_t st = fn(call, arg);
    uint64_t seq = self->seq;
    if (!st)
        st = fc_store_counter_get(txn, self->store, "seq", &seq);
    if (st) {
        mdb_txn_abort(txn);
        return finish_work(self, call, what, st, msg, msglen);
    }
    if ((rc = mdb_txn_commit(txn)) != 0) {
        fc_call_fail(call, fc_status_from_mdb(rc), "commit failed: %s", mdb_strerror(rc));
        return finish_work(self, call, what, fc_status_from_mdb(rc), msg, msglen);
    }
    self->seq = seq;
    zmsg_t *event;
    while ((event = zlist_pop(call->events)))
        zlist_append(self->outbox, event);
    fc__publish_outbox(self);
    return finish_work(self, call, what, FC_OK, msg, msglen);
}

fc_status_t fc_server_read(fc_server_t *self, fc_work_fn fn, void *arg, char *msg, size_t msglen)
{
    fc_call_t *call = internal_call(self, "read");
    MDB_txn *txn;
    int rc = mdb_txn_begin(fc_store_env(self->store), NULL, MDB_RDONLY, &txn);
    if (rc) {
        fc_call_fail(call, fc_status_from_mdb(rc), "cannot begin a read transaction");
        return finish_work(self, call, "read", fc_status_from_mdb(rc), msg, msglen);
    }
    call->txn = txn;
    fc_status_t st = fn(call, arg);
    mdb_txn_abort(txn);
    return finish_work(self, call, "read", st, msg, msglen);
}

int fc_server_handle_payload(fc_server_t *self, const void *payload, size_t size,
                             uint8_t **reply, size_t *reply_size)
{
    fc_call_t *call = &self->calls[0];
    *reply = NULL;
    *reply_size = 0;
    call->payload = zframe_new(payload, size);
    if (!call->payload)
        return -1;
    call->today = fc_server_today(self);
    fc__intake(self, call);
    self->in_batch = true;
    fc__process(self, call, 1);
    self->in_batch = false;
    fc__publish_outbox(self);
    int rc = -1;
    if (call->reply && (*reply = malloc(zframe_size(call->reply) + 1))) {
        *reply_size = zframe_size(call->reply);
        memcpy(*reply, zframe_data(call->reply), *reply_size);
        rc = 0;
    }
    fc__call_reset(call);
    return rc;
}

/* ------------------------------------------------------------ loop */

static int on_requests(zloop_t *loop, zsock_t *sock, void *arg)
{
    (void)loop, (void)sock;
    return fc__serve_batch(arg);
}

static int on_heartbeat(zloop_t *loop, int timer_id, void *arg)
{
    (void)loop, (void)timer_id;
    return fc__heartbeat(arg);
}

static fc_status_t purge_work(fc_call_t *call, void *arg)
{
    size_t *removed = arg;
    return fc__purge_requests(call, fc__now_ms(), PURGE_SLICE, removed);
}

static int on_purge(zloop_t *loop, int timer_id, void *arg)
{
    (void)loop, (void)timer_id;
    fc_server_t *self = arg;
    size_t removed = 0;
    if (fc_server_transact(self, "purge-requests", purge_work, &removed, NULL, 0) == FC_OK
        && removed)
        fc_info("%s: removed %zu request records older than %d days", self->def->name, removed,
                self->cfg->retention_days);
    return 0;
}

int fc_server_run(fc_server_t *self)
{
    if (zloop_reader(self->loop, self->router, on_requests, self)
        || zloop_timer(self->loop, (size_t)self->cfg->heartbeat_ms, 0, on_heartbeat, self) < 0
        || zloop_timer(self->loop, PURGE_INTERVAL_MS, 0, on_purge, self) < 0) {
        fc_error("%s: cannot set up the loop", self->def->name);
        return -1;
    }
    fc_info("%s: serving on %s, events on %s", self->def->name, zsock_endpoint(self->router),
            zsock_endpoint(self->pub));
    /* Purge once at start: a service down for weeks should not carry the
     * backlog until the first timer. */
    on_purge(self->loop, 0, self);
    int rc = zloop_start(self->loop);
    fc_info("%s: stopped", self->def->name);
    return rc < 0 && !zsys_interrupted ? -1 : 0;
}
