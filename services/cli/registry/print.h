/* Readable text output of the registry's reply bodies: key: value blocks
 * for one record, aligned tables for lists. All printers write to stdout
 * and return 0, or -1 when the output could not be produced (out of memory,
 * write error). */
#ifndef FC_CLI_REGISTRY_PRINT_H
#define FC_CLI_REGISTRY_PRINT_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

#include "format.h"
#include "fcavtal/v1/registry.pb-c.h"

typedef Fcavtal__V1__Organisation pb_org_t;
typedef Fcavtal__V1__Operation pb_op_t;
typedef Fcavtal__V1__Centre pb_centre_t;
typedef Fcavtal__V1__Agreement pb_agreement_t;

/* print.c: dispatch on the body */
int print_reply(const Fcavtal__V1__RegistryReply *reply);
/* 250 -> "0.25" */
const char *fmt_fte(int32_t permille, char *buf, size_t n);

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

/* print_import.c */
int print_imported(const Fcavtal__V1__ImportResult *r);

#endif
