/* fcavtal-bench-scale: the registry at the scale of every collaboration
 * agreement in Sweden, not only family centres' (100,000 agreements).
 *
 * 1. Loads 1 region, 290 municipalities, 20,000 operations, 5,000 centres and
 *    100,000 local agreements into a real registry (pipelined, 64 in flight).
 * 2. Times filtered lists (by centre, municipality, status and kind, region)
 *    and a get as the reference, one request in flight, after a warm-up:
 *    p50 and p99 over rounds that alternate the queries.
 * 3. Times a follower's full resync of all of it: an in-process service
 *    that follows the registry with the core's follower into its own LMDB,
 *    from creation to live at the registry's last event; several times,
 *    each on a fresh store, median quoted.
 *
 * Usage: fcavtal-bench-scale [--agreements N] [--queries N] [--resyncs N]
 * Results: docs/performance.md. */
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/call.h"
#include "fcavtal/follower.h"
#include "fcavtal/log.h"
#include "fcavtal/server.h"
#include "fcavtal/v1/registry.pb-c.h"
#include "registry_client.h"
#include "service_harness.h"

#ifndef FC_BENCH_TMP
#define FC_BENCH_TMP "/tmp"
#endif

#define MUNICIPALITIES 290
#define CENTRES 5000
#define IN_FLIGHT 64

static size_t n_agreements = 100000, n_queries = 400, n_resyncs = 3;

static int64_t now_us(void)
{
    return zclock_usecs();
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int64_t pct(int64_t *v, size_t n, double p)
{
    qsort(v, n, sizeof *v, cmp_i64);
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i];
}

/* ------------------------------------------------------------ loading */

typedef struct {
    rc_t *r;
    size_t in_flight, sent, failed;
} pipe_t;

static void drain(pipe_t *p, size_t keep)
{
    while (p->in_flight > keep) {
        uint8_t *data;
        size_t size;
        if (fc_client_recv(p->r->client, &data, &size)) {
            fprintf(stderr, "bench: no reply while loading\n");
            exit(1);
        }
        rc_rep_t *rep = fcavtal__v1__registry_reply__unpack(NULL, size, data);
        if (rc_code(rep) != 0 && p->failed++ < 3)
            fprintf(stderr, "bench: load refused: %s\n", rc_describe(rep));
        rc_free(rep);
        free(data);
        p->in_flight--;
    }
}

static void send_req(pipe_t *p, rc_req_t *req)
{
    char id[64];
    snprintf(id, sizeof id, "load-%zu", p->sent++);
    req->request_id = id;
    req->actor = "bench";
    size_t size;
    uint8_t *buf = rc_pack(req, &size);
    if (!buf || fc_client_send(p->r->client, buf, size)) {
        fprintf(stderr, "bench: send failed\n");
        exit(1);
    }
    free(buf);
    p->in_flight++;
    drain(p, IN_FLIGHT - 1);
}

static void put_org(pipe_t *p, unsigned n, const char *name, Fcavtal__V1__OrgKind kind,
                    uint64_t region)
{
    char nr[12];
    Fcavtal__V1__OrgNumber num = FCAVTAL__V1__ORG_NUMBER__INIT;
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    num.value = rc_orgnr(nr, n);
    org.org_number = &num;
    org.name = (char *)name;
    org.kind = kind;
    org.region_id = region;
    put.organisation = &org;
    req.body_case = RC_BODY(PUT_ORGANISATION);
    req.put_organisation = &put;
    send_req(p, &req);
}

static void put_op(pipe_t *p, uint64_t org, Fcavtal__V1__OperationKind kind)
{
    Fcavtal__V1__Operation op = FCAVTAL__V1__OPERATION__INIT;
    Fcavtal__V1__PutOperation put = FCAVTAL__V1__PUT_OPERATION__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    op.organisation_id = org;
    op.kind = kind;
    op.name = "Verksamhet";
    put.operation = &op;
    req.body_case = RC_BODY(PUT_OPERATION);
    req.put_operation = &put;
    send_req(p, &req);
}

/* Centre c (1-based) has operations 4c-3 .. 4c: BHV and MHV of the region,
 * OFS and SOC of its municipality. */
static uint64_t municipality_of(size_t c)
{
    return 2 + (c - 1) % MUNICIPALITIES;
}

static void put_centre(pipe_t *p, size_t c)
{
    Fcavtal__V1__Date joined = rc_date("2020-01-01");
    Fcavtal__V1__Participation part[4], *ptr[4];
    for (size_t i = 0; i < 4; i++) {
        fcavtal__v1__participation__init(&part[i]);
        part[i].operation_id = 4 * c - 3 + i;
        part[i].co_located = 1;
        part[i].joined = &joined;
        ptr[i] = &part[i];
    }
    Fcavtal__V1__Centre centre = FCAVTAL__V1__CENTRE__INIT;
    Fcavtal__V1__PutCentre put = FCAVTAL__V1__PUT_CENTRE__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    centre.name = "Familjecentral";
    centre.municipality_id = municipality_of(c);
    centre.participations = ptr;
    centre.n_participations = 4;
    put.centre = &centre;
    req.body_case = RC_BODY(PUT_CENTRE);
    req.put_centre = &put;
    send_req(p, &req);
}

static void put_agreement(pipe_t *p, size_t i)
{
    size_t c = 1 + i % CENTRES;
    rc_party_t parties[2] = { { 1, 4 * c - 3 }, { municipality_of(c), 4 * c - 1 } };
    rc_agreement_t spec = { .kind = RC_AKIND(LOCAL), .title = "Lokalt samverkansavtal",
                            .case_number = "BENCH-1", .centre_id = c, .parties = parties,
                            .n_parties = 2, .start = "2024-01-01", .end = "2027-12-31",
                            .notice_months = 6 };
    rc_agreement_store_t store;
    Fcavtal__V1__PutAgreement put = FCAVTAL__V1__PUT_AGREEMENT__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    put.agreement = rc_agreement_build(&store, &spec);
    req.body_case = RC_BODY(PUT_AGREEMENT);
    req.put_agreement = &put;
    send_req(p, &req);
}

static void load(rc_t *r)
{
    pipe_t p = { .r = r };
    int64_t t0 = now_us();
    put_org(&p, 1, "Regionen", RC_ORG(REGION), 0);
    drain(&p, 0);
    for (unsigned m = 0; m < MUNICIPALITIES; m++)
        put_org(&p, 2 + m, "Kommunen", RC_ORG(MUNICIPALITY), 1);
    drain(&p, 0);
    for (size_t c = 1; c <= CENTRES; c++) {
        put_op(&p, 1, RC_OPK(BHV));
        put_op(&p, 1, RC_OPK(MHV));
        put_op(&p, municipality_of(c), RC_OPK(OFS));
        put_op(&p, municipality_of(c), RC_OPK(SOC));
    }
    drain(&p, 0);
    for (size_t c = 1; c <= CENTRES; c++)
        put_centre(&p, c);
    drain(&p, 0);
    for (size_t i = 0; i < n_agreements; i++)
        put_agreement(&p, i);
    drain(&p, 0);
    if (p.failed) {
        fprintf(stderr, "bench: %zu of %zu load requests refused\n", p.failed, p.sent);
        exit(1);
    }
    printf("loaded %zu records in %.1f s (%zu requests, %d in flight)\n", p.sent,
           (double)(now_us() - t0) / 1e6, p.sent, IN_FLIGHT);
}

/* ------------------------------------------------------------ queries */

typedef enum { Q_GET, Q_CENTRE, Q_MUNICIPALITY, Q_STATUS_KIND, Q_REGION, Q_CENTRES, Q_COUNT } query_t;

static const char *const QUERY_NAMES[Q_COUNT] = {
    "get_agreement (reference)",
    "list_agreements centre_id (20 of 100,000)",
    "list_agreements municipality_id, limit 100",
    "list_agreements status+kind, limit 100",
    "list_agreements region_id, limit 100",
    "list_centres municipality_id (17 of 5,000)",
};

static size_t run_query(rc_t *r, query_t q, unsigned *seed)
{
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    Fcavtal__V1__ListAgreements la = FCAVTAL__V1__LIST_AGREEMENTS__INIT;
    Fcavtal__V1__ListCentres lc = FCAVTAL__V1__LIST_CENTRES__INIT;
    Fcavtal__V1__GetById get = FCAVTAL__V1__GET_BY_ID__INIT;
    size_t c = 1 + (size_t)rand_r(seed) % CENTRES;
    la.limit = 100;
    switch (q) {
    case Q_GET:
        get.id = 1 + (uint64_t)rand_r(seed) % n_agreements;
        req.body_case = RC_BODY(GET_AGREEMENT);
        req.get_agreement = &get;
        break;
    case Q_CENTRE: la.centre_id = c; break;
    case Q_MUNICIPALITY: la.municipality_id = municipality_of(c); break;
    case Q_STATUS_KIND:
        la.status = RC_STATUS(DRAFT);
        la.kind = RC_AKIND(LOCAL);
        la.after_id = (uint64_t)rand_r(seed) % n_agreements;
        break;
    case Q_REGION:
        la.region_id = 1;
        la.after_id = (uint64_t)rand_r(seed) % n_agreements;
        break;
    case Q_CENTRES:
        lc.municipality_id = municipality_of(c);
        req.body_case = RC_BODY(LIST_CENTRES);
        req.list_centres = &lc;
        break;
    default: break;
    }
    if (!req.body_case) {
        req.body_case = RC_BODY(LIST_AGREEMENTS);
        req.list_agreements = &la;
    }
    rc_rep_t *rep = rc_call_raw(r, &req);
    if (rc_code(rep) != 0) {
        fprintf(stderr, "bench: %s: %s\n", QUERY_NAMES[q], rc_describe(rep));
        exit(1);
    }
    size_t n = rep->agreements && rep->body_case == RC_REPLY(AGREEMENTS) ? rep->agreements->n_items
               : rep->body_case == RC_REPLY(CENTRES) ? rep->centres->n_items : 1;
    rc_free(rep);
    return n;
}

static void time_queries(rc_t *r)
{
    int64_t *lat[Q_COUNT];
    size_t items[Q_COUNT] = { 0 };
    unsigned seed = 42;
    for (int q = 0; q < Q_COUNT; q++)
        lat[q] = calloc(n_queries, sizeof *lat[q]);
    for (size_t i = 0; i < 200; i++)   /* warm the pages */
        run_query(r, (query_t)(i % Q_COUNT), &seed);
    for (size_t i = 0; i < n_queries; i++)
        for (int q = 0; q < Q_COUNT; q++) {   /* alternate, so noise hits every query */
            int64_t t0 = now_us();
            items[q] += run_query(r, (query_t)q, &seed);
            lat[q][i] = now_us() - t0;
        }
    printf("\n| query (1 in flight, %zu each, alternating) | items per reply | p50 (ms) | p99 (ms) | target |\n"
           "|---|---:|---:|---:|---|\n", n_queries);
    for (int q = 0; q < Q_COUNT; q++) {
        double p50 = (double)pct(lat[q], n_queries, 0.5) / 1000.0;
        double p99 = (double)pct(lat[q], n_queries, 0.99) / 1000.0;
        printf("| %s | %.0f | %.3f | %.3f | %s |\n", QUERY_NAMES[q],
               (double)items[q] / (double)n_queries, p50, p99,
               q == Q_GET ? "reference" : p50 < 2.0 ? "< 2 ms: PASS" : "< 2 ms: MISS");
        free(lat[q]);
    }
}

/* ------------------------------------------------------------ resync */

enum { M_ORG, M_OP, M_CENTRE, M_AGREEMENT, M_COUNT };

static const fc_record_def_t MIRROR_RECORDS[M_COUNT] = {
    [M_ORG] = { "organisation", &fcavtal__v1__organisation__descriptor, "organisations", NULL, 0, NULL },
    [M_OP] = { "operation", &fcavtal__v1__operation__descriptor, "operations", NULL, 0, NULL },
    [M_CENTRE] = { "centre", &fcavtal__v1__centre__descriptor, "centres", NULL, 0, NULL },
    [M_AGREEMENT] = { "agreement", &fcavtal__v1__agreement__descriptor, "agreements", NULL, 0, NULL },
};

/* A read model of the registry: its messages, no requests of its own. */
static const fc_service_def_t MIRROR = {
    .name = "mirror",
    .request_desc = &fcavtal__v1__registry_request__descriptor,
    .reply_desc = &fcavtal__v1__registry_reply__descriptor,
    .event_desc = &fcavtal__v1__registry_event__descriptor,
    .records = MIRROR_RECORDS,
    .n_records = M_COUNT,
    .schema_version = 1,
};

typedef struct {
    fc_follower_t *follower;
    uint64_t target;
    int64_t started, live_at;
} mirror_t;

static fc_status_t mirror_apply(fc_call_t *call, const ProtobufCMessage *event, void *arg)
{
    (void)arg;
    const Fcavtal__V1__RegistryEvent *e = (const Fcavtal__V1__RegistryEvent *)event;
    switch (e->entity_case) {
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION:
        return fc_record_put(call, M_ORG, &e->organisation->base);
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_OPERATION:
        return fc_record_put(call, M_OP, &e->operation->base);
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_CENTRE:
        return fc_record_put(call, M_CENTRE, &e->centre->base);
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT:
        return fc_record_put(call, M_AGREEMENT, &e->agreement->base);
    default:
        return FC_OK;
    }
}

static int watch_mirror(fc_server_t *server, void *arg)
{
    (void)server;
    mirror_t *m = arg;
    fc_follower_stats_t s = fc_follower_stats(m->follower);
    if (s.live && s.position >= m->target) {
        m->live_at = now_us();
        return -1;   /* stop the loop: done */
    }
    return 0;
}

static double resync_once(const fc_harness_t *reg, uint64_t seq, uint32_t page)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/fcavtal-mirror-XXXXXX", FC_BENCH_TMP);
    if (!mkdtemp(dir))
        exit(1);
    fc_config_t cfg;
    fc_config_init(&cfg, "mirror", 0);
    char *argv[] = { "mirror", "--data", dir, "--bind", "inproc://mirror", "--publish",
                     "inproc://mirror-events", "--log-level", "warn", NULL };
    fc_config_parse(&cfg, "mirror", 9, argv);
    char err[256];
    mirror_t m = { .target = seq };
    fc_server_t *server = fc_server_new(&MIRROR, &cfg, &m, err, sizeof err);
    if (!server) {
        fprintf(stderr, "bench: mirror: %s\n", err);
        exit(1);
    }
    fc_follower_def_t def = {
        .name = "registry", .request_endpoint = reg->endpoint, .publish_endpoint = reg->pub_endpoint,
        .request_desc = &fcavtal__v1__registry_request__descriptor,
        .reply_desc = &fcavtal__v1__registry_reply__descriptor,
        .event_desc = &fcavtal__v1__registry_event__descriptor,
        .apply = mirror_apply, .page_records = page, .timeout_ms = 10000,
    };
    m.started = now_us();
    m.follower = fc_follower_new(server, &def, err, sizeof err);
    if (!m.follower || fc_server_add_timer(server, 1, 0, watch_mirror, &m) < 0) {
        fprintf(stderr, "bench: follower: %s\n", err);
        exit(1);
    }
    fc_server_run(server);
    double seconds = m.live_at ? (double)(m.live_at - m.started) / 1e6 : -1;
    fc_follower_destroy(&m.follower);
    fc_server_destroy(&server);
    fc_config_clear(&cfg);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: could not remove %s\n", dir);
    return seconds;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void time_resync(rc_t *r)
{
    Fcavtal__V1__TodayRequest today = FCAVTAL__V1__TODAY_REQUEST__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(TODAY);
    req.today = &today;
    rc_rep_t *rep = rc_call_raw(r, &req);
    uint64_t seq = rep->seq;
    rc_free(rep);
    static const uint32_t pages[] = { 1000, 5000 };
    printf("\n| follower's full resync of %llu events' state (%zu agreements) | median (s) | runs (s) | target |\n"
           "|---|---:|---|---|\n", (unsigned long long)seq, n_agreements);
    for (size_t k = 0; k < 2; k++) {
        double t[16];
        char runs[256] = "";
        for (size_t i = 0; i < n_resyncs && i < 16; i++) {
            t[i] = resync_once(&r->h, seq, pages[k]);
            size_t len = strlen(runs);
            snprintf(runs + len, sizeof runs - len, "%s%.2f", i ? " " : "", t[i]);
        }
        qsort(t, n_resyncs, sizeof *t, cmp_double);
        double med = t[n_resyncs / 2];
        printf("| snapshot pages of %u records, then the audit trail | %.2f | %s | %s |\n",
               pages[k], med, runs, med < 3.0 ? "< 3 s: PASS" : "< 3 s: MISS");
    }
}

int main(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--agreements"))
            n_agreements = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--queries"))
            n_queries = strtoull(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--resyncs"))
            n_resyncs = strtoull(argv[i + 1], NULL, 10);
    }
    if (!n_agreements || !n_queries || !n_resyncs || n_resyncs > 16) {
        fprintf(stderr, "usage: %s [--agreements N] [--queries N] [--resyncs 1..16]\n", argv[0]);
        return 2;
    }
    fc_log_set_level("warn");
    rc_t r = { .timeout_ms = 60000 };
    snprintf(r.h.dir, sizeof r.h.dir, "%s/fcavtal-scale-XXXXXX", FC_BENCH_TMP);
    if (!mkdtemp(r.h.dir) || rc_start(&r, (const char *const[]){ "--map-size-mb", "8192", NULL })) {
        fprintf(stderr, "bench: the registry did not start\n");
        return 1;
    }
    printf("registry pid %d, data in %s\n", (int)r.h.pid, r.h.dir);
    load(&r);
    time_queries(&r);
    time_resync(&r);
    rc_cleanup(&r);
    return 0;
}
