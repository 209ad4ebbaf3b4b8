#include "service_fixture.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/v1/registry.pb-c.h"

#define MEMBER(type, msg, off) (*(type *)((char *)(msg) + (off)))

static const char *costs_args[16];
static char threads_arg[16];

int sf_start(sf_t *f, const char *threads)
{
    return sf_start_in(f, threads, NULL, NULL, NULL);
}

static int make_dir(char *out, size_t size, const char *parent)
{
    snprintf(out, size, "%s/fcavtal-XXXXXX", parent);
    return mkdtemp(out) ? 0 : -1;
}

int sf_start_in(sf_t *f, const char *threads, const char *parent, const char *registry_bin,
                const char *costs_bin)
{
    memset(f, 0, sizeof *f);
    if (parent && (make_dir(f->reg.h.dir, sizeof f->reg.h.dir, parent) ||
                   make_dir(f->costs.h.dir, sizeof f->costs.h.dir, parent)))
        return -1;
    if (registry_bin ? fc_harness_start(&f->reg.h, registry_bin, NULL) || rc_connect(&f->reg)
                     : rc_start(&f->reg, NULL))
        return -1;
    if (!f->reg.actor)
        f->reg.actor = "tester";
    snprintf(f->reg_request, sizeof f->reg_request, "%s", f->reg.h.endpoint);
    snprintf(f->reg_publish, sizeof f->reg_publish, "%s", f->reg.h.pub_endpoint);
    snprintf(threads_arg, sizeof threads_arg, "%s", threads ? threads : "2");
    /* FC_COSTS_LOG=info shows the service's log (a run's phases). */
    const char *level = getenv("FC_COSTS_LOG");
    const char *args[] = {"--registry", f->reg_request, "--registry-publish", f->reg_publish,
                          "--run-threads", threads_arg, "--today", "2026-01-15",
                          level ? "--log-level" : NULL, level, NULL};
    memcpy(costs_args, args, sizeof args);
    f->costs.binary = costs_bin ? costs_bin : FC_COSTS_BIN;
    f->costs.request_desc = &fcavtal__v1__costs_request__descriptor;
    f->costs.reply_desc = &fcavtal__v1__costs_reply__descriptor;
    f->costs.timeout_ms = 30000;
    f->costs.h.keep_ports = true;
    return tc_start(&f->costs, costs_args);
}

int sf_restart_costs(sf_t *f, int sig)
{
    return tc_restart(&f->costs, sig, costs_args);
}

void sf_cleanup(sf_t *f)
{
    tc_cleanup(&f->costs);
    rc_cleanup(&f->reg);
}

static uint64_t registry_seq(sf_t *f)
{
    Fcavtal__V1__TodayRequest q = FCAVTAL__V1__TODAY_REQUEST__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(TODAY);
    req.today = &q;
    rc_rep_t *rep = rc_call(&f->reg, &req);
    uint64_t seq = rep ? rep->seq : 0;
    rc_free(rep);
    return seq;
}

static bool synced(void *arg)
{
    sf_t *f = arg;
    Fcavtal__V1__StatusRequest q = FCAVTAL__V1__STATUS_REQUEST__INIT;
    sf_rep_t *rep = sf_call(f, "status", &q.base, NULL);
    bool ok = rep && rep->body_case == FCAVTAL__V1__COSTS_REPLY__BODY_SERVICE_STATUS &&
              rep->service_status->live &&
              rep->service_status->registry_position >= registry_seq(f);
    sf_free(rep);
    return ok;
}

bool sf_sync(sf_t *f)
{
    return fc_harness_wait(synced, f, 10000);
}

/* ------------------------------------------------------------ registry */

static void set_date(Fcavtal__V1__Date *d, const char *text)
{
    *d = rc_date(text);
}

static rc_rep_t *put_centre(sf_t *f, uint64_t id, const sf_centre_t *s)
{
    Fcavtal__V1__Participation parts[32], *pp[32];
    Fcavtal__V1__Date joined[32], left[32], est;
    size_t n = s->n_parts < 32 ? s->n_parts : 32;
    for (size_t i = 0; i < n; i++) {
        fcavtal__v1__participation__init(&parts[i]);
        parts[i].operation_id = s->parts[i].operation_id;
        parts[i].co_located = s->parts[i].co_located;
        set_date(&joined[i], s->parts[i].joined);
        parts[i].joined = &joined[i];
        if (s->parts[i].left) {
            set_date(&left[i], s->parts[i].left);
            parts[i].left = &left[i];
        }
        pp[i] = &parts[i];
    }
    Fcavtal__V1__Centre c = FCAVTAL__V1__CENTRE__INIT;
    c.id = id;
    c.name = (char *)s->name;
    c.municipality_id = s->municipality_id;
    c.framework_id = s->framework_id;
    c.participations = pp;
    c.n_participations = n;
    if (s->established) {
        set_date(&est, s->established);
        c.established = &est;
    }
    Fcavtal__V1__Coordinator co = FCAVTAL__V1__COORDINATOR__INIT;
    if (s->employer) {
        co.name = "Samordnare";
        co.employing_operation_id = s->employer;
        co.fte_permille = 500;
        c.coordinator = &co;
    }
    Fcavtal__V1__PutCentre put = FCAVTAL__V1__PUT_CENTRE__INIT;
    put.centre = &c;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_CENTRE);
    req.put_centre = &put;
    return rc_call(&f->reg, &req);
}

uint64_t sf_centre(sf_t *f, const sf_centre_t *spec)
{
    rc_rep_t *rep = put_centre(f, 0, spec);
    uint64_t id = rep && rep->status->code == 0 && rep->centre ? rep->centre->id : 0;
    if (!id)
        fprintf(stderr, "put_centre: %s\n", rc_describe(rep));
    rc_free(rep);
    return id;
}

bool sf_centre_update(sf_t *f, uint64_t id, const sf_centre_t *spec)
{
    rc_rep_t *rep = put_centre(f, id, spec);
    bool ok = rep && rep->status->code == 0;
    if (!ok)
        fprintf(stderr, "put_centre: %s\n", rc_describe(rep));
    rc_free(rep);
    return ok;
}

uint64_t sf_backa(sf_t *f, const rc_world_t *w)
{
    rc_part_t parts[] = {{w->bhv, true, "2024-01-01", NULL}, {w->mhv, true, "2024-01-01", NULL},
                         {w->ofs, true, "2024-01-01", NULL}, {w->soc, true, "2024-01-01", NULL}};
    sf_centre_t c = {"Familjecentralen Backa", w->muni, w->framework, "2024-06-01", w->ofs,
                     parts, 4};
    uint64_t id = sf_centre(f, &c);
    return id && sf_sync(f) ? id : 0;
}

uint64_t sf_framework(sf_t *f, Fcavtal__V1__RuleSet rules, const char *start, uint64_t org_a,
                      uint64_t org_b)
{
    rc_party_t parties[] = {{org_a, 0}, {org_b, 0}};
    rc_agreement_t fw = {.kind = RC_AKIND(FRAMEWORK), .title = "Ramavtal", .case_number = "RS 1",
                         .rule_set = rules, .parties = parties, .n_parties = 2, .start = start,
                         .until_further_notice = true, .notice_months = 12};
    return rc_agreement(&f->reg, &fw);
}

/* ------------------------------------------------------------ costs */

sf_rep_t *sf_call(sf_t *f, const char *member, const ProtobufCMessage *body, const char *id)
{
    return (sf_rep_t *)tc_call(&f->costs, member, body, id);
}

void sf_free(sf_rep_t *rep)
{
    tc_free(rep ? &rep->base : NULL);
}

sf_rep_t *sf_add_item(sf_t *f, const Fcavtal__V1__CostItem *item)
{
    Fcavtal__V1__AddCostItem add = FCAVTAL__V1__ADD_COST_ITEM__INIT;
    add.item = (Fcavtal__V1__CostItem *)item;
    return sf_call(f, "add_cost_item", &add.base, NULL);
}

uint64_t sf_item(sf_t *f, uint64_t centre, Fcavtal__V1__CostCategory cat, int64_t ore,
                 uint64_t paid_by, const char *from, const char *to)
{
    Fcavtal__V1__Money m = FCAVTAL__V1__MONEY__INIT;
    m.ore = ore < 0 ? -ore : ore;
    Fcavtal__V1__Date a = rc_date(from), b = rc_date(to);
    Fcavtal__V1__CostItem it = FCAVTAL__V1__COST_ITEM__INIT;
    it.centre_id = centre;
    it.category = cat;
    it.amount = &m;
    it.credit = ore < 0;
    it.paid_by_operation_id = paid_by;
    it.from = &a;
    it.to = &b;
    it.note = "test";
    it.reference = "F-1";
    sf_rep_t *rep = sf_add_item(f, &it);
    uint64_t id = rep && rep->status->code == 0 && rep->item ? rep->item->id : 0;
    if (!id)
        fprintf(stderr, "add_cost_item: %s\n", rep ? rep->status->message : "no reply");
    sf_free(rep);
    return id;
}

Fcavtal__V1__SettlementPeriod sf_period(const char *kind, int year, int n,
                                        Fcavtal__V1__Date *from, Fcavtal__V1__Date *to)
{
    Fcavtal__V1__SettlementPeriod p = FCAVTAL__V1__SETTLEMENT_PERIOD__INIT;
    fcavtal__v1__date__init(from);
    fcavtal__v1__date__init(to);
    from->year = to->year = year;
    if (strcmp(kind, "year") == 0) {
        p.kind = FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_YEAR;
        from->month = from->day = 1;
        to->month = 12;
        to->day = 31;
    } else if (strcmp(kind, "quarter") == 0) {
        static const int last[] = {31, 30, 30, 31};
        p.kind = FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_QUARTER;
        from->month = 3 * n - 2;
        from->day = 1;
        to->month = 3 * n;
        to->day = last[n - 1];
    } else {
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        p.kind = FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_MONTH;
        from->month = to->month = n;
        from->day = 1;
        to->day = days[n - 1] + (n == 2 && year % 4 == 0 && (year % 100 || year % 400 == 0));
    }
    p.from = from;
    p.to = to;
    return p;
}

sf_rep_t *sf_run_period(sf_t *f, const Fcavtal__V1__SettlementPeriod *p, const uint64_t *centres,
                        size_t n_centres, uint64_t municipality, const char *request_id)
{
    Fcavtal__V1__RunSettlement run = FCAVTAL__V1__RUN_SETTLEMENT__INIT;
    run.period = (Fcavtal__V1__SettlementPeriod *)p;
    run.centre_ids = (uint64_t *)centres;
    run.n_centre_ids = n_centres;
    run.municipality_id = municipality;
    return sf_call(f, "run_settlement", &run.base, request_id);
}

sf_rep_t *sf_run(sf_t *f, const char *kind, int year, int n, const uint64_t *centres,
                 size_t n_centres, const char *request_id)
{
    Fcavtal__V1__Date a, b;
    Fcavtal__V1__SettlementPeriod p = sf_period(kind, year, n, &a, &b);
    return sf_run_period(f, &p, centres, n_centres, 0, request_id);
}

sf_rep_t *sf_action(sf_t *f, const char *member, uint64_t run)
{
    Fcavtal__V1__RunAction a = FCAVTAL__V1__RUN_ACTION__INIT;
    a.run_id = run;
    return sf_call(f, member, &a.base, NULL);
}

static sf_rep_t *show(sf_t *f, uint64_t run, Fcavtal__V1__RunPart part, uint32_t page)
{
    Fcavtal__V1__ShowRun s = FCAVTAL__V1__SHOW_RUN__INIT;
    s.run_id = run;
    s.part = part;
    s.page = page;
    return sf_call(f, "show_run", &s.base, NULL);
}

/* Calls fn on every party line of the run; false on an error. */
static bool each_party(sf_t *f, uint64_t run,
                       void (*fn)(const Fcavtal__V1__SettlementPartyLine *, void *), void *arg)
{
    for (uint32_t page = 0;; page++) {
        sf_rep_t *rep = show(f, run, FCAVTAL__V1__RUN_PART__RUN_PART_PARTIES, page);
        if (!rep || rep->status->code != 0 || !rep->run) {
            sf_free(rep);
            return false;
        }
        for (size_t i = 0; i < rep->run->n_parties; i++)
            fn(rep->run->parties[i], arg);
        bool last = page + 1 >= rep->run->page->pages;
        sf_free(rep);
        if (last)
            return true;
    }
}

typedef struct {
    uint64_t op;
    sf_line_t line;
} find_t;

static void find_line(const Fcavtal__V1__SettlementPartyLine *l, void *arg)
{
    find_t *q = arg;
    if (l->operation_id != q->op)
        return;
    q->line = (sf_line_t){true, l->organisation_id, l->share->ore, l->paid->ore, l->balance->ore,
                          l->share_before ? l->share_before->ore : 0,
                          l->paid_before ? l->paid_before->ore : 0,
                          l->balance_before ? l->balance_before->ore : 0,
                          l->difference ? l->difference->ore : 0};
}

sf_line_t sf_party(sf_t *f, uint64_t run, uint64_t operation)
{
    find_t q = {operation, {0}};
    each_party(f, run, find_line, &q);
    return q.line;
}

typedef struct {
    int64_t balances, shares;
    size_t n;
} sums_t;

static void add_sums(const Fcavtal__V1__SettlementPartyLine *l, void *arg)
{
    sums_t *s = arg;
    s->balances += l->balance->ore;
    s->shares += l->share->ore;
    s->n++;
}

bool sf_sums(sf_t *f, uint64_t run, int64_t *balances, int64_t *shares, size_t *n_parties)
{
    sums_t s = {0};
    bool ok = each_party(f, run, add_sums, &s);
    *balances = s.balances;
    *shares = s.shares;
    *n_parties = s.n;
    return ok;
}

size_t sf_transfers(sf_t *f, uint64_t run, sf_transfer_t *out, size_t max)
{
    size_t n = 0;
    for (uint32_t page = 0;; page++) {
        sf_rep_t *rep = show(f, run, FCAVTAL__V1__RUN_PART__RUN_PART_TRANSFERS, page);
        if (!rep || rep->status->code != 0 || !rep->run) {
            sf_free(rep);
            return (size_t)-1;
        }
        for (size_t i = 0; i < rep->run->n_transfers && n < max; i++)
            out[n++] = (sf_transfer_t){rep->run->transfers[i]->from_organisation_id,
                                       rep->run->transfers[i]->to_organisation_id,
                                       rep->run->transfers[i]->amount->ore};
        bool last = page + 1 >= rep->run->page->pages;
        sf_free(rep);
        if (last)
            return n;
    }
}

long sf_export(sf_t *f, const char *member, const ProtobufCMessage *body, const char *path)
{
    FILE *out = fopen(path, "wb");
    if (!out)
        return -1;
    const ProtobufCFieldDescriptor *off =
        protobuf_c_message_descriptor_get_field_by_name(body->descriptor, "offset");
    /* A copy of the request to vary the offset on. */
    size_t size = protobuf_c_message_get_packed_size(body);
    uint8_t *buf = malloc(size + 1);
    protobuf_c_message_pack(body, buf);
    ProtobufCMessage *q = protobuf_c_message_unpack(body->descriptor, NULL, size, buf);
    free(buf);
    long total = 0;
    for (;;) {
        MEMBER(uint64_t, q, off->offset) = (uint64_t)total;
        sf_rep_t *rep = sf_call(f, member, q, NULL);
        if (!rep || rep->status->code != 0 || !rep->export) {
            fprintf(stderr, "%s: %s\n", member, rep ? rep->status->message : "no reply");
            sf_free(rep);
            total = -1;
            break;
        }
        fwrite(rep->export->content.data, 1, rep->export->content.len, out);
        total += (long)rep->export->content.len;
        bool done = (uint64_t)total >= rep->export->total_bytes;
        sf_free(rep);
        if (done)
            break;
    }
    protobuf_c_message_free_unpacked(q, NULL);
    fclose(out);
    return total;
}

/* ------------------------------------------------------------ bulk */

#define BATCH 1000
#define MUNICIPALITIES 290

static int import_chunk(sf_t *f, size_t first, size_t n, uint64_t *centres, uint64_t *ops)
{
    size_t nm = MUNICIPALITIES, no = 1 + nm;
    Fcavtal__V1__Organisation *orgs = calloc(no, sizeof *orgs), **orgp = calloc(no, sizeof *orgp);
    Fcavtal__V1__OrgNumber *nums = calloc(no, sizeof *nums);
    char (*nr)[12] = calloc(no, sizeof *nr);
    char (*names)[48] = calloc(no, sizeof *names);
    Fcavtal__V1__Operation *op = calloc(4 * n, sizeof *op), **opp = calloc(4 * n, sizeof *opp);
    Fcavtal__V1__Centre *ce = calloc(n, sizeof *ce), **cep = calloc(n, sizeof *cep);
    Fcavtal__V1__Participation *pa = calloc(4 * n, sizeof *pa), **pap = calloc(4 * n, sizeof *pap);
    Fcavtal__V1__Coordinator *co = calloc(n, sizeof *co);
    Fcavtal__V1__Date joined = rc_date("2024-01-01"), est = rc_date("2024-06-01");
    for (size_t i = 0; i < no; i++) {
        fcavtal__v1__organisation__init(&orgs[i]);
        fcavtal__v1__org_number__init(&nums[i]);
        nums[i].value = i == 0 ? "232100-0131" : rc_orgnr(nr[i], (unsigned)i);
        snprintf(names[i], sizeof names[i], i == 0 ? "Västra Götalandsregionen" : "Kommun %zu", i);
        orgs[i].org_number = &nums[i];
        orgs[i].name = names[i];
        orgs[i].kind = i == 0 ? RC_ORG(REGION) : RC_ORG(MUNICIPALITY);
        orgs[i].region_id = i == 0 ? 0 : 1;
        orgp[i] = &orgs[i];
    }
    static const char *const kinds[] = {"BVC", "BMM", "Öppna förskolan", "Familjestöd"};
    char (*opname)[48] = calloc(4 * n, sizeof *opname);
    char (*cname)[48] = calloc(n, sizeof *cname);
    for (size_t c = 0; c < n; c++) {
        uint64_t muni = 2 + (first + c) % nm;
        for (size_t k = 0; k < 4; k++) {
            size_t i = 4 * c + k;
            fcavtal__v1__operation__init(&op[i]);
            op[i].organisation_id = k < 2 ? 1 : muni;
            op[i].kind = (Fcavtal__V1__OperationKind)(k + 1);
            snprintf(opname[i], sizeof opname[i], "%s %zu", kinds[k], first + c + 1);
            op[i].name = opname[i];
            opp[i] = &op[i];
            fcavtal__v1__participation__init(&pa[i]);
            pa[i].operation_id = i + 1;
            pa[i].co_located = true;
            pa[i].joined = &joined;
            pap[i] = &pa[i];
        }
        fcavtal__v1__centre__init(&ce[c]);
        snprintf(cname[c], sizeof cname[c], "Familjecentral %zu", first + c + 1);
        ce[c].name = cname[c];
        ce[c].municipality_id = muni;
        ce[c].established = &est;
        ce[c].framework_id = 1;
        ce[c].participations = &pap[4 * c];
        ce[c].n_participations = 4;
        fcavtal__v1__coordinator__init(&co[c]);
        co[c].name = "Samordnare";
        co[c].employing_operation_id = 4 * c + 3;
        co[c].fte_permille = 500;
        ce[c].coordinator = &co[c];
        cep[c] = &ce[c];
    }
    rc_agreement_store_t store;
    rc_party_t parties[] = {{1, 0}, {2, 0}};
    rc_agreement_t fw = {.kind = RC_AKIND(FRAMEWORK), .title = "Samverkansavtal VG",
                         .case_number = "RS 2019-0829", .rule_set = RC_RULES(VG),
                         .parties = parties, .n_parties = 2, .start = "2024-03-01",
                         .until_further_notice = true, .notice_months = 12};
    Fcavtal__V1__Agreement *ag = rc_agreement_build(&store, &fw);
    Fcavtal__V1__ImportBatch batch = FCAVTAL__V1__IMPORT_BATCH__INIT;
    batch.organisations = orgp;
    batch.n_organisations = no;
    batch.operations = opp;
    batch.n_operations = 4 * n;
    batch.centres = cep;
    batch.n_centres = n;
    batch.agreements = &ag;
    batch.n_agreements = 1;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(IMPORT_BATCH);
    req.import_batch = &batch;
    int to = f->reg.timeout_ms;
    f->reg.timeout_ms = 120000;
    rc_rep_t *rep = rc_call(&f->reg, &req);
    f->reg.timeout_ms = to;
    int rc = rep && rep->status->code == 0 && rep->imported ? 0 : -1;
    if (rc)
        fprintf(stderr, "import: %s\n", rc_describe(rep));
    for (size_t c = 0; !rc && c < n; c++) {
        centres[c] = rep->imported->centre_ids[c];
        for (size_t k = 0; k < 4; k++)
            ops[4 * c + k] = rep->imported->operation_ids[4 * c + k];
    }
    rc_free(rep);
    free(orgs), free(orgp), free(nums), free(nr), free(names), free(op), free(opp), free(ce);
    free(cep), free(pa), free(pap), free(co), free(opname), free(cname);
    return rc;
}

int sf_bulk_world(sf_t *f, size_t n, uint64_t *centres, uint64_t *ops)
{
    for (size_t first = 0; first < n; first += BATCH) {
        size_t k = n - first < BATCH ? n - first : BATCH;
        if (import_chunk(f, first, k, centres + first, ops + 4 * first))
            return -1;
    }
    return 0;
}

static int send_items(sf_t *f, Fcavtal__V1__CostItem **items, size_t n)
{
    Fcavtal__V1__AddCostItems add = FCAVTAL__V1__ADD_COST_ITEMS__INIT;
    add.items = items;
    add.n_items = n;
    /* Ten thousand items take a while on a sanitizer build. */
    int to = f->costs.timeout_ms;
    f->costs.timeout_ms = 300000;
    tc_connect(&f->costs);
    sf_rep_t *rep = sf_call(f, "add_cost_items", &add.base, NULL);
    f->costs.timeout_ms = to;
    tc_connect(&f->costs);
    int rc = rep && rep->status->code == 0 ? 0 : -1;
    if (rc)
        fprintf(stderr, "add_cost_items: %s\n", rep ? rep->status->message : "no reply");
    sf_free(rep);
    return rc;
}

int sf_bulk_items(sf_t *f, size_t n, const uint64_t *centres, const uint64_t *ops, int year,
                  int per_month)
{
    enum { CHUNK = 10000 };
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    Fcavtal__V1__CostItem *it = calloc(CHUNK, sizeof *it), **itp = calloc(CHUNK, sizeof *itp);
    Fcavtal__V1__Money *m = calloc(CHUNK, sizeof *m);
    Fcavtal__V1__Date *from = calloc(CHUNK, sizeof *from), *to = calloc(CHUNK, sizeof *to);
    size_t k = 0;
    int rc = 0;
    uint64_t x = 88172645463325252ull;
    int leap = year % 4 == 0 && (year % 100 || year % 400 == 0);
    for (size_t c = 0; !rc && c < n; c++)
        for (int month = 1; !rc && month <= 12; month++)
            for (int j = 0; !rc && j < per_month; j++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                fcavtal__v1__cost_item__init(&it[k]);
                fcavtal__v1__money__init(&m[k]);
                fcavtal__v1__date__init(&from[k]);
                fcavtal__v1__date__init(&to[k]);
                int cat = 1 + j % 4;
                m[k].ore = cat == 1 ? 5000000 : (int64_t)(100000 + x % 2000000);
                from[k].year = to[k].year = year;
                from[k].month = to[k].month = month;
                from[k].day = 1;
                to[k].day = days[month - 1] + (month == 2 && leap);
                it[k].centre_id = centres[c];
                it[k].category = (Fcavtal__V1__CostCategory)cat;
                it[k].amount = &m[k];
                it[k].paid_by_operation_id = cat == 1 ? ops[4 * c + 2] : ops[4 * c + (size_t)j % 4];
                it[k].from = &from[k];
                it[k].to = &to[k];
                it[k].note = "";
                it[k].reference = "F-2025";
                itp[k] = &it[k];
                if (++k == CHUNK) {
                    rc = send_items(f, itp, k);
                    k = 0;
                }
            }
    if (!rc && k)
        rc = send_items(f, itp, k);
    free(it), free(itp), free(m), free(from), free(to);
    return rc;
}
