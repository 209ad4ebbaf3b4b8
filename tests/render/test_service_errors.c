/* What fcavtal-render refuses, and that a refusal changes nothing: an
 * unknown agreement, an unknown format, a malformed message, a write
 * without a request id, an agreement no template renders, and a final
 * document whose mandatory sections are empty (listed one by one, and
 * reported as an event when it was to be rendered automatically). */
#include <criterion/criterion.h>
#include <string.h>

#include "render_service.h"

static rs_t S;

static void teardown(void)
{
    rs_cleanup(&S);
}

static size_t stored(uint64_t agreement)
{
    rs_rep_t *rep = rs_list(&S, agreement, 0, 0);
    cr_assert_eq(tc_code((ProtobufCMessage *)rep), 0, "%s", rs_describe(rep));
    size_t n = rep->renderings->n_items;
    tc_free((ProtobufCMessage *)rep);
    return n;
}

static bool has_violation(const rs_rep_t *rep, const char *field, const char *needle)
{
    for (size_t i = 0; rep && i < rep->status->n_violations; i++)
        if (!strcmp(rep->status->violations[i]->field, field)
            && strstr(rep->status->violations[i]->description, needle))
            return true;
    return false;
}

Test(errors, bad_input_gets_a_clear_error_and_changes_nothing, .fini = teardown)
{
    const char *const no_auto[] = { "--auto-render", "off", NULL };
    cr_assert_eq(rs_start(&S, true, no_auto), 0);
    uint64_t angered = rs_agreement(&S, "N167-0412/23");
    uint64_t seq = rs_seq(&S);

    rs_rep_t *rep = rs_render(&S, 999, 0, RS_PDF, false);
    cr_expect_eq(tc_code((ProtobufCMessage *)rep), FC_NOT_FOUND, "%s", rs_describe(rep));
    cr_expect(strstr(rep->status->message, "the registry has no agreement 999"), "%s",
              rs_describe(rep));
    tc_free((ProtobufCMessage *)rep);

    rep = rs_render(&S, angered, 0, 7, false);
    cr_expect_eq(tc_code((ProtobufCMessage *)rep), FC_INVALID_ARGUMENT, "%s", rs_describe(rep));
    cr_expect(has_violation(rep, "render_agreement.format", "7 is not a format"), "%s",
              rs_describe(rep));
    tc_free((ProtobufCMessage *)rep);
    rep = rs_render(&S, angered, 0, 0, false);
    cr_expect_eq(tc_code((ProtobufCMessage *)rep), FC_INVALID_ARGUMENT, "%s", rs_describe(rep));
    tc_free((ProtobufCMessage *)rep);

    rep = rs_render(&S, 0, 0, RS_PDF, false);
    cr_expect(has_violation(rep, "render_agreement.agreement_id", "required"), "%s",
              rs_describe(rep));
    tc_free((ProtobufCMessage *)rep);

    rep = rs_render(&S, angered, 9, RS_PDF, false);
    cr_expect_eq(tc_code((ProtobufCMessage *)rep), FC_NOT_FOUND, "%s", rs_describe(rep));
    cr_expect(strstr(rep->status->message, "no version 9"), "%s", rs_describe(rep));
    tc_free((ProtobufCMessage *)rep);

    rep = rs_render(&S, rs_agreement(&S, "RS 2019-0829"), 0, RS_PDF, false);
    cr_expect_eq(tc_code((ProtobufCMessage *)rep), FC_NOT_FOUND, "%s", rs_describe(rep));
    cr_expect(strstr(rep->status->message, "framework agreements"), "%s", rs_describe(rep));
    tc_free((ProtobufCMessage *)rep);

    static const uint8_t garbage[] = { 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x52, 0x03 };
    cr_assert_eq(fc_client_send(S.svc.client, garbage, sizeof garbage), 0);
    uint8_t *raw = NULL;
    size_t raw_size = 0;
    cr_assert_eq(fc_client_recv(S.svc.client, &raw, &raw_size), 0, "a reply even to garbage");
    rep = fcavtal__v1__render_reply__unpack(NULL, raw_size, raw);
    free(raw);
    cr_assert_not_null(rep);
    cr_expect_eq(rep->status->code, FC_INVALID_ARGUMENT, "%s", rs_describe(rep));
    cr_expect(strstr(rep->status->message, "malformed request"), "%s", rs_describe(rep));
    tc_free((ProtobufCMessage *)rep);

    Fcavtal__V1__RenderAgreement q = FCAVTAL__V1__RENDER_AGREEMENT__INIT;
    q.agreement_id = angered;
    q.format = RS_PDF;
    rep = (rs_rep_t *)tc_call(&S.svc, "render_agreement", &q.base, "");
    cr_expect_eq(tc_code((ProtobufCMessage *)rep), FC_INVALID_ARGUMENT, "%s", rs_describe(rep));
    cr_expect(strstr(rep->status->message, "request_id"), "%s", rs_describe(rep));
    tc_free((ProtobufCMessage *)rep);

    cr_expect_eq(rs_seq(&S), seq, "no event: nothing changed");
    cr_expect_eq(stored(angered), 0, "nothing stored");
}

/* The registry test world: a VG framework, a centre with all four base
 * operations and an address, but no coordinator, steering group or staff,
 * and a local agreement without governing documents. */
static uint64_t sparse_agreement(void)
{
    rc_world_t w;
    cr_assert_eq(rc_world(&S.reg, &w), 0);
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&w, parties);
    uint64_t id = rc_agreement(&S.reg, &spec);
    cr_assert_neq(id, 0);
    return id;
}

static const char *const MISSING[] = {
    "Avtalets utgångspunkter (vg-local.md:",
    "Styrgrupp (vg-local.md:", "Samordnare (vg-local.md:", "Personalgrupp (vg-local.md:",
    "Finansiering (vg-local.md:",
};
#define N_MISSING (sizeof MISSING / sizeof MISSING[0])

Test(errors, an_incomplete_final_document_is_refused_with_what_is_missing, .fini = teardown)
{
    cr_assert_eq(rs_start(&S, false, NULL), 0);
    uint64_t id = sparse_agreement();
    cr_assert(rs_wait_synced(&S, 30000));
    /* As a draft it renders, marked, with the gaps as warnings. */
    rs_rep_t *draft = rs_render(&S, id, 0, RS_MD, false);
    cr_assert_eq(tc_code((ProtobufCMessage *)draft), 0, "%s", rs_describe(draft));
    cr_assert(draft->rendered->info->draft);
    cr_assert_eq(draft->rendered->info->n_warnings, N_MISSING);
    tc_free((ProtobufCMessage *)draft);

    rc_rep_t *sent = rc_send_for_signature(&S.reg, id);
    cr_assert_eq(rc_code(sent), 0, "%s", rc_describe(sent));
    rc_free(sent);
    cr_assert(rs_wait_synced(&S, 30000));
    uint64_t seq = rs_seq(&S);
    rs_rep_t *rep = rs_render(&S, id, 0, RS_PDF, false);
    cr_assert_eq(tc_code((ProtobufCMessage *)rep), FC_FAILED_PRECONDITION, "%s",
                 rs_describe(rep));
    cr_assert_eq(rep->status->n_violations, N_MISSING, "%s", rs_describe(rep));
    for (size_t i = 0; i < N_MISSING; i++) {
        cr_expect_str_eq(rep->status->violations[i]->field, "section");
        cr_expect(strstr(rep->status->violations[i]->description, MISSING[i]), "%zu: %s", i,
                  rep->status->violations[i]->description);
    }
    cr_expect(strstr(rep->status->violations[2]->description,
                     "'coordinator.name', 'coordinator.fte' are empty"),
              "%s", rep->status->violations[2]->description);
    cr_expect(strstr(rep->status->message, "5 mandatory headings without content"), "%s",
              rep->status->message);
    tc_free((ProtobufCMessage *)rep);
    cr_expect_eq(rs_seq(&S), seq, "nothing published");
    rs_rep_t *list = rs_list(&S, id, 2, 0);
    cr_expect_eq(list->renderings->n_items, 0, "nothing stored for the refused version");
    tc_free((ProtobufCMessage *)list);
}

Test(errors, an_automatic_rendering_that_cannot_be_made_is_reported, .fini = teardown)
{
    cr_assert_eq(rs_start(&S, false, NULL), 0);
    uint64_t id = sparse_agreement();
    rc_rep_t *sent = rc_send_for_signature(&S.reg, id);
    cr_assert_eq(rc_code(sent), 0, "%s", rc_describe(sent));
    rc_free(sent);
    cr_assert(rs_wait_synced(&S, 30000));
    ProtobufCMessage **events;
    size_t n = tc_audit(&S.svc, 0, &events);
    cr_assert_neq(n, (size_t)-1);
    const Fcavtal__V1__RenderRefusal *found = NULL;
    for (size_t i = 0; i < n && !found; i++) {
        const Fcavtal__V1__RenderEvent *ev = (const Fcavtal__V1__RenderEvent *)events[i];
        if (ev->entity_case == FCAVTAL__V1__RENDER_EVENT__ENTITY_REFUSAL)
            found = ev->refusal;
    }
    cr_assert_not_null(found, "the case-management system hears why there is no document");
    cr_expect_str_eq(((const Fcavtal__V1__RenderEvent *)events[n - 1])->action,
                     "refusal.created");
    cr_expect_eq(found->agreement_id, id);
    cr_expect_eq(found->version, 2);
    cr_expect_eq(found->format, RS_PDF);
    cr_expect_str_eq(found->case_number, "SLK-2023-00875");
    cr_assert_eq(found->n_missing, N_MISSING);
    for (size_t i = 0; i < N_MISSING; i++)
        cr_expect(strstr(found->missing[i], MISSING[i]), "%s", found->missing[i]);
    tc_free_all(events, n);
}
