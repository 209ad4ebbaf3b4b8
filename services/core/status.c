/* Status codes: storage errors are translated once, here, into the codes
 * that travel on the wire. */
#include "fcavtal/status.h"

#include <errno.h>
#include <lmdb.h>
#include <stddef.h>

#include "fcavtal/v1/common.pb-c.h"

/* A code renamed or renumbered on one side only does not compile. */
#define FC_STATUS_CHECK(name, value)                                                    \
    _Static_assert((int)FC_##name == (int)FCAVTAL__V1__CODE__##name && FC_##name == value, \
                   "status " #name " differs from the wire's Code");
FC_STATUS_LIST(FC_STATUS_CHECK)
#undef FC_STATUS_CHECK

#define FC_STATUS_COUNT_ONE(name, value) +1
_Static_assert(0 FC_STATUS_LIST(FC_STATUS_COUNT_ONE) == FC_STATUS_COUNT, "FC_STATUS_COUNT");
#undef FC_STATUS_COUNT_ONE

static const char *const NAMES[] = {
#define FC_STATUS_NAME(name, value) [value] = #name,
    FC_STATUS_LIST(FC_STATUS_NAME)
#undef FC_STATUS_NAME
};

const char *fc_status_name(fc_status_t status)
{
    /* Compare as int: a value cast from the wire may lie outside the enum. */
    int i = (int)status;
    if (i < 0 || (size_t)i >= sizeof NAMES / sizeof NAMES[0] || !NAMES[i])
        return "UNKNOWN";
    return NAMES[i];
}

/* The wire enum could gain a value the table lacks; that is only visible
 * in the descriptor, so it is checked when a service starts. */
int fc_status_matches_wire(void)
{
    const ProtobufCEnumDescriptor *d = &fcavtal__v1__code__descriptor;
    if (d->n_values != FC_STATUS_COUNT)
        return 0;
    for (unsigned i = 0; i < d->n_values; i++) {
        int v = d->values[i].value;
        if (v < 0 || v >= FC_STATUS_COUNT)
            return 0;
    }
    return 1;
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
    case MDB_TXN_FULL:
    case ENOSPC:
    case ENOMEM:
        return FC_RESOURCE_EXHAUSTED;
    case EIO:
        return FC_UNAVAILABLE;
    default:
        return FC_INTERNAL;
    }
}
