/* Creating and destroying a server: checks the service definition, opens
 * the store, binds the sockets. Everything a wrong definition could break
 * is refused here, before the first request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "runtime.h"
#include "security.h"

#define FAIL(...) (snprintf(err, errlen, __VA_ARGS__), -1)

static uint32_t highest_case(const fc_envelope_t *env)
{
    uint32_t max = 0;
    const ProtobufCMessageDescriptor *d = env->request_desc;
    for (unsigned i = 0; i < d->n_fields; i++)
        if ((d->fields[i].flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && d->fields[i].id > max)
            max = d->fields[i].id;
    return max;
}

static int check_route(fc_server_t *self, const fc_route_t *r, char *err, size_t errlen)
{
    fc_field_t f = fc_envelope_body_field(&self->env, r->body_case);
    const char *name = r->name ? r->name : "?";
    if (!r->handler)
        return FAIL("route %s has no handler", name);
    if (!f)
        return FAIL("route %s: %s has no body field %u", name, self->def->request_desc->name,
                    r->body_case);
    if (f->descriptor != r->body_desc)
        return FAIL("route %s: body field %u (%s) holds %s, the route expects %s", name,
                    r->body_case, f->name, ((const ProtobufCMessageDescriptor *)f->descriptor)->name,
                    r->body_desc ? r->body_desc->name : "nothing");
    if (self->by_case[r->body_case])
        return FAIL("route %s: body field %u (%s) is routed twice", name, r->body_case, f->name);
    return 0;
}

static int build_routes(fc_server_t *self, char *err, size_t errlen)
{
    self->n_cases = (size_t)highest_case(&self->env) + 1;
    self->by_case = calloc(self->n_cases, sizeof *self->by_case);
    if (!self->by_case)
        return FAIL("out of memory");
    if (fc__builtin_routes(self, err, errlen))
        return -1;
    for (size_t i = 0; i < self->def->n_routes; i++) {
        const fc_route_t *r = &self->def->routes[i];
        if (check_route(self, r, err, errlen))
            return -1;
        self->by_case[r->body_case] = r;
    }
    return 0;
}

static int open_store(fc_server_t *self, char *err, size_t errlen)
{
    const fc_service_def_t *def = self->def;
    fc_store_db_t dbs[FC_STORE_MAX_DBS];
    size_t n = 0;
    if (def->n_dbis + CORE_DB_COUNT >= FC_STORE_MAX_DBS)
        return FAIL("too many databases");
    for (size_t i = 0; i < def->n_dbis; i++)
        dbs[n++] = (fc_store_db_t){ def->dbi_names[i], 0 };
    size_t first_record = n;
    if (fc__records_dbs(def, dbs, &n, FC_STORE_MAX_DBS - CORE_DB_COUNT - 1))
        return FAIL("too many databases");
    size_t first_core = n;
    dbs[n++] = (fc_store_db_t){ "events", 0 };
    dbs[n++] = (fc_store_db_t){ "events_by_record", MDB_DUPSORT | MDB_DUPFIXED };
    dbs[n++] = (fc_store_db_t){ "requests", 0 };
    dbs[n++] = (fc_store_db_t){ "requests_by_time", 0 };
    fc_status_t st;
    self->store = fc_store_open(self->cfg->data_dir, self->cfg->map_size, dbs, n,
                                def->schema_version, &st, err, errlen);
    if (!self->store)
        return -1;
    for (size_t i = 0; i < CORE_DB_COUNT; i++)
        self->core_dbi[i] = fc_store_dbi(self->store, first_core + i);
    if (fc__records_bind(self, first_record, err, errlen))
        return -1;
    MDB_txn *txn;
    int rc = mdb_txn_begin(fc_store_env(self->store), NULL, MDB_RDONLY, &txn);
    if (rc == 0) {
        st = fc_store_counter_get(txn, self->store, "seq", &self->seq);
        mdb_txn_abort(txn);
    }
    return rc || st ? FAIL("cannot read the event sequence") : 0;
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
    if (rc < 0 || rename(tmp, path))
        return FAIL("cannot write ready file %s", path);
    return 0;
}

static int open_sockets(fc_server_t *self, char *err, size_t errlen)
{
    self->router = zsock_new(ZMQ_ROUTER);
    self->pub = zsock_new(ZMQ_PUB);
    if (!self->router || !self->pub)
        return FAIL("cannot create sockets");
    self->router_handle = zsock_resolve(self->router);
    /* Far above max_request: ZeroMQ drops the peer beyond this, while
     * requests between the two limits still get a clear error reply. */
    zsock_set_maxmsgsize(self->router, (int)(self->cfg->max_request * 4 + (1 << 20)));
    /* Replies wait per client up to this many; past it a send says EAGAIN
     * (ROUTER_MANDATORY) and the drop is counted and logged, never silent. */
    zsock_set_sndhwm(self->router, self->cfg->reply_queue);
    zsock_set_router_mandatory(self->router, 1);
    zsock_set_rcvtimeo(self->router, 0);
    zsock_set_sndhwm(self->pub, self->cfg->pub_hwm);
    if (fc_security_apply(self->cfg, self->router, self->pub, &self->auth, err, errlen))
        return -1;
    if (zsock_bind(self->router, "%s", self->cfg->bind) < 0)
        return FAIL("cannot bind %s: %s", self->cfg->bind, zmq_strerror(zmq_errno()));
    if (zsock_bind(self->pub, "%s", self->cfg->publish) < 0)
        return FAIL("cannot bind %s: %s", self->cfg->publish, zmq_strerror(zmq_errno()));
    return 0;
}

static int init_call(fc_server_t *self, fc_call_t *call)
{
    fc__call_init(call, self);
    call->events = zlist_new();
    return call->events ? 0 : -1;
}

static int alloc_state(fc_server_t *self, char *err, size_t errlen)
{
    self->n_calls = (size_t)(self->cfg->batch_max > 0 ? self->cfg->batch_max : 1);
    self->calls = malloc(self->n_calls * sizeof *self->calls);
    self->outbox = zlist_new();
    self->readers = zlist_new();
    self->timers = zlist_new();
    if (!self->calls || !self->outbox || !self->readers || !self->timers)
        return FAIL("out of memory");
    for (size_t i = 0; i < self->n_calls; i++)
        if (init_call(self, &self->calls[i]))
            return FAIL("out of memory");
    if (init_call(self, &self->internal) || fc__fallback_init(self))
        return FAIL("out of memory");
    self->last_publish_ms = fc__now_ms();
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
    int rc = fc_status_matches_wire() ? 0 : FAIL("the status table differs from the wire's Code enum");
    if (!rc)
        rc = fc_envelope_init(&self->env, def->request_desc, def->reply_desc, def->event_desc,
                              err, errlen);
    if (!rc)
        rc = build_routes(self, err, errlen);
    if (!rc)
        rc = open_store(self, err, errlen);
    if (!rc)
        rc = alloc_state(self, err, errlen);
    if (!rc)
        rc = open_sockets(self, err, errlen);
    if (!rc)
        rc = write_ready_file(self, err, errlen);
    if (rc == 0)
        return self;
    fc_server_destroy(&self);
    return NULL;
}

static void free_calls(fc_server_t *self)
{
    if (self->calls) {
        for (size_t i = 0; i < self->n_calls; i++)
            fc__call_free(&self->calls[i]);
        free(self->calls);
    }
    if (self->internal.server)
        fc__call_free(&self->internal);
}

void fc_server_destroy(fc_server_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    fc_server_t *self = *self_p;
    free_calls(self);
    fc__discard_events(self->outbox);
    zlist_destroy(&self->outbox);
    fc__loop_free(self);
    if (self->cfg->ready_file && self->router)
        remove(self->cfg->ready_file);   /* "ready" must not outlive the service */
    zsock_destroy(&self->router);
    zsock_destroy(&self->pub);
    zactor_destroy(&self->auth);
    if (self->read_txn)
        mdb_txn_abort(self->read_txn);
    fc__records_free(self);
    fc_store_close(&self->store);
    if (self->fallback)
        protobuf_c_message_free_unpacked(self->fallback, NULL);
    free(self->by_case);
    free(self);
    *self_p = NULL;
}
