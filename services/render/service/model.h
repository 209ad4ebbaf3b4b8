/* The service's read model of the registry, as a rendering reads it: every
 * agreement version seen (DB_VERSIONS), and the world one version refers
 * to (centre, framework, organisations, operations, the centre's other
 * agreements), loaded once per rendering inside the call's transaction. */
#ifndef RSV_MODEL_H
#define RSV_MODEL_H

#include "service.h"

/* Agreement id (8 bytes, big-endian) | version (4): versions in order. */
#define RSV_VERSION_KEY 12
void rsv_version_key(uint8_t key[RSV_VERSION_KEY], uint64_t id, uint32_t version);
/* FC_NOT_FOUND when this service never saw that version. */
fc_status_t rsv_version_get(fc_call_t *call, uint64_t id, uint32_t version, DocAgreement **out);
fc_status_t rsv_version_put(fc_call_t *call, const DocAgreement *a);

typedef struct {
    fc_call_t *call;
    const DocAgreement *agreement;   /* borrowed */
    DocCentre *centre;               /* NULL when the agreement names none */
    DocAgreement *framework;         /* NULL when none */
    rnd_rule_set_t rules;            /* 0 when no framework names one */
    fc_date_t date;                  /* the version's date */
    DocAgreement **siblings;         /* the centre's other agreements (current versions) */
    size_t n_siblings;
    DocOrganisation **orgs;          /* loaded on demand */
    size_t n_orgs;
    DocOperation **ops;
    size_t n_ops;
    fc_status_t error;               /* a lookup failed: the rendering must not go on */
    char missing[128];               /* "organisation 7" the read model lacks */
} rsv_world_t;

/* Loads what `a` refers to. FC_OK, or the failure (message set in call). */
fc_status_t rsv_world_load(fc_call_t *call, const DocAgreement *a, rsv_world_t *w);
void rsv_world_clear(rsv_world_t *w);
/* The record, or NULL when the read model lacks it (w->error and
 * w->missing then say so). */
const DocOrganisation *rsv_world_org(rsv_world_t *w, uint64_t id);
const DocOperation *rsv_world_op(rsv_world_t *w, uint64_t id);

/* A version's date, which the document carries and the PDF is dated with,
 * from the version's own facts (the registry records no date per version):
 *   - made by an amendment, a termination or an expiry: the day this
 *     service first saw it (the registry keeps no date of the decision);
 *   - under notice: the day the notice was received;
 *   - signed by someone: the day of the last signature (the day the text as
 *     it stands was signed);
 *   - else the day this service first saw it. */
fc_date_t rsv_version_date(const DocAgreement *a);

#endif
