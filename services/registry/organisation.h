#ifndef FC_REGISTRY_ORGANISATION_H
#define FC_REGISTRY_ORGANISATION_H

#include "registry.h"

/* Validates, normalises the org number of, assigns an id to (when 0) and
 * stores `org`, publishing an event. Violations name fields under `path`. */
fc_status_t reg_org_save(fc_call_t *call, Fcavtal__V1__Organisation *org, const char *path);
/* The id registered for a normalised org number in *id (0 when none). */
fc_status_t reg_org_by_number(fc_call_t *call, const char *orgnr, uint64_t *id);

#endif
