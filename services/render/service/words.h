/* How Swedish agreements name what the registry codes: operation kinds,
 * classifications, compensation periods, weekdays. */
#ifndef RSV_WORDS_H
#define RSV_WORDS_H

#include <stdbool.h>

#include "fcavtal/date.h"
#include "fcavtal/v1/registry.pb-c.h"

/* "barnhälsovård", ...; an OTHER operation by its own kind ("tandvård"). */
const char *rsv_operation_kind_name(Fcavtal__V1__OperationKind kind, const char *other_kind);
/* True for the four base operations (basverksamheter): BHV, MHV, OFS, SOC. */
bool rsv_is_base_operation(Fcavtal__V1__OperationKind kind);
/* "familjecentral", "familjecentralsliknande verksamhet", ... */
const char *rsv_classification_name(Fcavtal__V1__ClassificationKind kind);
/* "månad", "kvartal", "år"; NULL when unspecified. */
const char *rsv_period_name(Fcavtal__V1__CompensationPeriod period);
/* Payments per year of a period: 12, 4, 1; 0 when unspecified. */
int rsv_periods_per_year(Fcavtal__V1__CompensationPeriod period);
/* "måndag" ... "söndag". */
const char *rsv_weekday_name(fc_weekday_t day);

#endif
