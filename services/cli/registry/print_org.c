/* Text output of organisations and operations. */
#include <inttypes.h>
#include <stdio.h>

#include "names.h"
#include "print.h"
#include "table.h"

int print_organisation(const pb_org_t *o)
{
    char kind[64], region[256];
    printf("organisation %" PRIu64 ": %s\n", o->id, o->name);
    print_kv("org number", "%s", o->org_number ? o->org_number->value : "");
    print_kv("kind", "%s", fmt_enum(&fcavtal__v1__org_kind__descriptor, o->kind, kind, sizeof kind));
    if (o->region_id)
        print_kv("region", "%s", names_org(o->region_id, region, sizeof region));
    print_contacts(o->contacts, o->n_contacts);
    return 0;
}

int print_organisations(pb_org_t *const *items, size_t n)
{
    static const char *const headers[] = {"ID", "ORG NUMBER", "KIND", "REGION", "NAME"};
    cli_table_t *t = table_new(headers, 5);
    for (size_t i = 0; i < n && t; i++) {
        const pb_org_t *o = items[i];
        char kind[64], region[256];
        table_cellf(t, "%" PRIu64, o->id);
        table_cellf(t, "%s", o->org_number ? o->org_number->value : "");
        table_cellf(t, "%s", fmt_enum(&fcavtal__v1__org_kind__descriptor, o->kind, kind,
                                      sizeof kind));
        table_cellf(t, "%s", names_org_short(o->region_id, region, sizeof region));
        table_cellf(t, "%s", o->name);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

static const char *op_kind(const pb_op_t *op, char *buf, size_t n)
{
    fmt_enum(&fcavtal__v1__operation_kind__descriptor, op->kind, buf, n);
    if (op->kind == FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_OTHER && *op->other_kind)
        snprintf(buf, n, "other: %s", op->other_kind);
    return buf;
}

int print_operation(const pb_op_t *op)
{
    char kind[96], org[256];
    printf("operation %" PRIu64 ": %s\n", op->id, op->name);
    print_kv("kind", "%s", op_kind(op, kind, sizeof kind));
    print_kv("organisation", "%s", names_org(op->organisation_id, org, sizeof org));
    return 0;
}

int print_operations(pb_op_t *const *items, size_t n)
{
    static const char *const headers[] = {"ID", "KIND", "ORGANISATION", "NAME"};
    cli_table_t *t = table_new(headers, 4);
    for (size_t i = 0; i < n && t; i++) {
        const pb_op_t *op = items[i];
        char kind[96], org[256];
        table_cellf(t, "%" PRIu64, op->id);
        table_cellf(t, "%s", op_kind(op, kind, sizeof kind));
        table_cellf(t, "%s", names_org_short(op->organisation_id, org, sizeof org));
        table_cellf(t, "%s", op->name);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}
