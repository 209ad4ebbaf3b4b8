#ifndef FC_REGISTRY_CENTRE_H
#define FC_REGISTRY_CENTRE_H

#include <stdbool.h>
#include "fcavtal/date.h"
#include "registry.h"

/* Validates references and dates of `c`, classifies it as of today, assigns
 * an id (when 0) and stores it, publishing an event. */
fc_status_t reg_centre_save(fc_call_t *call, Fcavtal__V1__Centre *c, const char *path);

/* True when participation p is in effect on `date`. */
bool reg_participation_active(const Fcavtal__V1__Participation *p, fc_date_t date);

/* Classifies `c` from the operations taking part on `date` under the rule set
 * of its framework agreement (national guidance when it has none) into
 * *out (owned). FC_OK, or the error with the call's message set. */
fc_status_t reg_centre_classify(fc_call_t *call, const Fcavtal__V1__Centre *c, fc_date_t date,
                                Fcavtal__V1__Classification **out);

#endif
