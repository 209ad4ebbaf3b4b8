#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "fcavtal/store.h"
#include "fcavtal/v1/registry.pb-c.h"

static char dir[64];
static const fc_store_db_t NAMES[] = { { "things", 0 } };

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/fcavtal-store-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

TestSuite(store, .init = make_dir, .fini = remove_dir);

static fc_store_t *open_store(uint32_t version, fc_status_t *st)
{
    char err[256] = "";
    return fc_store_open(dir, 0, NAMES, 1, version, st, err, sizeof err);
}

Test(store, big_endian_keys_sort_numerically)
{
    uint8_t a[8], b[8];
    fc_key_put_u64(a, 255);
    fc_key_put_u64(b, 256);
    cr_assert_lt(memcmp(a, b, 8), 0, "255 must sort before 256");
    cr_assert_eq(fc_key_get_u64(b), 256);
    fc_key_put_u64(a, UINT64_MAX);
    cr_assert_eq(fc_key_get_u64(a), UINT64_MAX);
}

Test(store, refuses_another_schema_version)
{
    fc_status_t st;
    fc_store_t *s = open_store(1, &st);
    cr_assert_not_null(s);
    fc_store_close(&s);
    cr_assert_null(s, "close must NULL the caller's pointer");
    char err[256] = "";
    s = fc_store_open(dir, 0, NAMES, 1, 2, &st, err, sizeof err);
    cr_assert_null(s);
    cr_assert_eq(st, FC_FAILED_PRECONDITION);
    cr_assert_not_null(strstr(err, "schema version 1"), "message was: %s", err);
}

Test(store, protobuf_values_and_counters_survive_reopen)
{
    fc_status_t st;
    fc_store_t *s = open_store(1, &st);
    cr_assert_not_null(s);
    MDB_txn *txn;
    cr_assert_eq(mdb_txn_begin(fc_store_env(s), NULL, 0, &txn), 0);
    Fcavtal__V1__Operation op = FCAVTAL__V1__OPERATION__INIT;
    op.id = 7;
    op.name = "BVC Vivalla";
    op.kind = FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_BHV;
    cr_assert_eq(fc_store_put_pb_u64(txn, fc_store_dbi(s, 0), 7, &op.base), FC_OK);
    uint64_t v = 0;
    cr_assert_eq(fc_store_counter_next(txn, s, "seq", &v), FC_OK);
    cr_assert_eq(fc_store_counter_next(txn, s, "seq", &v), FC_OK);
    cr_assert_eq(v, 2);
    cr_assert_eq(mdb_txn_commit(txn), 0);
    fc_store_close(&s);

    s = open_store(1, &st);
    cr_assert_not_null(s);
    cr_assert_eq(mdb_txn_begin(fc_store_env(s), NULL, MDB_RDONLY, &txn), 0);
    ProtobufCMessage *got = NULL;
    cr_assert_eq(fc_store_get_pb_u64(txn, fc_store_dbi(s, 0), 7,
                                     &fcavtal__v1__operation__descriptor, &got), FC_OK);
    cr_assert_str_eq(((Fcavtal__V1__Operation *)got)->name, "BVC Vivalla");
    protobuf_c_message_free_unpacked(got, NULL);
    cr_assert_eq(fc_store_get_pb_u64(txn, fc_store_dbi(s, 0), 8,
                                     &fcavtal__v1__operation__descriptor, &got), FC_NOT_FOUND);
    cr_assert_eq(fc_store_counter_get(txn, s, "seq", &v), FC_OK);
    cr_assert_eq(v, 2);
    mdb_txn_abort(txn);
    fc_store_close(&s);
}

Test(store, undecodable_value_is_data_loss)
{
    fc_status_t st;
    fc_store_t *s = open_store(1, &st);
    MDB_txn *txn;
    cr_assert_eq(mdb_txn_begin(fc_store_env(s), NULL, 0, &txn), 0);
    uint8_t key[8];
    fc_key_put_u64(key, 1);
    MDB_val k = { 8, key }, v = { 3, (void *)"\xff\xff\xff" };
    cr_assert_eq(mdb_put(txn, fc_store_dbi(s, 0), &k, &v, 0), 0);
    ProtobufCMessage *got = NULL;
    cr_assert_eq(fc_store_get_pb_u64(txn, fc_store_dbi(s, 0), 1,
                                     &fcavtal__v1__operation__descriptor, &got), FC_DATA_LOSS);
    cr_assert_null(got);
    mdb_txn_abort(txn);
    fc_store_close(&s);
}
