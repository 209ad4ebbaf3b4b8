/* Idempotency records: a mutation's request id, the SHA-1 of its payload,
 * when it was recorded and the reply first sent. A retry with the same id
 * and bytes gets that reply again; the same id with other bytes is refused.
 * Records are kept for --retention-days (by wall-clock time: retention is an
 * operational promise, not a business date) and then removed by a timer,
 * through an index by time so the purge never scans the whole table. */
#include <string.h>
#include <sys/time.h>

#include "fcavtal/log.h"
#include "runtime.h"

#define TIME_SIZE 8

int64_t fc__now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

void fc__digest(const void *data, size_t size, uint8_t out[FC_DIGEST_SIZE])
{
    zdigest_t *d = zdigest_new();
    if (!d) {
        /* No digest means no safe replay check: an all-ones hash matches no
         * stored record, so the retry is refused rather than misanswered. */
        memset(out, 0xff, FC_DIGEST_SIZE);
        return;
    }
    zdigest_update(d, (const byte *)data, size);
    memcpy(out, zdigest_data(d), FC_DIGEST_SIZE);
    zdigest_destroy(&d);
}

int fc__replay(fc_server_t *self, fc_call_t *call, MDB_txn *txn, const uint8_t hash[FC_DIGEST_SIZE])
{
    const char *id = call->request_id;
    MDB_val key = { strlen(id), (void *)id }, val;
    int rc = mdb_get(txn, self->core_dbi[CORE_REQUESTS], &key, &val);
    if (rc == MDB_NOTFOUND)
        return 0;
    if (rc || val.mv_size < FC_DIGEST_SIZE + TIME_SIZE) {
        fc__error_reply(call, rc ? fc_status_from_mdb(rc) : FC_DATA_LOSS,
                        "cannot read the record of request '%s'", id);
        return -1;
    }
    if (memcmp(val.mv_data, hash, FC_DIGEST_SIZE) != 0) {
        fc__error_reply(call, FC_ALREADY_EXISTS,
                        "request id '%s' was already used for a different request", id);
        return -1;
    }
    const uint8_t *reply = (const uint8_t *)val.mv_data + FC_DIGEST_SIZE + TIME_SIZE;
    call->reply = zframe_new(reply, val.mv_size - FC_DIGEST_SIZE - TIME_SIZE);
    if (!call->reply)
        call->emergency = true;
    call->replayed = true;
    return 1;
}

static void time_key(uint8_t *out, int64_t ms, const char *id, size_t id_len)
{
    fc_key_put_u64(out, (uint64_t)ms);
    memcpy(out + TIME_SIZE, id, id_len);
}

fc_status_t fc__remember(fc_server_t *self, fc_call_t *call, MDB_txn *txn,
                         const uint8_t hash[FC_DIGEST_SIZE])
{
    const char *id = call->request_id;
    size_t id_len = strlen(id), size = zframe_size(call->reply);
    int64_t now = fc__now_ms();
    MDB_val key = { id_len, (void *)id };
    MDB_val val = { FC_DIGEST_SIZE + TIME_SIZE + size, NULL };
    int rc = mdb_put(txn, self->core_dbi[CORE_REQUESTS], &key, &val, MDB_RESERVE);
    if (rc)
        return fc_status_from_mdb(rc);
    uint8_t *p = val.mv_data;
    memcpy(p, hash, FC_DIGEST_SIZE);
    fc_key_put_u64(p + FC_DIGEST_SIZE, (uint64_t)now);
    memcpy(p + FC_DIGEST_SIZE + TIME_SIZE, zframe_data(call->reply), size);
    uint8_t tkey[TIME_SIZE + FC_REQUEST_ID_MAX];
    time_key(tkey, now, id, id_len);
    MDB_val k2 = { TIME_SIZE + id_len, tkey }, empty = { 0, NULL };
    rc = mdb_put(txn, self->core_dbi[CORE_REQUESTS_BY_TIME], &k2, &empty, 0);
    if (rc)
        return fc_status_from_mdb(rc);
    call->remembered = true;
    return FC_OK;
}

fc_status_t fc__purge_requests(fc_call_t *call, int64_t now_ms, size_t max, size_t *removed)
{
    fc_server_t *self = call->server;
    int64_t cutoff = now_ms - (int64_t)self->cfg->retention_days * 86400000;
    MDB_cursor *cur;
    *removed = 0;
    int rc = mdb_cursor_open(call->txn, self->core_dbi[CORE_REQUESTS_BY_TIME], &cur);
    if (rc)
        return fc_call_fail(call, fc_status_from_mdb(rc), "cannot read request records");
    MDB_val k, v;
    while (*removed < max && (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST)) == 0) {
        if (k.mv_size < TIME_SIZE || (int64_t)fc_key_get_u64(k.mv_data) >= cutoff)
            break;
        MDB_val id = { k.mv_size - TIME_SIZE, (uint8_t *)k.mv_data + TIME_SIZE };
        rc = mdb_del(call->txn, self->core_dbi[CORE_REQUESTS], &id, NULL);
        if (rc && rc != MDB_NOTFOUND)
            break;
        if ((rc = mdb_cursor_del(cur, 0)) != 0)
            break;
        (*removed)++;
    }
    mdb_cursor_close(cur);
    if (rc && rc != MDB_NOTFOUND)
        return fc_call_fail(call, fc_status_from_mdb(rc), "cannot remove old request records: %s",
                            mdb_strerror(rc));
    return FC_OK;
}
