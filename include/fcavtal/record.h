/* Record types a service declares in a table (fc_service_def_t.records),
 * and the helpers the core gives for them: get, put, delete, scan, new id and
 * secondary indexes kept in step with the record in the same transaction.
 *
 * A record is a protobuf message with a `uint64 id` field; it is stored
 * packed under its id (8 bytes big-endian) in the database `db`. An index is
 * a database of (key -> id) pairs (LMDB DUPSORT|DUPFIXED): `keys` lists the
 * keys of a record; fc_record_put removes the old record's keys and adds the
 * new ones. Every helper returns a status and tells "not found"
 * (FC_NOT_FOUND) apart from a read error (FC_INTERNAL, FC_DATA_LOSS). */
#ifndef FCAVTAL_RECORD_H
#define FCAVTAL_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/status.h"

typedef struct fc_call_t fc_call_t;

#define FC_INDEX_KEY_MAX 64

typedef struct {
    size_t len;
    uint8_t data[FC_INDEX_KEY_MAX];
} fc_index_key_t;

/* Writes up to `max` keys of `record` into keys; returns how many. */
typedef size_t (*fc_index_keys_fn)(const ProtobufCMessage *record, fc_index_key_t *keys,
                                   size_t max);

typedef struct {
    const char *db;          /* "agreements_by_centre" */
    fc_index_keys_fn keys;
    size_t max_keys;         /* most keys one record has */
} fc_index_def_t;

typedef struct {
    const char *name;                        /* "agreement": audit entity, event topic */
    const ProtobufCMessageDescriptor *desc;
    const char *db;                          /* "agreements" */
    const fc_index_def_t *indexes;
    size_t n_indexes;
    /* Fills fields computed on read (e.g. the end in force today) before a
     * record leaves the service in a snapshot page. Optional. */
    void (*present)(fc_call_t *call, ProtobufCMessage *record);
} fc_record_def_t;

/* Index keys: an id, a small enum, or text (cut at FC_INDEX_KEY_MAX). */
void fc_index_key_u64(fc_index_key_t *key, uint64_t value);
void fc_index_key_u32(fc_index_key_t *key, uint32_t value);
void fc_index_key_text(fc_index_key_t *key, const char *text);

/* The record's id (its `uint64 id` field). */
uint64_t fc_record_id(const ProtobufCMessage *record);

/* Unpacks a copy that outlives the transaction (free it with
 * protobuf_c_message_free_unpacked(*out, NULL)). */
fc_status_t fc_record_get(fc_call_t *call, int type, uint64_t id, ProtobufCMessage **out);
/* Like fc_record_get, and on failure also sets the reply's message
 * ("no agreement with id 7", "cannot read agreement 7"). */
fc_status_t fc_record_load(fc_call_t *call, int type, uint64_t id, ProtobufCMessage **out);
/* Answers with the record as it is stored: the reply's member `reply_case`
 * (its body case, which must hold this record type) is the stored bytes,
 * checked to decode but never unpacked and packed again. For a plain get;
 * the handler leaves the reply's body unset. Failures as fc_record_load. */
fc_status_t fc_record_reply(fc_call_t *call, int type, uint64_t id, uint32_t reply_case);
fc_status_t fc_record_exists(fc_call_t *call, int type, uint64_t id, bool *exists);
/* Stores the record under its id and updates every index. */
fc_status_t fc_record_put(fc_call_t *call, int type, const ProtobufCMessage *record);
fc_status_t fc_record_delete(fc_call_t *call, int type, uint64_t id);
/* The next id of the type (counter "id.<name>" in meta; never reused). */
fc_status_t fc_record_new_id(fc_call_t *call, int type, uint64_t *id);

/* Called for each record in id order; owns `record`. Return FC_OK to go on
 * (set *stop to end the walk early) or an error to end it with that error. */
typedef fc_status_t (*fc_record_visit_fn)(fc_call_t *call, ProtobufCMessage *record, void *arg,
                                          bool *stop);
/* Every record with id > after_id. */
fc_status_t fc_record_scan(fc_call_t *call, int type, uint64_t after_id, fc_record_visit_fn fn,
                           void *arg);
/* The same, each record unpacked with allocator `a` (the visitor frees it,
 * or not, as that allocator wants). */
fc_status_t fc_record_scan_in(fc_call_t *call, int type, uint64_t after_id, ProtobufCAllocator *a,
                              fc_record_visit_fn fn, void *arg);
/* Every record whose index `index` holds `key`, with id > after_id. */
fc_status_t fc_record_index_scan(fc_call_t *call, int type, size_t index,
                                 const fc_index_key_t *key, uint64_t after_id,
                                 fc_record_visit_fn fn, void *arg);
/* The ids under `key` with id > after_id, ascending, at most `max`:
 * *ids is malloc-owned (free it), *n how many. */
fc_status_t fc_record_index_ids(fc_call_t *call, int type, size_t index,
                                const fc_index_key_t *key, uint64_t after_id, size_t max,
                                uint64_t **ids, size_t *n);
/* How many records the index holds under `key` (to pick the most selective
 * index for a query). */
fc_status_t fc_record_index_count(fc_call_t *call, int type, size_t index,
                                  const fc_index_key_t *key, size_t *count);
/* The lowest id under `key` (unique keys such as an org number). */
fc_status_t fc_record_index_first(fc_call_t *call, int type, size_t index,
                                  const fc_index_key_t *key, uint64_t *id);

#endif
