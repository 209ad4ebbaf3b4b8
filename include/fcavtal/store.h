/* LMDB storage shared by every service: one environment per service, one
 * named database per record type or index, opened once at start; big-endian
 * integer keys so memcmp order is numeric order; values are packed protobuf.
 * Only store code and handlers running inside a server transaction touch
 * MDB_* directly. */
#ifndef FCAVTAL_STORE_H
#define FCAVTAL_STORE_H

#include <lmdb.h>
#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/status.h"

typedef struct fc_store_t fc_store_t;

/* Name of the database every store has, holding the schema version,
 * id counters and the event sequence. */
#define FC_STORE_META "meta"

/* Most named databases one environment holds (meta included). */
#define FC_STORE_MAX_DBS 64

/* One named database: its name and LMDB flags (0, or MDB_DUPSORT |
 * MDB_DUPFIXED for an index of fixed-size ids). */
typedef struct {
    const char *name;
    unsigned flags;
} fc_store_db_t;

/* Opens (creating when needed) the environment in `dir` and the named
 * databases `dbs[0..n)` plus FC_STORE_META. A store written by another
 * schema version is refused with FC_FAILED_PRECONDITION. map_size in bytes
 * (0: 1 GiB). On failure returns NULL and sets *err and a message in
 * errbuf (may be NULL). */
fc_store_t *fc_store_open(const char *dir, size_t map_size, const fc_store_db_t *dbs, size_t n,
                          uint32_t schema_version, fc_status_t *err, char *errbuf,
                          size_t errlen);
void fc_store_close(fc_store_t **self_p);

MDB_env *fc_store_env(const fc_store_t *self);
/* The database opened as names[index]; FC_STORE_META_INDEX for meta. */
MDB_dbi fc_store_dbi(const fc_store_t *self, size_t index);
#define FC_STORE_META_INDEX ((size_t)-1)

/* Big-endian fixed-width keys. */
void fc_key_put_u64(uint8_t out[8], uint64_t value);
uint64_t fc_key_get_u64(const uint8_t in[8]);

/* Packs msg straight into LMDB's page (MDB_RESERVE: no extra copy). */
fc_status_t fc_store_put_pb(MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_len,
                            const ProtobufCMessage *msg);
/* Looks up and unpacks a copy that outlives the transaction; the caller owns
 * *out (protobuf_c_message_free_unpacked(*out, NULL)). FC_NOT_FOUND when
 * absent, FC_DATA_LOSS when the stored bytes do not decode. */
fc_status_t fc_store_get_pb(MDB_txn *txn, MDB_dbi dbi, const void *key, size_t key_len,
                            const ProtobufCMessageDescriptor *desc, ProtobufCMessage **out);
fc_status_t fc_store_get_pb_u64(MDB_txn *txn, MDB_dbi dbi, uint64_t id,
                                const ProtobufCMessageDescriptor *desc, ProtobufCMessage **out);
fc_status_t fc_store_put_pb_u64(MDB_txn *txn, MDB_dbi dbi, uint64_t id,
                                const ProtobufCMessage *msg);

/* Reads / increments / sets a named uint64 counter in meta ("seq",
 * "id.centre"). A missing counter reads as 0; a read error is returned. */
fc_status_t fc_store_counter_get(MDB_txn *txn, const fc_store_t *self, const char *name,
                                 uint64_t *value);
fc_status_t fc_store_counter_next(MDB_txn *txn, const fc_store_t *self, const char *name,
                                  uint64_t *value);
fc_status_t fc_store_counter_set(MDB_txn *txn, const fc_store_t *self, const char *name,
                                 uint64_t value);

#endif
