/* Readable text output of reply bodies: key: value blocks for one record,
 * aligned tables for lists. All printers write to stdout and return 0, or
 * -1 when the output could not be produced (out of memory, write error). */
#ifndef FC_CLI_PRINT_H
#define FC_CLI_PRINT_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/v1/registry.pb-c.h"

typedef Fcavtal__V1__Organisation pb_org_t;
typedef Fcavtal__V1__Operation pb_op_t;
typedef Fcavtal__V1__Centre pb_centre_t;
typedef Fcavtal__V1__Agreement pb_agreement_t;

/* print.c: dispatch on the body and shared formatting */
int print_reply(const Fcavtal__V1__RegistryReply *reply);
void print_kv(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void print_contacts(Fcavtal__V1__Contact *const *contacts, size_t n);
/* "" for an absent date. */
const char *fmt_date(const Fcavtal__V1__Date *d, char *buf, size_t n);
/* Short enum name with spaces: "out for signature". */
const char *fmt_enum(const ProtobufCEnumDescriptor *e, int value, char *buf, size_t n);
/* "12 345,67 kr" */
const char *fmt_money(int64_t ore, char *buf, size_t n);
/* 250 -> "0.25" */
const char *fmt_fte(int32_t permille, char *buf, size_t n);
/* "" for 0, else the number: ids that are not set print as nothing. */
const char *fmt_id(uint64_t id, char *buf, size_t n);

/* print_org.c */
int print_organisation(const pb_org_t *o);
int print_organisations(pb_org_t *const *items, size_t n);
int print_operation(const pb_op_t *op);
int print_operations(pb_op_t *const *items, size_t n);

/* print_centre.c */
int print_centre(const pb_centre_t *c);
int print_centres(pb_centre_t *const *items, size_t n);
int print_composition(const Fcavtal__V1__CentreComposition *comp);

/* print_agreement.c */
int print_agreement(const pb_agreement_t *a);
int print_agreements(pb_agreement_t *const *items, size_t n);
int print_history(const Fcavtal__V1__AgreementHistory *h);
/* "2024-03-01 – 2025-12-31", "2018-09-21 – until further notice" */
const char *fmt_term_span(const Fcavtal__V1__Term *t, char *buf, size_t n);

/* print_audit.c */
int print_audit(const Fcavtal__V1__AuditLog *log);
int print_snapshot(const Fcavtal__V1__SnapshotPage *s);
int print_imported(const Fcavtal__V1__ImportResult *r);

#endif
