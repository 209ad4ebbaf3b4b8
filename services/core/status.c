/* Status codes: storage errors are translated once, here, into the codes
 * that travel on the wire. */
#include "fcavtal/status.h"

#include <lmdb.h>
#include <stddef.h>

const char *fc_status_name(fc_status_t status)
{
    static const char *const names[] = {
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    };
    /* Compare as int: a value cast from the wire may lie outside the enum. */
    int i = (int)status;
    if (i < 0 || (size_t)i >= sizeof names / sizeof names[0])
        return "UNKNOWN";
    return names[i];
}

fc_status_t fc_status_from_mdb(int rc)
{
    switch (rc) {
    case MDB_SUCCESS:
        return FC_OK;
    case MDB_NOTFOUND:
        return FC_NOT_FOUND;
    case MDB_KEYEXIST:
        return FC_ALREADY_EXISTS;
    case MDB_MAP_FULL:
        return FC_RESOURCE_EXHAUSTED;
    default:
        return FC_INTERNAL;
    }
}
