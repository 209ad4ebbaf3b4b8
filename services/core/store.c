#include "fcavtal/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <czmq.h>

#include "fcavtal/log.h"

#define SCHEMA_KEY "schema_version"
#define MAX_DBS FC_STORE_MAX_DBS

struct fc_store_t {
    MDB_env *env;
    MDB_dbi meta;
    size_t n;
    MDB_dbi dbis[MAX_DBS];
};

static void set_error(char *buf, size_t len, const char *what, int rc)
{
    if (buf && len)
        snprintf(buf, len, "%s: %s", what, mdb_strerror(rc));
}

static int check_schema(MDB_txn *txn, MDB_dbi meta, uint32_t want, char *errbuf, size_t errlen)
{
    MDB_val key = { sizeof SCHEMA_KEY - 1, (void *)SCHEMA_KEY }, val;
    int rc = mdb_get(txn, meta, &key, &val);
    uint8_t be[8];
    if (rc == MDB_NOTFOUND) {
        fc_key_put_u64(be, want);
        val.mv_size = sizeof be;
        val.mv_data = be;
        return mdb_put(txn, meta, &key, &val, 0);
    }
    if (rc)
        return rc;
    if (val.mv_size != 8 || fc_key_get_u64(val.mv_data) != want) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "store holds schema version %llu, this build expects %u",
                     val.mv_size == 8 ? (unsigned long long)fc_key_get_u64(val.mv_data) : 0ULL,
                     want);
        return MDB_INCOMPATIBLE;
    }
    return 0;
}

static int open_dbis(fc_store_t *self, const fc_store_db_t *dbs, uint32_t schema_version,
                     char *errbuf, size_t errlen)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin(self->env, NULL, 0, &txn);
    if (rc)
        return rc;
    rc = mdb_dbi_open(txn, FC_STORE_META, MDB_CREATE, &self->meta);
    for (size_t i = 0; !rc && i < self->n; i++)
        rc = mdb_dbi_open(txn, dbs[i].name, MDB_CREATE | dbs[i].flags, &self->dbis[i]);
    if (!rc)
        rc = check_schema(txn, self->meta, schema_version, errbuf, errlen);
    if (rc) {
        mdb_txn_abort(txn);
        return rc;
    }
    return mdb_txn_commit(txn);
}

fc_store_t *fc_store_open(const char *dir, size_t map_size, const fc_store_db_t *dbs, size_t n,
                          uint32_t schema_version, fc_status_t *err, char *errbuf,
                          size_t errlen)
{
    *err = FC_INVALID_ARGUMENT;
    if (n + 1 > MAX_DBS) {
        set_error(errbuf, errlen, "too many databases", EINVAL);
        return NULL;
    }
    if (zsys_dir_create("%s", dir)) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "cannot create %s: %s", dir, strerror(errno));
        *err = FC_UNAVAILABLE;
        return NULL;
    }
    fc_store_t *self = calloc(1, sizeof *self);
    if (!self) {
        *err = FC_RESOURCE_EXHAUSTED;
        return NULL;
    }
    self->n = n;
    int rc = mdb_env_create(&self->env);
    if (!rc)
        rc = mdb_env_set_maxdbs(self->env, MAX_DBS);
    if (!rc)
        rc = mdb_env_set_mapsize(self->env, map_size ? map_size : (size_t)1 << 30);
    /* MDB_NOTLS: read transactions are reset and renewed by the server loop
     * rather than tied to a thread. Default sync flags: a commit is durable. */
    if (!rc)
        rc = mdb_env_open(self->env, dir, MDB_NOTLS, 0640);
    if (rc) {
        set_error(errbuf, errlen, "cannot open LMDB environment", rc);
    } else if ((rc = open_dbis(self, dbs, schema_version, errbuf, errlen)) != 0) {
        if (rc != MDB_INCOMPATIBLE)
            set_error(errbuf, errlen, "cannot open databases", rc);
    }
    if (rc) {
        *err = rc == MDB_INCOMPATIBLE ? FC_FAILED_PRECONDITION : fc_status_from_mdb(rc);
        mdb_env_close(self->env);
        free(self);
        return NULL;
    }
    *err = FC_OK;
    return self;
}

void fc_store_close(fc_store_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    mdb_env_close((*self_p)->env);
    free(*self_p);
    *self_p = NULL;
}

MDB_env *fc_store_env(const fc_store_t *self)
{
    return self->env;
}

MDB_dbi fc_store_dbi(const fc_store_t *self, size_t index)
{
    return index == FC_STORE_META_INDEX ? self->meta : self->dbis[index];
}

void fc_key_put_u64(uint8_t out[8], uint64_t value)
{
    for (int i = 7; i >= 0; i--) {
        out[i] = (uint8_t)(value & 0xff);
        value >>= 8;
    }
}

uint64_t fc_key_get_u64(const uint8_t in[8])
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | in[i];
    return v;
}

fc_status_t fc_store_put_pb(MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_len,
                            const ProtobufCMessage *msg)
{
    MDB_val k = { key_len, (void *)key };
    MDB_val v = { protobuf_c_message_get_packed_size(msg), NULL };
    int rc = mdb_put(txn, dbi, &k, &v, MDB_RESERVE);
    if (rc) {
        fc_error("store: put failed: %s", mdb_strerror(rc));
        return fc_status_from_mdb(rc);
    }
    protobuf_c_message_pack(msg, v.mv_data);
    return FC_OK;
}

fc_status_t fc_store_get_pb(MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_len,
                            const ProtobufCMessageDescriptor *desc, ProtobufCMessage **out)
{
    MDB_val k = { key_len, (void *)key }, v;
    *out = NULL;
    int rc = mdb_get(txn, dbi, &k, &v);
    if (rc)
        return fc_status_from_mdb(rc);
    *out = protobuf_c_message_unpack(desc, NULL, v.mv_size, v.mv_data);
    if (!*out) {
        fc_error("store: a stored %s does not decode", desc->name);
        return FC_DATA_LOSS;
    }
    return FC_OK;
}

fc_status_t fc_store_get_pb_u64(MDB_txn *txn, MDB_dbi dbi, uint64_t id,
                                const ProtobufCMessageDescriptor *desc, ProtobufCMessage **out)
{
    uint8_t key[8];
    fc_key_put_u64(key, id);
    return fc_store_get_pb(txn, dbi, key, sizeof key, desc, out);
}

fc_status_t fc_store_put_pb_u64(MDB_txn *txn, MDB_dbi dbi, uint64_t id,
                                const ProtobufCMessage *msg)
{
    uint8_t key[8];
    fc_key_put_u64(key, id);
    return fc_store_put_pb(txn, dbi, key, sizeof key, msg);
}

fc_status_t fc_store_counter_get(MDB_txn *txn, const fc_store_t *self, const char *name,
                                 uint64_t *value)
{
    MDB_val k = { strlen(name), (void *)name }, v;
    int rc = mdb_get(txn, self->meta, &k, &v);
    *value = 0;
    if (rc == MDB_NOTFOUND)
        return FC_OK;
    if (rc)
        return fc_status_from_mdb(rc);
    if (v.mv_size != 8)
        return FC_DATA_LOSS;
    *value = fc_key_get_u64(v.mv_data);
    return FC_OK;
}

fc_status_t fc_store_counter_set(MDB_txn *txn, const fc_store_t *self, const char *name,
                                 uint64_t value)
{
    uint8_t be[8];
    fc_key_put_u64(be, value);
    MDB_val k = { strlen(name), (void *)name }, v = { sizeof be, be };
    int rc = mdb_put(txn, self->meta, &k, &v, 0);
    return rc ? fc_status_from_mdb(rc) : FC_OK;
}

fc_status_t fc_store_counter_next(MDB_txn *txn, const fc_store_t *self, const char *name,
                                  uint64_t *value)
{
    fc_status_t st = fc_store_counter_get(txn, self, name, value);
    if (st)
        return st;
    if (*value == UINT64_MAX)
        return FC_OUT_OF_RANGE;
    return fc_store_counter_set(txn, self, name, ++*value);
}
