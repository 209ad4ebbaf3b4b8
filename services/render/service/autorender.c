#include "autorender.h"

#include "follow.h"

#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "fcavtal/store.h"
#include "model.h"
#include "render.h"
#include "renderings.h"

#define AKIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x
#define STATUS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

#define TICK_MS 20
#define PER_TICK 2

static MDB_dbi queue_dbi(fc_call_t *call)
{
    return fc_store_dbi(fc_call_store(call), DB_AUTO_QUEUE);
}

fc_status_t rsv_auto_enqueue(fc_call_t *call, const DocAgreement *a)
{
    rsv_state_t *state = fc_call_state(call);
    bool document = a->kind == AKIND(LOCAL) || a->kind == AKIND(USE_RIGHT);
    bool final = a->status == STATUS(OUT_FOR_SIGNATURE) || a->status == STATUS(ACTIVE);
    if (!state->auto_format || !document || !final)
        return FC_OK;
    uint8_t key[RSV_VERSION_KEY];
    rsv_version_key(key, a->id, a->version);
    MDB_val k = { sizeof key, key }, v = { 0, NULL };
    return fc_status_from_mdb(mdb_put(fc_call_txn(call), queue_dbi(call), &k, &v, 0));
}

fc_status_t rsv_auto_pending(fc_call_t *call, size_t *n)
{
    MDB_stat s;
    int rc = mdb_stat(fc_call_txn(call), queue_dbi(call), &s);
    *n = rc ? 0 : s.ms_entries;
    return fc_status_from_mdb(rc);
}

/* ------------------------------------------------------------ the work */

typedef struct {
    rsv_state_t *state;
    uint8_t key[RSV_VERSION_KEY];
    bool empty;            /* nothing queued */
    bool retry;            /* failed for now (the read model lacks something): keep it */
} job_t;

static fc_status_t first_queued(fc_call_t *call, job_t *job)
{
    MDB_cursor *cur;
    int rc = mdb_cursor_open(fc_call_txn(call), queue_dbi(call), &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    MDB_val k, v;
    rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
    if (rc == 0 && k.mv_size == RSV_VERSION_KEY)
        memcpy(job->key, k.mv_data, RSV_VERSION_KEY);
    mdb_cursor_close(cur);
    job->empty = rc == MDB_NOTFOUND;
    return rc == MDB_NOTFOUND ? FC_OK : fc_status_from_mdb(rc);
}

static fc_status_t dequeue(fc_call_t *call, const job_t *job)
{
    MDB_val k = { RSV_VERSION_KEY, (void *)job->key };
    int rc = mdb_del(fc_call_txn(call), queue_dbi(call), &k, NULL);
    return rc == MDB_NOTFOUND ? FC_OK : fc_status_from_mdb(rc);
}

static uint32_t key_version(const uint8_t *key)
{
    return (uint32_t)key[8] << 24 | (uint32_t)key[9] << 16 | (uint32_t)key[10] << 8 | key[11];
}

/* What the registrar needs to act on: the version, and each empty section. */
static fc_status_t refuse(fc_call_t *call, uint64_t agreement, uint32_t version, int format,
                          const rnd_error_t *err)
{
    DocAgreement *a = NULL;
    Fcavtal__V1__RenderRefusal r = FCAVTAL__V1__RENDER_REFUSAL__INIT;
    r.agreement_id = agreement;
    r.version = version;
    r.format = (Fcavtal__V1__RenderFormat)format;
    r.message = (char *)err->message;
    r.n_missing = err->missing_count;
    r.missing = err->missing;
    fc_status_t st = rsv_version_get(call, agreement, version, &a);
    if (st == FC_OK)
        r.case_number = a->case_number;
    st = st && st != FC_NOT_FOUND ? st : fc_record_new_id(call, REC_REFUSAL, &r.id);
    if (!st)
        st = fc_record_put(call, REC_REFUSAL, &r.base);
    if (!st)
        st = fc_call_emit(call, REC_REFUSAL, "created", &r.base);
    if (a)
        protobuf_c_message_free_unpacked(&a->base, NULL);
    return st;
}

static fc_status_t auto_work(fc_call_t *call, void *arg)
{
    job_t *job = arg;
    fc_status_t st = first_queued(call, job);
    if (st || job->empty)
        return st;
    st = dequeue(call, job);
    if (st)
        return st;
    rsv_ask_t ask = { fc_key_get_u64(job->key), key_version(job->key), job->state->auto_format,
                      false };
    RenderingInfo *info = NULL;
    bool created = false;
    rnd_error_t err = RND_ERROR_INIT;
    st = rsv_render(call, &ask, &info, &created, &err);
    if (st == FC_FAILED_PRECONDITION && err.missing_count)
        st = refuse(call, ask.agreement_id, ask.version, (int)ask.format, &err);
    job->retry = st == FC_UNAVAILABLE;
    if (info)
        protobuf_c_message_free_unpacked(&info->base, NULL);
    rnd_error_reset(&err);
    return st;
}

static fc_status_t drop_work(fc_call_t *call, void *arg)
{
    return dequeue(call, arg);
}

static fc_status_t count_work(fc_call_t *call, void *arg)
{
    return rsv_auto_pending(call, arg);
}

static int on_tick(fc_server_t *server, void *arg)
{
    rsv_state_t *state = arg;
    size_t pending = 0;
    if (!state->follower || !rsv_read_model_live(state)
        || fc_server_read(server, count_work, &pending, NULL, 0) || !pending)
        return 0;
    for (int i = 0; i < PER_TICK; i++) {
        job_t job = { .state = state };
        char msg[512];
        fc_status_t st = fc_server_transact(server, "auto-render", auto_work, &job, msg,
                                            sizeof msg);
        if (st == FC_OK && job.empty)
            break;
        if (st == FC_OK)
            continue;
        if (job.retry)
            break;   /* the read model is behind: the next tick tries again */
        /* Anything else would fail again: take it off the queue, loudly. */
        fc_error("render: automatic rendering of agreement %llu version %u dropped: %s",
                 (unsigned long long)fc_key_get_u64(job.key), key_version(job.key), msg);
        fc_server_transact(server, "auto-render-drop", drop_work, &job, NULL, 0);
    }
    return 0;
}

int rsv_auto_start(fc_server_t *server, rsv_state_t *state)
{
    if (!state->auto_format)
        return 0;
    return fc_server_add_timer(server, TICK_MS, 0, on_tick, state) < 0 ? -1 : 0;
}
