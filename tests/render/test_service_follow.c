/* fcavtal-render on the real registry: the documents come from the data
 * the follower brought, a rendered document is published with its SHA-256,
 * an agreement that goes out for signature or becomes active is rendered
 * without being asked, and a new version renders anew while the old
 * rendering stays. */
#include <criterion/criterion.h>
#include <czmq.h>
#include <string.h>

#include <unistd.h>

#include "pdf_tools.h"
#include "render_service.h"

#define ANGERED "N167-0412/23"
#define VIVALLA "19RS0153"

static rs_t S;
static zsock_t *SUB;

static void teardown(void)
{
    zsock_destroy(&SUB);
    rs_cleanup(&S);
}

static void subscribe(void)
{
    SUB = zsock_new_sub(S.svc.h.pub_endpoint, "render.");
    cr_assert_not_null(SUB);
    zsock_set_rcvtimeo(SUB, 20000);
    zclock_sleep(300);   /* ZeroMQ says nothing when a subscription reaches the publisher */
}

/* The next event other than a heartbeat; owned. */
static Fcavtal__V1__RenderEvent *next_event(char *topic, size_t size)
{
    for (;;) {
        zmsg_t *msg = zmsg_recv(SUB);
        cr_assert_not_null(msg, "no event from render within 20 s");
        zframe_t *t = zmsg_first(msg), *p = zmsg_next(msg);
        snprintf(topic, size, "%.*s", (int)zframe_size(t), (const char *)zframe_data(t));
        Fcavtal__V1__RenderEvent *ev = strstr(topic, "heartbeat") ? NULL
            : fcavtal__v1__render_event__unpack(NULL, zframe_size(p), zframe_data(p));
        zmsg_destroy(&msg);
        if (ev)
            return ev;
        cr_assert(strstr(topic, "heartbeat"), "an event that does not decode: %s", topic);
    }
}

static char *text_of(const uint8_t *bytes, size_t size)
{
    char *t = malloc(size + 1);
    memcpy(t, bytes, size);
    t[size] = '\0';
    return t;
}

Test(follow, renders_from_the_data_that_arrived_through_the_follower, .fini = teardown)
{
    cr_assert_eq(rs_start(&S, false, NULL), 0);
    rs_rep_t *rep = rs_render(&S, 3, 0, RS_MD, false);
    cr_assert_eq(tc_code((ProtobufCMessage *)rep), FC_NOT_FOUND, "%s", rs_describe(rep));
    cr_assert(strstr(rep->status->message, "no agreement 3"), "%s", rep->status->message);
    tc_free((ProtobufCMessage *)rep);

    cr_assert_eq(rs_import_sample(&S), 0);
    cr_assert(rs_wait_synced(&S, 30000), "render caught up with the registry");
    uint64_t id = rs_agreement(&S, ANGERED);
    cr_assert_neq(id, 0);
    size_t size;
    uint8_t *bytes = rs_document(&S, id, 0, RS_MD, &size, &rep);
    cr_assert_not_null(bytes, "%s", rs_describe(rep));
    char *md = text_of(bytes, size);
    const char *const expect[] = { "Familjecentralen Angered", "Barnavårdscentralen Angered",
                                   "232100-0131", "Öppna förskolan Angered", "212000-1355",
                                   "Angereds Torg 9, 424 65 Angered", "Leila Haddad" };
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++)
        cr_expect(strstr(md, expect[i]), "the document names '%s'", expect[i]);
    free(md);
    free(bytes);
    tc_free((ProtobufCMessage *)rep);
}

Test(follow, publishes_the_sha256_of_every_document_rendered, .fini = teardown)
{
    const char *const no_auto[] = { "--auto-render", "off", NULL };
    cr_assert_eq(rs_start(&S, true, no_auto), 0);
    subscribe();
    rs_rep_t *rep = rs_render(&S, rs_agreement(&S, VIVALLA), 0, RS_HTML, false);
    cr_assert_eq(tc_code((ProtobufCMessage *)rep), 0, "%s", rs_describe(rep));
    char topic[128];
    Fcavtal__V1__RenderEvent *ev = next_event(topic, sizeof topic);
    cr_assert_str_eq(topic, "render.rendering.created");
    cr_assert_str_eq(ev->action, "rendering.created");
    cr_assert_eq(ev->entity_case, FCAVTAL__V1__RENDER_EVENT__ENTITY_RENDERING);
    cr_assert_str_eq(ev->rendering->sha256, rep->rendered->info->sha256);
    cr_assert_eq(strlen(ev->rendering->sha256), 64);
    cr_assert_str_eq(ev->rendering->case_number, VIVALLA);
    cr_assert_eq(ev->rendering->size, rep->rendered->info->size);
    cr_assert_eq(ev->seq, rep->seq, "the event is the one the reply's sequence names");
    fcavtal__v1__render_event__free_unpacked(ev, NULL);
    tc_free((ProtobufCMessage *)rep);
}

static bool has_rendering(rs_t *s, uint64_t agreement, uint32_t version, int format, bool draft,
                          char sha[65])
{
    rs_rep_t *rep = rs_list(s, agreement, version, format);
    bool found = false;
    for (size_t i = 0; rep && rep->renderings && i < rep->renderings->n_items && !found; i++) {
        const Fcavtal__V1__RenderingInfo *r = rep->renderings->items[i];
        found = r->draft == draft;
        if (found && sha)
            snprintf(sha, 65, "%s", r->sha256);
    }
    tc_free((ProtobufCMessage *)rep);
    return found;
}

Test(follow, renders_when_an_agreement_goes_out_for_signature_or_becomes_active,
     .fini = teardown)
{
    cr_assert_eq(rs_start(&S, true, NULL), 0);
    uint64_t angered = rs_agreement(&S, ANGERED), vivalla = rs_agreement(&S, VIVALLA);
    /* As the sample arrived: Angered out for signature, Vivalla active. */
    cr_assert(has_rendering(&S, angered, 1, RS_PDF, false, NULL));
    cr_assert(has_rendering(&S, vivalla, 1, RS_PDF, false, NULL));
    cr_assert_not(has_rendering(&S, rs_agreement(&S, "Lokalt samverkansavtal för "
                                                     "Familjecentralen Majorna"), 0, 0, true,
                                NULL), "a draft is not rendered unasked");
    subscribe();
    cr_assert_eq(rs_sign_all(&S, angered, "2024-01-10"), 0);
    rc_rep_t *a = rs_registry_agreement(&S, angered);
    cr_assert_eq(a->agreement->status, RC_STATUS(ACTIVE));
    uint32_t active = a->agreement->version;
    rc_free(a);
    /* One document per version the signatures made, the last one active. */
    char topic[128], sha[65];
    for (uint32_t v = 2; v <= active; v++) {
        Fcavtal__V1__RenderEvent *ev = next_event(topic, sizeof topic);
        cr_assert_str_eq(topic, "render.rendering.created");
        cr_assert_eq(ev->rendering->agreement_id, angered);
        cr_assert_eq(ev->rendering->version, v);
        cr_assert_eq(ev->rendering->format, RS_PDF);
        cr_assert_not(ev->rendering->draft);
        if (v == active) {
            cr_assert_eq(ev->rendering->agreement_status, RC_STATUS(ACTIVE));
            cr_assert(has_rendering(&S, angered, v, RS_PDF, false, sha));
            cr_assert_str_eq(sha, ev->rendering->sha256);
            cr_assert(ev->rendering->document_date->year == 2024
                      && ev->rendering->document_date->month == 1
                      && ev->rendering->document_date->day == 10,
                      "dated by its last signature");
        }
        fcavtal__v1__render_event__free_unpacked(ev, NULL);
    }
}

/* Amends Vivalla (active): one governing document more, every party's
 * organisation approving. */
static void amend_vivalla(uint64_t id)
{
    rc_rep_t *cur = rs_registry_agreement(&S, id);
    cr_assert_eq(rc_code(cur), 0);
    Fcavtal__V1__Agreement *a = cur->agreement;
    Fcavtal__V1__GoverningDocument doc = FCAVTAL__V1__GOVERNING_DOCUMENT__INIT;
    Fcavtal__V1__Date d = rc_date("2024-11-05");
    doc.title = "Reviderad verksamhetsplan för Vivalla familjecentral";
    doc.case_number = "ÖK 2024-0917";
    doc.date = &d;
    Fcavtal__V1__GoverningDocument **docs = calloc(a->n_documents + 1, sizeof *docs);
    memcpy(docs, a->documents, a->n_documents * sizeof *docs);
    docs[a->n_documents] = &doc;
    Fcavtal__V1__GoverningDocument **old = a->documents;
    size_t n_old = a->n_documents;
    a->documents = docs;
    a->n_documents = n_old + 1;
    uint64_t orgs[8];
    size_t n = 0;
    for (size_t i = 0; i < a->n_parties; i++) {
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen |= orgs[j] == a->parties[i]->organisation_id;
        if (!seen)
            orgs[n++] = a->parties[i]->organisation_id;
    }
    Fcavtal__V1__AmendAgreement am = FCAVTAL__V1__AMEND_AGREEMENT__INIT;
    am.agreement_id = id;
    am.agreement = a;
    am.approved_by = orgs;
    am.n_approved_by = n;
    am.note = "ny verksamhetsplan";
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(AMEND);
    req.amend = &am;
    rc_rep_t *rep = rc_call(&S.reg, &req);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    a->documents = old;
    a->n_documents = n_old;
    free(docs);
    rc_free(cur);
}

Test(follow, a_new_version_renders_anew_and_the_old_rendering_stays, .fini = teardown)
{
    cr_assert_eq(rs_start(&S, true, NULL), 0);
    uint64_t id = rs_agreement(&S, VIVALLA);
    size_t size1, size2;
    rs_rep_t *r1, *r2;
    uint8_t *v1 = rs_document(&S, id, 0, RS_PDF, &size1, &r1);
    cr_assert_not_null(v1, "%s", rs_describe(r1));
    cr_assert_eq(r1->rendered->info->version, 1);
    amend_vivalla(id);
    cr_assert(rs_wait_synced(&S, 30000));
    uint8_t *v2 = rs_document(&S, id, 0, RS_PDF, &size2, &r2);
    cr_assert_not_null(v2, "%s", rs_describe(r2));
    cr_assert_eq(r2->rendered->info->version, 2);
    cr_assert_str_neq(r1->rendered->info->sha256, r2->rendered->info->sha256);
    cr_assert(size1 != size2 || memcmp(v1, v2, size1) != 0, "different bytes");
    char *path = tool_write_temp(v2, size2, ".pdf");
    char *text = tool_pdf_text(path, 0);
    cr_assert(strstr(text, "Reviderad verksamhetsplan för Vivalla familjecentral (dnr ÖK "
                           "2024-0917),\n2024-11-05"), "%s", text);
    cr_assert(strstr(text, "Version 2 · 2025-01-15"), "an amendment is dated the day it "
              "arrived (render runs --today 2025-01-15)");
    unlink(path);
    free(path);
    free(text);
    /* Version 1 is still there, byte for byte. */
    size_t again_size;
    uint8_t *again = rs_fetch(&S, r1->rendered->info->id, 0, &again_size);
    cr_assert_not_null(again);
    cr_assert_eq(again_size, size1);
    cr_assert_eq(memcmp(again, v1, size1), 0);
    rs_rep_t *old = rs_render(&S, id, 1, RS_PDF, false);
    cr_assert_eq(tc_code((ProtobufCMessage *)old), 0, "%s", rs_describe(old));
    cr_assert_eq(old->rendered->info->id, r1->rendered->info->id, "the stored one, not a new one");
    cr_assert_not(old->rendered->created);
    rs_rep_t *list = rs_list(&S, id, 0, RS_PDF);
    cr_assert_eq(list->renderings->n_items, 2, "both versions are listed");
    cr_assert_eq(list->renderings->items[0]->version, 1);
    cr_assert_eq(list->renderings->items[1]->version, 2);
    tc_free((ProtobufCMessage *)list);
    tc_free((ProtobufCMessage *)old);
    free(again);
    free(v1);
    free(v2);
    tc_free((ProtobufCMessage *)r1);
    tc_free((ProtobufCMessage *)r2);
}
