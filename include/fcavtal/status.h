/* One error enum from storage to wire: the gRPC canonical codes. The list
 * below is the single table: the enum, the names and the compile-time check
 * against the wire's Code enum (status.c) are all generated from it. */
#ifndef FCAVTAL_STATUS_H
#define FCAVTAL_STATUS_H

#define FC_STATUS_LIST(X)      \
    X(OK, 0)                   \
    X(CANCELLED, 1)            \
    X(UNKNOWN, 2)              \
    X(INVALID_ARGUMENT, 3)     \
    X(DEADLINE_EXCEEDED, 4)    \
    X(NOT_FOUND, 5)            \
    X(ALREADY_EXISTS, 6)       \
    X(PERMISSION_DENIED, 7)    \
    X(RESOURCE_EXHAUSTED, 8)   \
    X(FAILED_PRECONDITION, 9)  \
    X(ABORTED, 10)             \
    X(OUT_OF_RANGE, 11)        \
    X(UNIMPLEMENTED, 12)       \
    X(INTERNAL, 13)            \
    X(UNAVAILABLE, 14)         \
    X(DATA_LOSS, 15)           \
    X(UNAUTHENTICATED, 16)

typedef enum {
#define FC_STATUS_ENUM(name, value) FC_##name = value,
    FC_STATUS_LIST(FC_STATUS_ENUM)
#undef FC_STATUS_ENUM
} fc_status_t;

/* How many codes the table holds (checked against the wire enum at start). */
#define FC_STATUS_COUNT 17

/* "INVALID_ARGUMENT", ... ; "UNKNOWN" for anything out of range. */
const char *fc_status_name(fc_status_t status);

/* True when the wire's Code enum and this table hold the same values. */
int fc_status_matches_wire(void);

/* Maps an LMDB return code once: MDB_NOTFOUND -> FC_NOT_FOUND,
 * MDB_KEYEXIST -> FC_ALREADY_EXISTS, MDB_MAP_FULL and MDB_TXN_FULL ->
 * FC_RESOURCE_EXHAUSTED, ENOSPC -> FC_RESOURCE_EXHAUSTED, EIO ->
 * FC_UNAVAILABLE, anything else -> FC_INTERNAL (FC_OK for 0). */
fc_status_t fc_status_from_mdb(int rc);

#endif
