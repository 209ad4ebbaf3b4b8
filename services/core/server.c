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
    if (self->cfg->has_today)
        return self->cfg->today;
    /* localtime_r on every batch was a visible share of a small read: the
     * date is worked out again only when the second has changed. */
    time_t now = time(NULL);
    if (now != self->clock_second || !self->clock_second) {
        self->clock_today = fc_date_today_at(now);
        self->clock_second = now;
    }
    return self->clock_today;
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
    if (zmq_msg_init_size(&call->payload, size))
        return -1;
    call->has_payload = true;
    if (size)
        memcpy(zmq_msg_data(&call->payload), payload, size);
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

/* ------------------------------------------------------------ run */

static int on_heartbeat(fc_server_t *self, void *arg)
{
    (void)arg;
    return fc__heartbeat(self);
}

static fc_status_t purge_work(fc_call_t *call, void *arg)
{
    size_t *removed = arg;
    return fc__purge_requests(call, fc__now_ms(), PURGE_SLICE, removed);
}

static int on_purge(fc_server_t *self, void *arg)
{
    (void)arg;
    size_t removed = 0;
    if (fc_server_transact(self, "purge-requests", purge_work, &removed, NULL, 0) == FC_OK
        && removed)
        fc_info("%s: removed %zu request records older than %d days", self->def->name, removed,
                self->cfg->retention_days);
    return 0;
}

int fc_server_run(fc_server_t *self)
{
    if (fc_server_add_timer(self, (size_t)self->cfg->heartbeat_ms, 0, on_heartbeat, NULL) < 0
        || fc_server_add_timer(self, PURGE_INTERVAL_MS, 0, on_purge, NULL) < 0) {
        fc_error("%s: cannot set up the loop", self->def->name);
        return -1;
    }
    fc_info("%s: serving on %s, events on %s", self->def->name, zsock_endpoint(self->router),
            zsock_endpoint(self->pub));
    /* Purge once at start: a service down for weeks should not carry the
     * backlog until the first timer. */
    on_purge(self, NULL);
    int rc = fc__loop(self);
    fc_info("%s: stopped", self->def->name);
    return rc;
}
