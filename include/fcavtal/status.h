/* One error enum from storage to wire: the gRPC canonical codes, numbered as
 * in proto/fcavtal/v1/common.proto. */
#ifndef FCAVTAL_STATUS_H
#define FCAVTAL_STATUS_H

typedef enum {
    FC_OK = 0,
    FC_CANCELLED = 1,
    FC_UNKNOWN = 2,
    FC_INVALID_ARGUMENT = 3,
    FC_DEADLINE_EXCEEDED = 4,
    FC_NOT_FOUND = 5,
    FC_ALREADY_EXISTS = 6,
    FC_PERMISSION_DENIED = 7,
    FC_RESOURCE_EXHAUSTED = 8,
    FC_FAILED_PRECONDITION = 9,
    FC_ABORTED = 10,
    FC_OUT_OF_RANGE = 11,
    FC_UNIMPLEMENTED = 12,
    FC_INTERNAL = 13,
    FC_UNAVAILABLE = 14,
    FC_DATA_LOSS = 15,
    FC_UNAUTHENTICATED = 16
} fc_status_t;

/* "INVALID_ARGUMENT", ... ; "UNKNOWN" for anything out of range. */
const char *fc_status_name(fc_status_t status);

/* Maps an LMDB return code once: MDB_NOTFOUND -> FC_NOT_FOUND,
 * MDB_KEYEXIST -> FC_ALREADY_EXISTS, MDB_MAP_FULL -> FC_RESOURCE_EXHAUSTED,
 * anything else -> FC_INTERNAL (or FC_OK for 0). */
fc_status_t fc_status_from_mdb(int rc);

#endif
