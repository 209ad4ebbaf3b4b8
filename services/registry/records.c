#include "records.h"

#include <stdio.h>
#include <stdlib.h>

static const char *name_of(int type)
{
    return fc_registry_service.records[type].name;
}

fc_status_t reg_ref(fc_call_t *call, int type, uint64_t id, const char *field,
                    ProtobufCMessage **out)
{
    fc_status_t st = fc_record_get(call, type, id, out);
    if (st == FC_NOT_FOUND) {
        fc_call_violation(call, field, "unknown %s %llu", name_of(type), (unsigned long long)id);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: unknown %s %llu", field, name_of(type),
                            (unsigned long long)id);
    }
    return st ? fc_call_fail(call, st, "cannot read %s %llu: %s", name_of(type),
                             (unsigned long long)id, fc_status_name(st))
              : FC_OK;
}

fc_status_t reg_require(fc_call_t *call, int type, uint64_t id, const char *field)
{
    bool exists;
    fc_status_t st = fc_record_exists(call, type, id, &exists);
    if (st)
        return fc_call_fail(call, st, "cannot read %s %llu: %s", name_of(type),
                            (unsigned long long)id, fc_status_name(st));
    if (exists)
        return FC_OK;
    fc_call_violation(call, field, "unknown %s %llu", name_of(type), (unsigned long long)id);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: unknown %s %llu", field, name_of(type),
                        (unsigned long long)id);
}

int reg_append(size_t *n, void *items_field, void *item)
{
    void ***items = items_field;
    void **grown = realloc(*items, (*n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    grown[(*n)++] = item;
    *items = grown;
    return 0;
}

fc_status_t reg_too_many(fc_call_t *call, const char *field, size_t n, size_t max)
{
    fc_call_violation(call, field, "at most %zu items (got %zu)", max, n);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s has %zu items; at most %zu are allowed",
                        field, n, max);
}

fc_status_t reg_check_count(fc_call_t *call, const char *path, const char *name, size_t n,
                            size_t max)
{
    if (n <= max)
        return FC_OK;
    char f[256];
    snprintf(f, sizeof f, "%s.%s", path, name);
    return reg_too_many(call, f, n, max);
}
