/* fcavtal-bench-render-service: PDF documents per second through the real
 * fcavtal-render over ZeroMQ, following the real registry.
 *
 * The registry gets the sample (deploy/sample/sample.json, through the
 * CLI), a staff group grown to a typical size for Angered, and N copies of
 * the Angered local agreement sent for signature, so every document is a
 * final one and every request renders anew (a stored rendering would be
 * returned, not made). A client keeps K requests in flight: render, then
 * fetch the bytes; a document counts when all its bytes arrived. The first
 * two documents warm up and are not timed. Not a test: it prints figures.
 *
 *   fcavtal-bench-render-service [--docs N] [--in-flight K] [--out FILE]
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fcavtal/v1/render.pb-c.h"
#include "registry_client.h"
#include "test_client.h"

#define WARM_UP 2

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static rc_t R;
static tc_t S;

static uint64_t find_agreement(const char *case_number)
{
    Fcavtal__V1__ListAgreements q = FCAVTAL__V1__LIST_AGREEMENTS__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(LIST_AGREEMENTS);
    req.list_agreements = &q;
    rc_rep_t *rep = rc_call(&R, &req);
    uint64_t id = 0;
    for (size_t i = 0; rep && rep->agreements && i < rep->agreements->n_items && !id; i++)
        if (!strcmp(rep->agreements->items[i]->case_number, case_number))
            id = rep->agreements->items[i]->id;
    rc_free(rep);
    return id;
}

/* Angered's staff group as a larger centre has it: fourteen roles. */
static int grow_staff(uint64_t centre_id)
{
    rc_rep_t *cur = rc_get(&R, RC_BODY(GET_CENTRE), centre_id);
    if (rc_code(cur) != 0)
        return -1;
    Fcavtal__V1__Centre *c = cur->centre;
    static const char *const roles[] = { "barnläkare", "psykolog", "barnskötare",
                                         "socionom", "logoped", "dietist", "kurator",
                                         "fritidsledare", "tolk", "föräldraskapsstödjare" };
    size_t n_old = c->n_staff, n_new = sizeof roles / sizeof roles[0];
    Fcavtal__V1__StaffRole extra[10], **all = calloc(n_old + n_new, sizeof *all);
    memcpy(all, c->staff, n_old * sizeof *all);
    for (size_t i = 0; i < n_new; i++) {
        fcavtal__v1__staff_role__init(&extra[i]);
        extra[i].role = (char *)roles[i];
        extra[i].operation_id = c->staff[i % n_old]->operation_id;
        extra[i].fte_permille = 200 + 100 * (int32_t)i;
        all[n_old + i] = &extra[i];
    }
    Fcavtal__V1__StaffRole **old = c->staff;
    c->staff = all;
    c->n_staff = n_old + n_new;
    /* Each chief's deputy sits in the steering group too (VG §11.1). */
    size_t n_chiefs = c->n_steering_group;
    Fcavtal__V1__SteeringMember deputies[8], **group = calloc(2 * n_chiefs, sizeof *group);
    static const char *const names[] = { "Nora Lind", "Oskar Dahl", "Petra Sund", "Rami Aziz",
                                         "Selma Ek", "Tove Berg", "Ulf Holm", "Vera Ås" };
    memcpy(group, c->steering_group, n_chiefs * sizeof *group);
    for (size_t i = 0; i < n_chiefs && i < 8; i++) {
        fcavtal__v1__steering_member__init(&deputies[i]);
        deputies[i].name = (char *)names[i];
        deputies[i].title = "biträdande enhetschef";
        deputies[i].operation_id = c->steering_group[i]->operation_id;
        group[n_chiefs + i] = &deputies[i];
    }
    Fcavtal__V1__SteeringMember **old_group = c->steering_group;
    c->steering_group = group;
    c->n_steering_group = n_chiefs + (n_chiefs < 8 ? n_chiefs : 8);
    if (c->classification) {
        fcavtal__v1__classification__free_unpacked(c->classification, NULL);
        c->classification = NULL;
    }
    Fcavtal__V1__PutCentre put = FCAVTAL__V1__PUT_CENTRE__INIT;
    put.centre = c;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_CENTRE);
    req.put_centre = &put;
    rc_rep_t *rep = rc_call(&R, &req);
    int rc = rc_code(rep) == 0 ? 0 : -1;
    if (rc)
        fprintf(stderr, "bench: put_centre: %s\n", rc_describe(rep));
    rc_free(rep);
    c->staff = old;
    c->n_staff = n_old;
    c->steering_group = old_group;
    c->n_steering_group = n_chiefs;
    free(group);
    free(all);
    rc_free(cur);
    return rc;
}

/* Copy k of Angered's agreement, sent for signature: its id, or 0. */
static uint64_t copy_agreement(const Fcavtal__V1__Agreement *a, unsigned k)
{
    Fcavtal__V1__Agreement c = *a;
    char case_number[64];
    snprintf(case_number, sizeof case_number, "%s-%u", a->case_number, k);
    c.id = 0;
    c.case_number = case_number;
    c.status = 0;
    c.version = 0;
    c.n_signatures = 0;
    c.signatures = NULL;
    c.notice = NULL;
    c.current_end = NULL;
    c.current_end_reason = NULL;
    c.n_contacts = 0;
    /* The governing documents a typical agreement names (VG §15). */
    static const char *const titles[] = {
        "Gemensam verksamhetsplan för familjecentralen",
        "Riktlinjer för samverkan kring barn som behöver särskilt stöd",
        "Överenskommelse om gemensamma lokaler och säkerhet",
        "Rutin för informationsöverföring med samtycke",
        "Plan för gemensam kompetensutveckling 2024–2027",
    };
    Fcavtal__V1__GoverningDocument extra[5], *docs[10];
    Fcavtal__V1__Date date = FCAVTAL__V1__DATE__INIT;
    date.year = 2023, date.month = 10, date.day = 2;
    size_t n = 0;
    for (size_t i = 0; i < a->n_documents && n < 5; i++)
        docs[n++] = a->documents[i];
    for (size_t i = 0; i < 5; i++) {
        fcavtal__v1__governing_document__init(&extra[i]);
        extra[i].title = (char *)titles[i];
        extra[i].case_number = "SLK-2023-01107";
        extra[i].date = &date;
        docs[n++] = &extra[i];
    }
    c.documents = docs;
    c.n_documents = n;
    Fcavtal__V1__PutAgreement put = FCAVTAL__V1__PUT_AGREEMENT__INIT;
    put.agreement = &c;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_AGREEMENT);
    req.put_agreement = &put;
    rc_rep_t *rep = rc_call(&R, &req);
    uint64_t id = rc_code(rep) == 0 ? rep->agreement->id : 0;
    if (!id)
        fprintf(stderr, "bench: put_agreement: %s\n", rc_describe(rep));
    rc_free(rep);
    if (!id)
        return 0;
    rep = rc_send_for_signature(&R, id);
    if (rc_code(rep) != 0)
        id = 0;
    rc_free(rep);
    return id;
}

static bool synced(void *arg)
{
    (void)arg;
    Fcavtal__V1__FollowStatus q = FCAVTAL__V1__FOLLOW_STATUS__INIT;
    ProtobufCMessage *rep = tc_call(&S, "follow_status", &q.base, NULL);
    const Fcavtal__V1__FollowState *f = tc_body(rep, "follow");
    rc_rep_t *audit = rc_audit(&R, "", 0, 0, 1);
    bool done = f && f->live && audit && f->position == audit->seq;
    rc_free(audit);
    tc_free(rep);
    return done;
}

static uint8_t *pack_render(uint64_t agreement, unsigned n, size_t *size)
{
    Fcavtal__V1__RenderAgreement q = FCAVTAL__V1__RENDER_AGREEMENT__INIT;
    q.agreement_id = agreement;
    q.format = FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_PDF;
    Fcavtal__V1__RenderRequest req = FCAVTAL__V1__RENDER_REQUEST__INIT;
    char id[32];
    snprintf(id, sizeof id, "bench-%u", n);
    req.request_id = id;
    req.body_case = FCAVTAL__V1__RENDER_REQUEST__BODY_RENDER_AGREEMENT;
    req.render_agreement = &q;
    *size = fcavtal__v1__render_request__get_packed_size(&req);
    uint8_t *buf = malloc(*size);
    fcavtal__v1__render_request__pack(&req, buf);
    return buf;
}

static uint8_t *pack_get(uint64_t rendering, uint64_t offset, size_t *size)
{
    Fcavtal__V1__GetRendering q = FCAVTAL__V1__GET_RENDERING__INIT;
    q.rendering_id = rendering;
    q.offset = offset;
    Fcavtal__V1__RenderRequest req = FCAVTAL__V1__RENDER_REQUEST__INIT;
    req.request_id = "bench-get";
    req.body_case = FCAVTAL__V1__RENDER_REQUEST__BODY_GET_RENDERING;
    req.get_rendering = &q;
    *size = fcavtal__v1__render_request__get_packed_size(&req);
    uint8_t *buf = malloc(*size);
    fcavtal__v1__render_request__pack(&req, buf);
    return buf;
}

/* Sends and frees a packed request; 0 or -1. */
static int send_buf(uint8_t *buf, size_t size)
{
    int rc = buf ? fc_client_send(S.client, buf, size) : -1;
    free(buf);
    return rc;
}

static int send_render(uint64_t agreement, unsigned n)
{
    size_t size = 0;
    uint8_t *buf = pack_render(agreement, n, &size);
    return send_buf(buf, size);
}

static int send_get(uint64_t rendering, uint64_t offset)
{
    size_t size = 0;
    uint8_t *buf = pack_get(rendering, offset, &size);
    return send_buf(buf, size);
}

typedef struct {
    unsigned done, pages;
    size_t bytes;
    FILE *out;
} tally_t;

/* Renders and fetches agreements[from..to) with `in_flight` requests
 * outstanding. 0, or -1 on a failed reply. */
static int run(const uint64_t *agreements, unsigned from, unsigned to, unsigned in_flight,
               tally_t *t)
{
    unsigned next = from, outstanding = 0;
    while (t->done < to - from) {
        while (outstanding < in_flight && next < to) {
            if (send_render(agreements[next], next))
                return -1;
            next++, outstanding++;
        }
        uint8_t *raw;
        size_t size;
        if (fc_client_recv(S.client, &raw, &size))
            return fprintf(stderr, "bench: no reply\n"), -1;
        Fcavtal__V1__RenderReply *rep = fcavtal__v1__render_reply__unpack(NULL, size, raw);
        free(raw);
        if (!rep || rep->status->code != 0) {
            fprintf(stderr, "bench: %s\n", rep ? rep->status->message : "undecodable reply");
            return -1;
        }
        if (rep->body_case == FCAVTAL__V1__RENDER_REPLY__BODY_RENDERED) {
            if (send_get(rep->rendered->info->id, 0))
                return -1;
            t->pages = rep->rendered->info->pages;
        } else if (rep->rendering->next_offset) {
            if (send_get(rep->rendering->info->id, rep->rendering->next_offset))
                return -1;
        } else {
            t->bytes = rep->rendering->info->size;
            if (t->out && rep->rendering->content.len)
                fwrite(rep->rendering->content.data, 1, rep->rendering->content.len, t->out);
            t->out = NULL;
            t->done++, outstanding--;
        }
        fcavtal__v1__render_reply__free_unpacked(rep, NULL);
    }
    return 0;
}

static int setup(unsigned docs, uint64_t *agreements)
{
    R.h.keep_ports = true;
    if (rc_start(&R, NULL))
        return fprintf(stderr, "bench: the registry did not start\n"), -1;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s --endpoint %s import %s/deploy/sample/sample.json >/dev/null",
             FC_CLI_BIN, R.h.endpoint, FC_SOURCE_DIR);
    uint64_t angered = system(cmd) == 0 ? find_agreement("N167-0412/23") : 0;
    rc_rep_t *a = angered ? rc_get(&R, RC_BODY(GET_AGREEMENT), angered) : NULL;
    if (rc_code(a) != 0 || grow_staff(a->agreement->centre_id))
        return rc_free(a), fprintf(stderr, "bench: cannot load the sample\n"), -1;
    for (unsigned k = 0; k < docs; k++)
        if (!(agreements[k] = copy_agreement(a->agreement, k)))
            return rc_free(a), -1;
    rc_free(a);
    static char reg[128], pub[128];
    snprintf(reg, sizeof reg, "%s", R.h.endpoint);
    snprintf(pub, sizeof pub, "%s", R.h.pub_endpoint);
    const char *args[] = { "--registry", reg, "--registry-publish", pub, "--templates",
                           FC_SOURCE_DIR "/deploy/templates", "--auto-render", "off",
                           "--log-level", "error", NULL };
    S.binary = FC_RENDER_BIN;
    S.request_desc = &fcavtal__v1__render_request__descriptor;
    S.reply_desc = &fcavtal__v1__render_reply__descriptor;
    S.timeout_ms = 30000;
    if (tc_start(&S, args) || !fc_harness_wait(synced, NULL, 60000))
        return fprintf(stderr, "bench: render did not catch up\n"), -1;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned docs = 60, in_flight = 4;
    const char *out_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--docs") && i + 1 < argc)
            docs = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--in-flight") && i + 1 < argc)
            in_flight = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out_path = argv[++i];
        else
            return fprintf(stderr, "usage: fcavtal-bench-render-service [--docs N] "
                                   "[--in-flight K] [--out FILE]\n"), 2;
    }
    if (docs <= WARM_UP || in_flight == 0)
        return fprintf(stderr, "bench: --docs must exceed %d\n", WARM_UP), 2;
    uint64_t *agreements = calloc(docs, sizeof *agreements);
    int rc = agreements && setup(docs, agreements) == 0 ? 0 : 1;
    tally_t warm = { 0 }, timed = { 0 };
    warm.out = out_path ? fopen(out_path, "wb") : NULL;
    FILE *out = warm.out;
    if (!rc)
        rc = run(agreements, 0, WARM_UP, 1, &warm) ? 1 : 0;
    double start = now();
    if (!rc)
        rc = run(agreements, WARM_UP, docs, in_flight, &timed) ? 1 : 0;
    double elapsed = now() - start;
    if (out)
        fclose(out);
    if (!rc)
        printf("service: %u PDF documents of %u pages (%zu bytes) in %.3f s, %u in flight: "
               "%.1f documents/s\n",
               timed.done, timed.pages, timed.bytes, elapsed, in_flight,
               timed.done / elapsed);
    tc_cleanup(&S);
    rc_cleanup(&R);
    free(agreements);
    return rc;
}
