/* Between the wire (costs.proto) and the engine's types: dates, money,
 * enums, and the engine's errors as reply status. */
#ifndef CST_WIRE_H
#define CST_WIRE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "costs_service.h"
#include "fcavtal/costs/error.h"
#include "fcavtal/costs/model.h"
#include "fcavtal/agreement_wire.h"

/* False for NULL or a date that does not exist. */
/* Malloc-owned wire values; NULL when out of memory. */
Fcavtal__V1__Date *cst__wire_date_new(fc_date_t d);
Fcavtal__V1__Money *cst__wire_money_new(int64_t ore);
char *cst__wire_strdup(const char *s);
/* The money's öre (0 for NULL). */
int64_t cst__wire_ore(const Fcavtal__V1__Money *m);

/* FC_INVALID_ARGUMENT with a violation when the period is absent, has
 * days that do not exist, is inverted or does not cover exactly its kind's
 * calendar span. */
fc_status_t cst__wire_period(fc_call_t *call, const Fcavtal__V1__SettlementPeriod *pb,
                             const char *field, cst_period_t *out);
Fcavtal__V1__SettlementPeriod *cst__wire_period_new(cst_period_t p);

/* The engine's error as the reply's status (message and violation). */
fc_status_t cst__wire_fail(fc_call_t *call, fc_status_t code, const cst_error_t *err,
                           const char *prefix);

/* "2025", "2025Q1", "2025-03" or "2025-01-01_2025-02-15" for file names. */
void cst__wire_period_label(cst_period_t p, char *out, size_t size);

#endif
