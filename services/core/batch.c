/* Taking requests and processing them in batches.
 *
 * Per request: receive the frames, check the size and the wire bytes
 * (pbscan.c), unpack, route, check the request id. Per batch: one write
 * transaction when any request writes (each write in a nested transaction
 * of its own), one commit, then the events, then the replies. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fcavtal/log.h"
#include "fcavtal/pb.h"
#include "fault.h"
#include "fcavtal/pbscan.h"
#include "runtime.h"

/* ------------------------------------------------------------ intake */

/* Every request passes here: two copies instead of a printf. */
static void set_actor(fc_call_t *call)
{
    const char *key = call->has_payload ? zmq_msg_gets(&call->payload, "User-Id") : NULL;
    const char *stated = fc_envelope_actor(&call->server->env, call->request);
    const char *prefix = key && *key ? "curve:" : "local:";
    const char *name = key && *key ? key : *stated ? stated : "anonymous";
    size_t p = strlen(prefix), n = strlen(name);
    if (n > sizeof call->actor - p - 1)
        n = sizeof call->actor - p - 1;
    memcpy(call->actor, prefix, p);
    memcpy(call->actor + p, name, n);
    call->actor[p + n] = '\0';
    fc_utf8_trim(call->actor);
}

static int scan(fc_server_t *self, fc_call_t *call, const uint8_t *data, size_t size)
{
    fc_pbscan_t s = { .max_elements = self->cfg->max_elements,
                      .max_repeated = self->cfg->max_repeated };
    fc_status_t st = fc_pbscan(self->def->request_desc, data, size, &s);
    if (st == FC_OK)
        return 0;
    if (st == FC_INVALID_ARGUMENT && !s.path[0])
        fc__error_reply(call, st, "malformed request: not a valid %s message",
                        self->def->request_desc->name);
    else if (st == FC_INVALID_ARGUMENT)
        fc__error_reply(call, st, "malformed request: field '%s' %s", s.path, s.problem);
    else
        fc__error_reply(call, st, "request too large: %s%s%s", s.problem, s.path[0] ? " at " : "",
                        s.path);
    return -1;
}

static int unpack(fc_server_t *self, fc_call_t *call, const uint8_t *data, size_t size)
{
    call->request = protobuf_c_message_unpack(self->def->request_desc, &call->allocator, size, data);
    if (call->request)
        return 0;
    if (call->heap_used + size > call->heap_budget)
        fc__error_reply(call, FC_RESOURCE_EXHAUSTED,
                        "request too large: decoding it would take more than %zu MiB",
                        call->heap_budget >> 20);
    else
        fc__error_reply(call, FC_INVALID_ARGUMENT, "malformed request: not a valid %s message",
                        self->def->request_desc->name);
    return -1;
}

static const fc_route_t *route_of(fc_server_t *self, fc_call_t *call)
{
    uint32_t which = fc_envelope_case(&self->env, call->request);
    const fc_route_t *route = which < self->n_cases ? self->by_case[which] : NULL;
    if (!route) {
        if (which)
            fc__error_reply(call, FC_UNIMPLEMENTED, "unknown request body (field %u)", which);
        else
            fc__error_reply(call, FC_UNIMPLEMENTED, "request has no body");
        return NULL;
    }
    call->body = fc_envelope_body(call->request, fc_envelope_body_field(&self->env, which));
    return route;
}

void fc__intake(fc_server_t *self, fc_call_t *call)
{
    size_t size = zmq_msg_size(&call->payload);
    const uint8_t *data = zmq_msg_data(&call->payload);
    if (size > self->cfg->max_request) {
        fc__error_reply(call, FC_RESOURCE_EXHAUSTED,
                        "request of %zu bytes exceeds the limit of %zu bytes", size,
                        self->cfg->max_request);
        return;
    }
    if (scan(self, call, data, size) || unpack(self, call, data, size))
        return;
    const char *id = fc_envelope_request_id(&self->env, call->request);
    size_t id_len = strlen(id);
    if (id_len > FC_REQUEST_ID_MAX) {
        fc__error_reply(call, FC_INVALID_ARGUMENT, "request_id is %zu bytes; at most %d are allowed",
                        id_len, FC_REQUEST_ID_MAX);
        return;
    }
    memcpy(call->request_id, id, id_len + 1);
    set_actor(call);
    const fc_route_t *route = route_of(self, call);
    if (!route)
        return;
    if (route->access == FC_WRITE && id_len == 0) {
        fc__error_reply(call, FC_INVALID_ARGUMENT,
                        "%s changes data and needs a request_id of 1 to %d bytes", route->name,
                        FC_REQUEST_ID_MAX);
        return;
    }
    call->route = route;
}

/* ------------------------------------------------------------ receiving */

/* Receives [identity][empty][payload] (DEALER/REQ) or [identity][payload].
 * Frames are taken as libzmq messages rather than zframes or a zmsg: that
 * saves an allocation per frame on every request. 0 taken, 1 nothing
 * waiting. */
static int receive(fc_server_t *self, fc_call_t *call)
{
    void *sock = self->router_handle;
    zmq_msg_init(&call->identity);
    if (zmq_msg_recv(&call->identity, sock, 0) < 0) {
        zmq_msg_close(&call->identity);
        return 1;
    }
    call->has_identity = true;
    zmq_msg_t frames[2];
    size_t n = 0;
    bool extra = false, more = zmq_msg_more(&call->identity);
    while (more) {
        zmq_msg_t scratch, *frame = n < 2 ? &frames[n] : &scratch;
        zmq_msg_init(frame);
        if (zmq_msg_recv(frame, sock, 0) < 0) {
            zmq_msg_close(frame);
            break;
        }
        more = zmq_msg_more(frame);
        if (frame == &scratch) {
            extra = true;
            zmq_msg_close(frame);
        } else {
            n++;
        }
    }
    /* An empty first frame is the delimiter: every reply to such a request,
     * errors included, comes back with one. */
    call->delimited = n >= 1 && zmq_msg_size(&frames[0]) == 0 && (n == 2 || extra);
    extra |= n == 2 && !call->delimited;
    if (n) {
        zmq_msg_init(&call->payload);
        zmq_msg_move(&call->payload, &frames[n - 1]);
        zmq_msg_close(&frames[n - 1]);
        call->has_payload = true;
    }
    if (n == 2)
        zmq_msg_close(&frames[0]);
    if (n == 0) {
        fc__error_reply(call, FC_INVALID_ARGUMENT, "a request needs a payload frame");
        return 0;
    }
    if (extra)
        fc__error_reply(call, FC_INVALID_ARGUMENT,
                        "a request is one payload frame, after an optional empty delimiter");
    else
        fc__intake(self, call);
    return 0;
}

/* ------------------------------------------------------------ handling */

static fc_status_t run_handler(fc_server_t *self, fc_call_t *call, MDB_txn *txn)
{
    ProtobufCMessage *reply = fc__fault("reply-alloc")
                                  ? NULL
                                  : fc_envelope_reply_new(&self->env, &call->reply_allocator);
    if (!reply) {
        call->emergency = true;
        return FC_RESOURCE_EXHAUSTED;
    }
    call->txn = txn;
    fc_status_t code = call->route->handler(call, call->body, reply);
    /* Only writes move the sequence: a read uses the value cached at the
     * last commit instead of looking it up per request. */
    uint64_t seq = self->seq;
    if (call->route->access == FC_WRITE && code == FC_OK) {
        fc_status_t st = fc_store_counter_get(txn, self->store, "seq", &seq);
        if (st)
            code = fc_call_fail(call, st, "cannot read the event sequence");
    }
    const char *borrowed = code == FC_OK ? fc__reply_borrows(call, reply) : NULL;
    if (borrowed) {
        fc_error("%s: the reply's field '%s' points into the request's memory (a handler bug)",
                 call->route->name, borrowed);
        fc__reply_sever(call, reply);
        code = fc_call_fail(call, FC_INTERNAL, "internal error building the reply");
    }
    if (code != FC_OK)
        fc_debug("%s %s: %s", call->route->name, fc_status_name(code), call->message);
    if (fc__pack_reply(call, reply, code, seq) && code == FC_OK)
        code = FC_RESOURCE_EXHAUSTED;   /* no reply to acknowledge it with: undo */
    call->txn = NULL;
    return code;
}

/* Was this request id recorded by an earlier write of the same batch? Its
 * record is then not committed yet, and a failed commit takes it away. */
static bool remembered_in_batch(const fc_call_t *calls, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (calls[j].remembered && strcmp(calls[j].request_id, calls[i].request_id) == 0)
            return true;
    return false;
}

/* One mutation inside the batch's write transaction, in a nested transaction
 * so that its failure undoes only its own changes. */
static void handle_write(fc_server_t *self, fc_call_t *calls, size_t i, MDB_txn *parent)
{
    fc_call_t *call = &calls[i];
    uint8_t hash[FC_DIGEST_SIZE];
    fc__digest(zmq_msg_data(&call->payload), zmq_msg_size(&call->payload), hash);
    int replayed = fc__replay(self, call, parent, hash);
    if (replayed > 0)
        call->replay_uncommitted = remembered_in_batch(calls, i);
    if (replayed)
        return;
    MDB_txn *child;
    int rc = mdb_txn_begin(fc_store_env(self->store), parent, 0, &child);
    if (rc) {
        fc__error_reply(call, fc_status_from_mdb(rc), "cannot begin a transaction: %s",
                        mdb_strerror(rc));
        return;
    }
    if (run_handler(self, call, child) != FC_OK) {
        mdb_txn_abort(child);
        fc__discard_events(call->events);
        return;
    }
    fc_status_t st = fc__remember(self, call, child, hash);
    rc = st ? 0 : mdb_txn_commit(child);   /* commit frees child even on failure */
    if (!st && !rc) {
        zmsg_t *event;
        while ((event = zlist_pop(call->events)))
            zlist_append(self->outbox, event);
        return;
    }
    if (st)
        mdb_txn_abort(child);
    call->remembered = false;
    fc__discard_events(call->events);
    /* The handler said OK but its change is gone: the reply must not say OK. */
    fc_error("%s: could not record the change: %s", call->route->name,
             st ? fc_status_name(st) : mdb_strerror(rc));
    fc__error_reply(call, st ? st : fc_status_from_mdb(rc), "the change could not be saved: %s",
                    st ? fc_status_name(st) : mdb_strerror(rc));
}

MDB_txn *fc__read_txn(fc_server_t *self)
{
    int rc = self->read_txn ? mdb_txn_renew(self->read_txn)
                            : mdb_txn_begin(fc_store_env(self->store), NULL, MDB_RDONLY,
                                            &self->read_txn);
    if (rc) {
        fc_error("cannot begin a read transaction: %s", mdb_strerror(rc));
        if (self->read_txn)
            mdb_txn_abort(self->read_txn);
        self->read_txn = NULL;
    }
    return self->read_txn;
}

/* After a failed commit nothing of the batch's writes exists, and reads in
 * the batch may have seen them: every reply says so, except a replay of a
 * record committed by an earlier batch, which stays true. */
static void fail_batch(fc_call_t *calls, size_t n, int rc)
{
    for (size_t i = 0; i < n; i++) {
        if (!calls[i].route || (calls[i].replayed && !calls[i].replay_uncommitted))
            continue;
        calls[i].emergency = false;
        fc__error_reply(&calls[i], fc_status_from_mdb(rc), "the change could not be saved: %s",
                        mdb_strerror(rc));
    }
}

static bool any_write(const fc_call_t *calls, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (calls[i].route && calls[i].route->access == FC_WRITE)
            return true;
    return false;
}

void fc__process(fc_server_t *self, fc_call_t *calls, size_t n)
{
    bool writes = any_write(calls, n);
    MDB_txn *txn = NULL;
    int rc = writes ? mdb_txn_begin(fc_store_env(self->store), NULL, 0, &txn) : 0;
    if (!writes)
        txn = fc__read_txn(self);
    for (size_t i = 0; i < n; i++) {
        fc_call_t *call = &calls[i];
        if (!call->route)
            continue;
        if (rc || !txn)
            fc__error_reply(call, FC_UNAVAILABLE, "storage is unavailable: %s",
                            rc ? mdb_strerror(rc) : "no read transaction");
        else if (call->route->access == FC_WRITE)
            handle_write(self, calls, i, txn);
        else
            run_handler(self, call, txn);
    }
    if (!txn)
        return;
    if (!writes) {
        mdb_txn_reset(txn);
        return;
    }
    uint64_t seq = self->seq;
    fc_status_t st = fc_store_counter_get(txn, self->store, "seq", &seq);
    bool injected = !st && fc__fault("commit");
    rc = st ? MDB_PANIC : injected ? ENOSPC : mdb_txn_commit(txn);  /* the one fsync of the batch */
    if (st || injected)
        mdb_txn_abort(txn);
    if (rc == 0) {
        self->seq = seq;
        return;
    }
    fc_error("%s: commit failed: %s", self->def->name, mdb_strerror(rc));
    fail_batch(calls, n, rc);
    fc__discard_events(self->outbox);
}

/* ------------------------------------------------------------ batches */

/* Looking for a second request costs libzmq a poll and a getpid when none
 * is waiting: for one request at a time, the only syscalls a get made
 * beyond a bare echo. A write always looks (its batch shares one commit);
 * a read looks while requests come pipelined, and otherwise once in
 * PROBE_EVERY batches, to notice when they start to. */
#define PROBE_EVERY 16

static bool worth_probing(fc_server_t *self, const fc_call_t *first)
{
    if ((first->route && first->route->access == FC_WRITE) || self->probe_skips == 0)
        return true;
    self->probe_skips--;
    return false;
}

/* Takes every request already waiting, up to --batch-max requests and
 * --batch-bytes of payload, so that their writes share one commit. */
static size_t take_batch(fc_server_t *self, int wait_ms)
{
    size_t n = 0, bytes = 0;
    /* The first receive blocks (a signal interrupts it); the rest only take
     * what has already arrived. */
    zsock_set_rcvtimeo(self->router, wait_ms);
    while (n < self->n_calls && bytes < self->cfg->batch_bytes) {
        fc_call_t *call = &self->calls[n];
        if (n == 1 && !worth_probing(self, &self->calls[0]))
            break;
        int rc = receive(self, call);
        if (n == 0 && wait_ms != 0)
            zsock_set_rcvtimeo(self->router, 0);
        if (rc) {
            if (n == 1)
                self->probe_skips = PROBE_EVERY - 1;
            break;
        }
        if (n == 1)
            self->probe_skips = 0;
        bytes += call->has_payload ? zmq_msg_size(&call->payload) : 0;
        n++;
    }
    return n;
}

int fc__serve_batch(fc_server_t *self, int wait_ms)
{
    size_t n = take_batch(self, wait_ms);
    if (n == 0)
        return 0;
    /* One date for the whole batch, taken once it has arrived. */
    fc_date_t today = fc_server_today(self);
    for (size_t i = 0; i < n; i++)
        self->calls[i].today = today;
    self->in_batch = true;
    fc__process(self, self->calls, n);
    self->in_batch = false;
    /* Events go out before the replies: a client holding the reply to a
     * change knows its event has already been published. */
    fc__publish_outbox(self);
    for (size_t i = 0; i < n; i++) {
        fc__send_reply(self, &self->calls[i]);
        fc__call_reset(&self->calls[i]);
    }
    return 0;
}
