#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call.h"
#include "envelope.h"
#include "security.h"
#include "fcavtal/log.h"
#include "fcavtal/pb.h"

/* Longest request id kept for idempotency (an LMDB key is at most 511 bytes). */
#define MAX_REQUEST_ID 128
#define DIGEST_SIZE 20

struct fc_server_t {
    const fc_service_def_t *def;
    const fc_config_t *cfg;
    void *state;
    fc_envelope_t envelope;
    fc_store_t *store;
    MDB_dbi events_dbi, requests_dbi;
    MDB_txn *read_txn;          /* reset between batches, renewed on use */
    uint64_t seq;               /* event sequence as last committed */
    zsock_t *router;
    zsock_t *pub;
    zactor_t *auth;
    fc_call_t *calls;           /* one per request of a batch */
    zlist_t *outbox;            /* events to publish after the commit */
};

fc_store_t *fc_server_store(fc_server_t *self) { return self->store; }

const char *fc_call_request_id(fc_call_t *call)
{
    return call->request ? fc_envelope_request_id(&call->server->envelope, call->request) : "";
}

/* ------------------------------------------------------------ replies */

int fc_call_finish_reply(fc_call_t *call, ProtobufCMessage *reply, fc_status_t code)
{
    const fc_envelope_t *env = &call->server->envelope;
    Fcavtal__V1__Status *st = call->status;
    if (!st) {
        st = malloc(sizeof *st);
        if (!st)
            return -1;
        fcavtal__v1__status__init(st);
    }
    call->status = NULL;
    st->code = (Fcavtal__V1__Code)code;
    const char *text = call->message[0] ? call->message
                       : code == FC_OK ? "ok" : fc_status_name(code);
    char full[1024];
    /* A message that does not yet say which field is wrong gets the first
     * violation appended, so a person reading only the message can act. */
    if (code != FC_OK && st->n_violations && !strstr(text, st->violations[0]->field)) {
        snprintf(full, sizeof full, "%s: %s: %s", text, st->violations[0]->field,
                 st->violations[0]->description);
        fc_utf8_trim(full);
        text = full;
    }
    char *copy = strdup(text);
    if (copy)
        st->message = copy;
    fc_envelope_set_status(env, reply, st);
    fc_envelope_set_warnings(env, reply, call->warnings, call->n_warnings);
    call->warnings = NULL;
    call->n_warnings = 0;
    if (code != FC_OK)
        fc_envelope_clear_body(env, reply);
    return fc_envelope_set_request_id(env, reply,
                                      call->request ? fc_call_request_id(call) : NULL);
}

/* Packs the reply into call->reply and frees it. */
static void pack_reply(fc_call_t *call, ProtobufCMessage *reply, fc_status_t code, uint64_t seq)
{
    fc_envelope_set_seq(&call->server->envelope, reply, seq);
    if (fc_call_finish_reply(call, reply, code))
        fc_error("out of memory finishing a reply");
    size_t size = protobuf_c_message_get_packed_size(reply);
    call->reply = zframe_new(NULL, size);
    if (call->reply)
        protobuf_c_message_pack(reply, zframe_data(call->reply));
    protobuf_c_message_free_unpacked(reply, NULL);
}

/* A reply carrying only a status, for requests that never reached a handler. */
static void error_reply(fc_call_t *call, fc_status_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void error_reply(fc_call_t *call, fc_status_t code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(call->message, sizeof call->message, fmt, ap);
    va_end(ap);
    fc_utf8_trim(call->message);
    ProtobufCMessage *reply = fc_envelope_reply_new(&call->server->envelope);
    if (reply)
        pack_reply(call, reply, code, 0);
}

/* ------------------------------------------------------------ intake */

static void set_actor(fc_call_t *call)
{
    const char *key = zframe_meta(call->payload, "User-Id");
    const char *stated = fc_envelope_actor(&call->server->envelope, call->request);
    if (key && *key)
        snprintf(call->actor, sizeof call->actor, "curve:%s", key);
    else
        snprintf(call->actor, sizeof call->actor, "local:%s", *stated ? stated : "anonymous");
    fc_utf8_trim(call->actor);
}

/* Checks size, unpacks and routes; on any failure leaves an error reply. */
static void intake(fc_server_t *self, fc_call_t *call)
{
    size_t size = zframe_size(call->payload);
    if (size > self->cfg->max_request) {
        error_reply(call, FC_RESOURCE_EXHAUSTED,
                    "request of %zu bytes exceeds the limit of %zu bytes", size,
                    self->cfg->max_request);
        return;
    }
    call->request = protobuf_c_message_unpack(self->def->request_desc, &call->allocator, size,
                                              zframe_data(call->payload));
    if (!call->request) {
        error_reply(call, FC_INVALID_ARGUMENT, "malformed request: not a valid %s message",
                    self->def->request_desc->name);
        return;
    }
    const char *bad_field = NULL;
    if (!fc_pb_strings_valid(call->request, &bad_field)) {
        error_reply(call, FC_INVALID_ARGUMENT, "malformed request: field '%s' is not valid UTF-8",
                    bad_field);
        return;
    }
    set_actor(call);
    uint32_t which = fc_envelope_case(&self->envelope, call->request);
    const fc_route_t *route = which < self->def->n_routes ? &self->def->routes[which] : NULL;
    if (!route || !route->handler) {
        error_reply(call, FC_UNIMPLEMENTED,
                    which ? "unknown request body (field %u)" : "request has no body%.0u",
                    which);
        return;
    }
    size_t id_len = strlen(fc_call_request_id(call));
    if (route->access == FC_WRITE && (id_len == 0 || id_len > MAX_REQUEST_ID)) {
        error_reply(call, FC_INVALID_ARGUMENT,
                    "%s changes data and needs a request_id of 1 to %d bytes", route->name,
                    MAX_REQUEST_ID);
        return;
    }
    call->route = route;
}

/* Receives [identity][empty][payload] (DEALER/REQ) or [identity][payload].
 * Frames are taken one by one rather than as a zmsg: that saves the message
 * and list allocations on every request. */
static int receive(fc_server_t *self, fc_call_t *call)
{
    call->identity = zframe_recv(self->router);
    if (!call->identity)
        return -1;
    zframe_t *frames[2] = { NULL, NULL }, *last = call->identity;
    size_t n = 0;
    bool extra = false;
    while (zframe_more(last)) {
        zframe_t *frame = zframe_recv(self->router);
        if (!frame)
            break;
        if (n < 2) {
            frames[n++] = frame;
            last = frame;
        } else {
            extra = true;
            bool more = zframe_more(frame);
            zframe_destroy(&frame);
            if (!more)
                break;
        }
    }
    call->delimited = n == 2 && zframe_size(frames[0]) == 0;
    extra |= n == 2 && !call->delimited;
    call->payload = n ? frames[n - 1] : NULL;
    if (n == 2)
        zframe_destroy(&frames[0]);
    if (!call->payload) {
        fc_warn("dropped a request without a payload");
        return 1;
    }
    if (extra)
        error_reply(call, FC_INVALID_ARGUMENT,
                    "a request is one payload frame, after an optional empty delimiter");
    else
        intake(self, call);
    return 0;
}

/* ------------------------------------------------------------ handling */

static void digest(zframe_t *payload, uint8_t out[DIGEST_SIZE])
{
    zdigest_t *d = zdigest_new();
    zdigest_update(d, zframe_data(payload), zframe_size(payload));
    memcpy(out, zdigest_data(d), DIGEST_SIZE);
    zdigest_destroy(&d);
}

/* A retried mutation gets the first reply again. 1 when answered from the
 * record, 0 when the request is new, -1 on error (reply set). */
static int replay(fc_server_t *self, fc_call_t *call, MDB_txn *txn, const uint8_t hash[DIGEST_SIZE])
{
    const char *id = fc_call_request_id(call);
    MDB_val key = { strlen(id), (void *)id }, val;
    int rc = mdb_get(txn, self->requests_dbi, &key, &val);
    if (rc == MDB_NOTFOUND)
        return 0;
    if (rc || val.mv_size < DIGEST_SIZE) {
        error_reply(call, FC_INTERNAL, "cannot read the request record");
        return -1;
    }
    if (memcmp(val.mv_data, hash, DIGEST_SIZE) != 0) {
        error_reply(call, FC_ALREADY_EXISTS,
                    "request id '%s' was already used for a different request", id);
        return -1;
    }
    call->reply = zframe_new((uint8_t *)val.mv_data + DIGEST_SIZE, val.mv_size - DIGEST_SIZE);
    call->replayed = true;
    return 1;
}

static fc_status_t remember(fc_server_t *self, fc_call_t *call, MDB_txn *txn,
                            const uint8_t hash[DIGEST_SIZE])
{
    const char *id = fc_call_request_id(call);
    MDB_val key = { strlen(id), (void *)id };
    MDB_val val = { DIGEST_SIZE + zframe_size(call->reply), NULL };
    int rc = mdb_put(txn, self->requests_dbi, &key, &val, MDB_RESERVE);
    if (rc)
        return fc_status_from_mdb(rc);
    memcpy(val.mv_data, hash, DIGEST_SIZE);
    memcpy((uint8_t *)val.mv_data + DIGEST_SIZE, zframe_data(call->reply), zframe_size(call->reply));
    return FC_OK;
}

static fc_status_t run_handler(fc_server_t *self, fc_call_t *call, MDB_txn *txn)
{
    ProtobufCMessage *reply = fc_envelope_reply_new(&self->envelope);
    if (!reply) {
        error_reply(call, FC_RESOURCE_EXHAUSTED, "out of memory");
        return FC_RESOURCE_EXHAUSTED;
    }
    call->txn = txn;
    fc_status_t code = call->route->handler(call, call->request, reply);
    /* Only writes move the sequence: a read-only transaction uses the value
     * cached at the last commit instead of looking it up per request. */
    uint64_t seq = self->seq;
    if (txn != self->read_txn && fc_store_counter_get(txn, self->store, "seq", &seq) && code == FC_OK)
        code = fc_call_fail(call, FC_INTERNAL, "cannot read the event sequence");
    if (code != FC_OK)
        fc_debug("%s %s: %s", call->route->name, fc_status_name(code), call->message);
    pack_reply(call, reply, code, seq);
    call->txn = NULL;
    return code;
}

/* One mutation inside the batch's write transaction, in a nested transaction
 * so that its failure undoes only its own changes. */
static void handle_write(fc_server_t *self, fc_call_t *call, MDB_txn *parent)
{
    uint8_t hash[DIGEST_SIZE];
    digest(call->payload, hash);
    if (replay(self, call, parent, hash))
        return;
    MDB_txn *child;
    int rc = mdb_txn_begin(fc_store_env(self->store), parent, 0, &child);
    if (rc) {
        error_reply(call, fc_status_from_mdb(rc), "cannot begin a transaction");
        return;
    }
    zmsg_t *event;
    if (run_handler(self, call, child) == FC_OK && call->reply) {
        fc_status_t st = remember(self, call, child, hash);
        rc = st ? 0 : mdb_txn_commit(child);   /* commit frees child even on failure */
        if (!st && !rc) {
            while ((event = zlist_pop(call->events)))
                zlist_append(self->outbox, event);
            return;
        }
        if (st)
            mdb_txn_abort(child);
        /* The handler said OK but its change is gone: the reply must not say OK. */
        fc_error("%s: could not record the change", call->route->name);
        zframe_destroy(&call->reply);
        error_reply(call, st ? st : fc_status_from_mdb(rc), "the change could not be saved");
    } else {
        mdb_txn_abort(child);
    }
    while ((event = zlist_pop(call->events)))
        zmsg_destroy(&event);
}

static MDB_txn *read_txn(fc_server_t *self)
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
 * the batch may have seen them: every reply but a replayed one says so. */
static void fail_batch(fc_call_t *calls, size_t n, int rc)
{
    for (size_t i = 0; i < n; i++) {
        if (!calls[i].route || calls[i].replayed)
            continue;
        zframe_destroy(&calls[i].reply);
        error_reply(&calls[i], fc_status_from_mdb(rc), "the change could not be saved: %s",
                    mdb_strerror(rc));
    }
}

static void process(fc_server_t *self, size_t n)
{
    bool writes = false;
    for (size_t i = 0; i < n; i++)
        writes |= self->calls[i].route && self->calls[i].route->access == FC_WRITE;
    MDB_txn *txn = NULL;
    int rc = writes ? mdb_txn_begin(fc_store_env(self->store), NULL, 0, &txn) : 0;
    if (!writes)
        txn = read_txn(self);
    for (size_t i = 0; i < n; i++) {
        fc_call_t *call = &self->calls[i];
        if (!call->route)
            continue;
        if (rc || !txn)
            error_reply(call, FC_UNAVAILABLE, "storage is unavailable");
        else if (call->route->access == FC_WRITE)
            handle_write(self, call, txn);
        else
            run_handler(self, call, txn);
    }
    if (writes && txn) {
        uint64_t seq = self->seq;
        fc_store_counter_get(txn, self->store, "seq", &seq);
        rc = mdb_txn_commit(txn);    /* the one fsync for the whole batch */
        if (rc == 0) {
            self->seq = seq;
        } else {
            fc_error("commit failed: %s", mdb_strerror(rc));
            fail_batch(self->calls, n, rc);
            zmsg_t *event;
            while ((event = zlist_pop(self->outbox)))
                zmsg_destroy(&event);
        }
    } else if (txn) {
        mdb_txn_reset(txn);
    }
}

/* ------------------------------------------------------------ sending */

static void send_reply(fc_server_t *self, fc_call_t *call)
{
    if (!call->reply)
        return;
    /* A frame that fails to send (peer gone) stays with the call, which
     * frees it on reset. */
    if (zframe_send(&call->identity, self->router, ZFRAME_MORE))
        return;
    if (call->delimited && zmq_send(zsock_resolve(self->router), NULL, 0, ZMQ_SNDMORE) < 0)
        return;
    zframe_send(&call->reply, self->router, 0);
}

static void publish(fc_server_t *self)
{
    zmsg_t *event;
    while ((event = zlist_pop(self->outbox)))
        if (zmsg_send(&event, self->pub))
            zmsg_destroy(&event);
}

/* Blocks for one request, then takes every request already waiting (up to
 * batch_max) so their writes share one commit. Receiving with a zero timeout
 * instead of polling first saves a poll() per request. Returns -1 when
 * interrupted (SIGINT/SIGTERM). */
static int serve_batch(fc_server_t *self)
{
    size_t n = 0;
    /* A signal landing between the interrupted check and a blocking receive
     * would be missed; waking every 200 ms bounds how long a stop can lag. */
    zsock_set_rcvtimeo(self->router, 200);
    while (n < (size_t)self->cfg->batch_max) {
        fc_call_t *call = &self->calls[n];
        int rc = receive(self, call);
        if (rc < 0)
            break;
        if (rc == 0)
            n++;
        else
            fc_call_reset(call);
        zsock_set_rcvtimeo(self->router, 0);
    }
    if (n == 0)
        return zsys_interrupted ? -1 : 0;
    /* One date for the whole batch, taken once it has arrived. */
    fc_date_t today = self->cfg->has_today ? self->cfg->today : fc_date_today();
    for (size_t i = 0; i < n; i++)
        self->calls[i].today = today;
    process(self, n);
    /* Events go out before the replies: a client holding the reply to a
     * change knows its event has already been published. */
    publish(self);
    for (size_t i = 0; i < n; i++) {
        send_reply(self, &self->calls[i]);
        fc_call_reset(&self->calls[i]);
    }
    return 0;
}

int fc_server_run(fc_server_t *self)
{
    fc_info("%s: serving on %s, events on %s", self->def->name, zsock_endpoint(self->router),
            zsock_endpoint(self->pub));
    while (!zsys_interrupted && serve_batch(self) == 0)
        ;
    fc_info("%s: stopped", self->def->name);
    return 0;
}

/* ------------------------------------------------------------ set-up */

static int open_store(fc_server_t *self, char *err, size_t errlen)
{
    const fc_service_def_t *def = self->def;
    const char *names[FC_SERVER_MAX_DBIS + 2];
    if (def->n_dbis > FC_SERVER_MAX_DBIS) {
        snprintf(err, errlen, "too many databases");
        return -1;
    }
    for (size_t i = 0; i < def->n_dbis; i++)
        names[i] = def->dbi_names[i];
    names[def->n_dbis] = "events";
    names[def->n_dbis + 1] = "requests";
    fc_status_t st;
    self->store = fc_store_open(self->cfg->data_dir, self->cfg->map_size, names,
                                def->n_dbis + 2, def->schema_version, &st, err, errlen);
    if (!self->store)
        return -1;
    self->events_dbi = fc_store_dbi(self->store, def->n_dbis);
    self->requests_dbi = fc_store_dbi(self->store, def->n_dbis + 1);
    MDB_txn *txn;
    int rc = mdb_txn_begin(fc_store_env(self->store), NULL, MDB_RDONLY, &txn);
    if (rc == 0) {
        st = fc_store_counter_get(txn, self->store, "seq", &self->seq);
        mdb_txn_abort(txn);
    }
    if (rc || st) {
        snprintf(err, errlen, "cannot read the event sequence");
        return -1;
    }
    return 0;
}

static int write_ready_file(fc_server_t *self, char *err, size_t errlen)
{
    const char *path = self->cfg->ready_file;
    if (!path)
        return 0;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int rc = f ? fprintf(f, "request=%s\npublish=%s\n", zsock_endpoint(self->router),
                         zsock_endpoint(self->pub)) : -1;
    if (f && fclose(f))
        rc = -1;
    if (rc < 0 || rename(tmp, path)) {
        snprintf(err, errlen, "cannot write ready file %s", path);
        return -1;
    }
    return 0;
}

static int open_sockets(fc_server_t *self, char *err, size_t errlen)
{
    self->router = zsock_new(ZMQ_ROUTER);
    self->pub = zsock_new(ZMQ_PUB);
    if (!self->router || !self->pub) {
        snprintf(err, errlen, "cannot create sockets");
        return -1;
    }
    /* Far above max_request: ZeroMQ drops the peer beyond this, while
     * requests between the two limits still get a clear error reply. */
    zsock_set_maxmsgsize(self->router, (int)(self->cfg->max_request * 4 + (1 << 20)));
    zsock_set_sndhwm(self->pub, 100000);
    if (fc_security_apply(self->cfg, self->router, self->pub, &self->auth, err, errlen))
        return -1;
    if (zsock_bind(self->router, "%s", self->cfg->bind) < 0) {
        snprintf(err, errlen, "cannot bind %s: %s", self->cfg->bind, zmq_strerror(zmq_errno()));
        return -1;
    }
    if (zsock_bind(self->pub, "%s", self->cfg->publish) < 0) {
        snprintf(err, errlen, "cannot bind %s: %s", self->cfg->publish, zmq_strerror(zmq_errno()));
        return -1;
    }
    return 0;
}

static int alloc_calls(fc_server_t *self)
{
    size_t n = (size_t)(self->cfg->batch_max > 0 ? self->cfg->batch_max : 1);
    self->calls = calloc(n, sizeof *self->calls);
    self->outbox = zlist_new();
    if (!self->calls || !self->outbox)
        return -1;
    for (size_t i = 0; i < n; i++) {
        self->calls[i].server = self;
        self->calls[i].state = self->state;
        self->calls[i].events_dbi = self->events_dbi;
        fc_call_init_allocator(&self->calls[i]);
        self->calls[i].events = zlist_new();
        if (!self->calls[i].events)
            return -1;
    }
    return 0;
}

fc_server_t *fc_server_new(const fc_service_def_t *def, const fc_config_t *cfg, void *state,
                           char *err, size_t errlen)
{
    fc_server_t *self = calloc(1, sizeof *self);
    if (!self) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    self->def = def;
    self->cfg = cfg;
    self->state = state;
    if (fc_envelope_init(&self->envelope, def->request_desc, def->reply_desc)) {
        snprintf(err, errlen, "%s lacks the envelope fields", def->request_desc->name);
    } else if (open_store(self, err, errlen) == 0 && open_sockets(self, err, errlen) == 0) {
        if (alloc_calls(self))
            snprintf(err, errlen, "out of memory");
        else if (write_ready_file(self, err, errlen) == 0)
            return self;
    }
    fc_server_destroy(&self);
    return NULL;
}

void fc_server_destroy(fc_server_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    fc_server_t *self = *self_p;
    if (self->calls) {
        for (int i = 0; i < (self->cfg->batch_max > 0 ? self->cfg->batch_max : 1); i++) {
            fc_call_reset(&self->calls[i]);
            zlist_destroy(&self->calls[i].events);
        }
        free(self->calls);
    }
    zmsg_t *event;
    while (self->outbox && (event = zlist_pop(self->outbox)))
        zmsg_destroy(&event);
    zlist_destroy(&self->outbox);
    if (self->cfg->ready_file && self->router)
        remove(self->cfg->ready_file);   /* "ready" must not outlive the service */
    zsock_destroy(&self->router);
    zsock_destroy(&self->pub);
    zactor_destroy(&self->auth);
    if (self->read_txn)
        mdb_txn_abort(self->read_txn);
    fc_store_close(&self->store);
    free(self);
    *self_p = NULL;
}
