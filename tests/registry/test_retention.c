/* Idempotency records are kept for the retention and then removed: a retry
 * inside the window gets the first reply, one after it is a new request.
 * In process (fc_server_handle_payload), so the purge can be run at a
 * chosen "now" instead of waiting thirty days. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "runtime.h"

static fc_config_t cfg;
static fc_server_t *server;
static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/fcavtal-retention-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    cr_assert_eq(fc_config_init(&cfg, "registry", 0), 0);
    char *argv[] = { "test", "--data", dir, "--bind", "tcp://127.0.0.1:*", "--publish",
                     "tcp://127.0.0.1:*", "--retention-days", "30", NULL };
    cr_assert_eq(fc_config_parse(&cfg, "registry", 9, argv), 0);
    char err[256] = "";
    server = fc_server_new(&fc_registry_service, &cfg, NULL, err, sizeof err);
    cr_assert_not_null(server, "%s", err);
}

static void teardown(void)
{
    fc_server_destroy(&server);
    fc_config_clear(&cfg);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static uint8_t *put_org(size_t *size)
{
    Fcavtal__V1__OrgNumber nr = FCAVTAL__V1__ORG_NUMBER__INIT;
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    Req req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    nr.value = "212000-1967";
    org.org_number = &nr;
    org.name = "Örebro kommun";
    org.kind = FCAVTAL__V1__ORG_KIND__ORG_KIND_MUNICIPALITY;
    put.organisation = &org;
    req.request_id = "kept-for-a-while";
    req.body_case = FCAVTAL__V1__REGISTRY_REQUEST__BODY_PUT_ORGANISATION;
    req.put_organisation = &put;
    *size = protobuf_c_message_get_packed_size(&req.base);
    uint8_t *buf = malloc(*size);
    protobuf_c_message_pack(&req.base, buf);
    return buf;
}

static Rep *handle(const uint8_t *req, size_t size)
{
    uint8_t *out;
    size_t n;
    cr_assert_eq(fc_server_handle_payload(server, req, size, &out, &n), 0);
    Rep *rep = fcavtal__v1__registry_reply__unpack(NULL, n, out);
    free(out);
    cr_assert_not_null(rep);
    return rep;
}

typedef struct {
    int64_t now;
    size_t removed;
} purge_t;

static fc_status_t purge(fc_call_t *call, void *arg)
{
    purge_t *p = arg;
    return fc__purge_requests(call, p->now, 1000, &p->removed);
}

Test(retention, a_retry_within_the_window_replays_and_after_it_runs_again, .init = setup,
     .fini = teardown)
{
    size_t size;
    uint8_t *req = put_org(&size);
    Rep *first = handle(req, size);
    cr_assert_eq(first->status->code, FCAVTAL__V1__CODE__OK, "%s", first->status->message);
    uint64_t id = first->organisation->id;

    int64_t day = 86400000;
    purge_t p = { fc__now_ms() + 29 * day, 0 };
    cr_assert_eq(fc_server_transact(server, "purge", purge, &p, NULL, 0), FC_OK);
    cr_assert_eq(p.removed, 0, "29 days old: kept");
    Rep *again = handle(req, size);
    cr_assert_eq(again->status->code, FCAVTAL__V1__CODE__OK, "the first reply, again");
    cr_assert_eq(again->organisation->id, id);
    cr_assert_eq(again->seq, first->seq, "byte for byte the stored reply");

    p = (purge_t){ fc__now_ms() + 31 * day, 0 };
    cr_assert_eq(fc_server_transact(server, "purge", purge, &p, NULL, 0), FC_OK);
    cr_assert_eq(p.removed, 1, "31 days old: removed");
    Rep *late = handle(req, size);
    cr_assert_eq(late->status->code, FCAVTAL__V1__CODE__ALREADY_EXISTS,
                 "run again as a new request, it meets the organisation it made: %s",
                 late->status->message);
    fcavtal__v1__registry_reply__free_unpacked(first, NULL);
    fcavtal__v1__registry_reply__free_unpacked(again, NULL);
    fcavtal__v1__registry_reply__free_unpacked(late, NULL);
    free(req);
}
