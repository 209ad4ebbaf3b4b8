/* A thin test client for the registry service: starts the real binary
 * through the harness, sends RegistryRequests over a DEALER socket and builds
 * the common records with a line of code each.
 *
 * Every function that returns a reply returns it owned by the caller (free it
 * with rc_free) or NULL when no reply came within the client's timeout. The
 * "make" helpers (rc_org, rc_op, ...) return the new record's id, or 0 when
 * the service did not answer OK. */
#ifndef FC_TEST_REGISTRY_CLIENT_H
#define FC_TEST_REGISTRY_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/client.h"
#include "fcavtal/v1/registry.pb-c.h"
#include "service_harness.h"

typedef Fcavtal__V1__RegistryRequest rc_req_t;
typedef Fcavtal__V1__RegistryReply rc_rep_t;

#define RC_CODE(x) FCAVTAL__V1__CODE__##x
#define RC_ORG(x) FCAVTAL__V1__ORG_KIND__ORG_KIND_##x
#define RC_OPK(x) FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_##x
#define RC_RULES(x) FCAVTAL__V1__RULE_SET__RULE_SET_##x
#define RC_CLASS(x) FCAVTAL__V1__CLASSIFICATION_KIND__CLASSIFICATION_##x
#define RC_AKIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x
#define RC_STATUS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x
#define RC_BODY(x) FCAVTAL__V1__REGISTRY_REQUEST__BODY_##x
#define RC_REPLY(x) FCAVTAL__V1__REGISTRY_REPLY__BODY_##x

typedef struct {
    fc_harness_t h;
    fc_client_t *client;
    const char *actor;   /* stated actor for every request; default "tester" */
    unsigned counter;    /* for generated request ids */
    char last_id[64];    /* the request id rc_call used last */
    int timeout_ms;      /* client reply timeout; default 5000 */
    bool stop_timed_out; /* the last rc_stop had to fall back to SIGKILL */
} rc_t;

/* How long rc_stop waits for the process to exit before SIGKILL. */
#define RC_STOP_WAIT_MS 3000

/* ---- service and connection ---- */

/* Starts the registry (extra_args NULL-terminated, may be NULL) and connects
 * a plain client. 0 or -1. */
int rc_start(rc_t *r, const char *const *extra_args);
/* Stops the process with `sig` (keeping the data folder) and disconnects.
 * Waits at most RC_STOP_WAIT_MS, then kills it (r->stop_timed_out says so).
 * Returns the status from waitpid. */
int rc_stop(rc_t *r, int sig);
/* Stops (SIGTERM) if running, starts again on the same data folder (new
 * ports) and reconnects. */
int rc_restart(rc_t *r, const char *const *extra_args);
/* The harness calls for the registry binary, with a guard that kills the
 * service when the test process exits or crashes without stopping it. */
int rc_harness_start(fc_harness_t *h, const char *const *extra_args);
int rc_harness_stop(fc_harness_t *h, int sig);
void rc_harness_cleanup(fc_harness_t *h);
/* (Re)connects the plain client to the current endpoint. */
int rc_connect(rc_t *r);
/* (Re)connects with CURVE: the server's public key (Z85) and this client's
 * secret certificate file (NULL: an ephemeral key). */
int rc_connect_curve(rc_t *r, const char *server_public_key, const char *client_cert);
/* Disconnects, stops the service and removes the data folder. */
void rc_cleanup(rc_t *r);

/* ---- requests ---- */

/* A fresh request id "req-<n>" (also kept in r->last_id). */
const char *rc_next_id(rc_t *r);
/* Sends `req` as given (request_id untouched, actor filled when empty) and
 * waits for the reply. */
rc_rep_t *rc_call_raw(rc_t *r, rc_req_t *req);
/* Like rc_call_raw, but gives the request a fresh request id when it has
 * none. */
rc_rep_t *rc_call(rc_t *r, rc_req_t *req);
/* Sends raw payload bytes and decodes the reply (NULL on timeout or when the
 * reply does not decode). */
rc_rep_t *rc_send_bytes(rc_t *r, const void *data, size_t size);
/* Packs a request into a malloc'd buffer (*size set). */
uint8_t *rc_pack(const rc_req_t *req, size_t *size);
void rc_free(rc_rep_t *rep);

/* The reply's status code, or -1 for NULL. */
int rc_code(const rc_rep_t *rep);
const char *rc_message(const rc_rep_t *rep);
/* True when the reply's status names a violation of exactly `field`. */
bool rc_has_violation(const rc_rep_t *rep, const char *field);
/* True when some warning contains `needle`. */
bool rc_has_warning(const rc_rep_t *rep, const char *needle);
/* "code=... message=... violations=[...]" for assertion messages (static
 * buffer). */
const char *rc_describe(const rc_rep_t *rep);

/* True when s is well-formed UTF-8 (what proto3 requires of a string and
 * what clients in other languages refuse to decode otherwise). */
bool rc_utf8_valid(const char *s);

/* ---- dates and org numbers ---- */

/* "YYYY-MM-DD" into a wire date (all zero when text is NULL). */
Fcavtal__V1__Date rc_date(const char *text);
bool rc_date_is(const Fcavtal__V1__Date *d, const char *text);
/* A valid organisation number "21NNNN-NNNC" derived from n (distinct n give
 * distinct numbers). out must hold 12 bytes. */
char *rc_orgnr(char out[12], unsigned n);
/* Sends a put_organisation for a new municipality without waiting for the
 * reply, to keep many writes in flight. 0, or -1 on a send error. */
int rc_send_new_municipality(rc_t *r, const char *orgnr, const char *name,
                             const char *request_id);

/* ---- records ---- */

rc_rep_t *rc_put_org(rc_t *r, uint64_t id, const char *orgnr, const char *name,
                     Fcavtal__V1__OrgKind kind, uint64_t region_id);
uint64_t rc_org(rc_t *r, const char *orgnr, const char *name, Fcavtal__V1__OrgKind kind,
                uint64_t region_id);

rc_rep_t *rc_put_op(rc_t *r, uint64_t id, uint64_t organisation_id,
                    Fcavtal__V1__OperationKind kind, const char *name);
uint64_t rc_op(rc_t *r, uint64_t organisation_id, Fcavtal__V1__OperationKind kind,
               const char *name);

typedef struct {
    uint64_t operation_id;
    bool co_located;
    const char *joined;  /* "YYYY-MM-DD" */
    const char *left;    /* NULL: still taking part */
} rc_part_t;

typedef struct {
    uint64_t id;               /* 0: create */
    const char *name;
    uint64_t municipality_id;
    uint64_t framework_id;
    bool prioritised_area;
    const rc_part_t *parts;
    size_t n_parts;
} rc_centre_t;

rc_rep_t *rc_put_centre(rc_t *r, const rc_centre_t *spec);
uint64_t rc_centre(rc_t *r, const rc_centre_t *spec);

typedef struct {
    uint64_t organisation_id;
    uint64_t operation_id;
} rc_party_t;

typedef struct {
    uint64_t id;               /* 0: create */
    Fcavtal__V1__AgreementKind kind;
    const char *title;
    const char *case_number;
    Fcavtal__V1__RuleSet rule_set;
    uint64_t framework_id;
    uint64_t centre_id;
    const rc_party_t *parties;
    size_t n_parties;
    const char *start;
    const char *end;           /* NULL with until_further_notice */
    bool until_further_notice;
    int32_t renewal_months;
    int32_t notice_months;
    const char *change_note;
} rc_agreement_t;

/* Builds the wire agreement for `spec` into caller storage (the pointers in
 * it point into `store`, which must outlive the message). */
typedef struct {
    Fcavtal__V1__Agreement a;
    Fcavtal__V1__Term term;
    Fcavtal__V1__Date start, end;
    Fcavtal__V1__Party party[16];
    Fcavtal__V1__Party *party_ptr[16];
} rc_agreement_store_t;
Fcavtal__V1__Agreement *rc_agreement_build(rc_agreement_store_t *store, const rc_agreement_t *spec);

rc_rep_t *rc_put_agreement(rc_t *r, const rc_agreement_t *spec);
uint64_t rc_agreement(rc_t *r, const rc_agreement_t *spec);

/* GetById requests: which is RC_BODY(GET_ORGANISATION), GET_OPERATION,
 * GET_CENTRE, GET_AGREEMENT or AGREEMENT_HISTORY. */
rc_rep_t *rc_get(rc_t *r, Fcavtal__V1__RegistryRequest__BodyCase which, uint64_t id);
/* One snapshot page (cursor NULL/0 for the first). */
rc_rep_t *rc_snapshot_page(rc_t *r, const uint8_t *cursor, size_t cursor_len, uint32_t max);

/* The registry's whole state, read page by page. The record pointers point
 * into the pages, which the state owns. */
typedef struct {
    uint64_t seq;            /* the first page's */
    size_t n_pages;
    size_t n_organisations, n_operations, n_centres, n_agreements;
    Fcavtal__V1__Organisation **organisations;
    Fcavtal__V1__Operation **operations;
    Fcavtal__V1__Centre **centres;
    Fcavtal__V1__Agreement **agreements;
    rc_rep_t **pages;
} rc_state_t;

/* NULL when a page got no reply or an error. */
rc_state_t *rc_state(rc_t *r);
void rc_state_free(rc_state_t **state_p);
/* The packed pages (seq and every record): equal bytes, equal state. */
uint8_t *rc_snapshot_bytes(rc_t *r, size_t *size);
rc_rep_t *rc_centre_as_of(rc_t *r, uint64_t centre_id, const char *date);
rc_rep_t *rc_audit(rc_t *r, const char *entity, uint64_t id, uint64_t after_seq, uint32_t limit);

/* ---- agreement lifecycle ---- */

rc_rep_t *rc_send_for_signature(rc_t *r, uint64_t agreement_id);
rc_rep_t *rc_withdraw(rc_t *r, uint64_t agreement_id);
rc_rep_t *rc_sign(rc_t *r, uint64_t agreement_id, uint64_t organisation_id, uint64_t operation_id,
                  const char *date);
rc_rep_t *rc_record_notice(rc_t *r, uint64_t agreement_id, uint64_t from_organisation_id,
                           const char *received);
rc_rep_t *rc_terminate(rc_t *r, uint64_t agreement_id, const char *effective);
rc_rep_t *rc_expire(rc_t *r, uint64_t agreement_id);
rc_rep_t *rc_amend(rc_t *r, uint64_t agreement_id, const rc_agreement_t *content,
                   const uint64_t *approved_by, size_t n_approved, const char *note);

/* ---- a small world most tests start from ---- */

/* Västra Götalandsregionen (region) and Göteborgs kommun (municipality in
 * it), BHV and MHV run by the region, OFS and SOC by the municipality, the VG
 * framework agreement (draft; rule set VG, 2024-03-01..2025-12-31, renewal
 * 24, notice 12; parties region and municipality) and a centre with all four
 * operations co-located since 2024-01-01 under that framework. */
typedef struct {
    uint64_t region, muni;
    uint64_t bhv, mhv, ofs, soc;
    uint64_t framework;
    uint64_t centre;
} rc_world_t;
int rc_world(rc_t *r, rc_world_t *w);
/* A local agreement for w->centre, parties the four operations, term
 * 2024-06-01..2028-05-31 with six months' notice. parties must hold 4. */
rc_agreement_t rc_world_local(const rc_world_t *w, rc_party_t parties[4]);

#endif
