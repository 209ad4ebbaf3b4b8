/* Stored renderings: the same version renders to the same bytes (asked
 * twice, and by a second render service following the same registry), the
 * stored SHA-256 is the bytes', renderings are listed with it, fetched in
 * pages, verified (a changed byte is caught), and a request repeated with
 * its request id is answered once. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/render.h"
#include "render_service.h"

#define ANGERED "N167-0412/23"
#define VIVALLA "19RS0153"

static rs_t S;

static void setup(void)
{
    const char *const no_auto[] = { "--auto-render", "off", NULL };
    cr_assert_eq(rs_start(&S, true, no_auto), 0, "registry and render did not come up");
}

static void teardown(void)
{
    rs_cleanup(&S);
}

TestSuite(store, .init = setup, .fini = teardown);

Test(store, the_same_version_gives_the_same_bytes_and_its_stored_sha256)
{
    uint64_t id = rs_agreement(&S, ANGERED);
    for (int format = RS_MD; format <= RS_PDF; format++) {
        size_t n1, n2;
        rs_rep_t *r1, *r2;
        uint8_t *b1 = rs_document(&S, id, 0, format, &n1, &r1);
        uint8_t *b2 = rs_document(&S, id, 0, format, &n2, &r2);
        cr_assert_not_null(b1, "%s", rs_describe(r1));
        cr_assert_not_null(b2, "%s", rs_describe(r2));
        cr_assert(r1->rendered->created, "the first request renders");
        cr_assert_not(r2->rendered->created, "the second returns what is stored");
        cr_assert_eq(r1->rendered->info->id, r2->rendered->info->id);
        cr_assert_eq(n1, n2);
        cr_assert_eq(memcmp(b1, b2, n1), 0);
        char hex[65];
        rnd_sha256_hex(b1, n1, hex);
        cr_assert_str_eq(hex, r1->rendered->info->sha256, "format %d", format);
        cr_assert_eq(r1->rendered->info->size, n1);
        free(b1);
        free(b2);
        tc_free((ProtobufCMessage *)r1);
        tc_free((ProtobufCMessage *)r2);
    }
}

Test(store, a_second_render_service_makes_the_same_bytes)
{
    rs_t other = S;   /* the same registry ... */
    memset(&other.svc, 0, sizeof other.svc);   /* ... and a render service of its own */
    const char *const no_auto[] = { "--auto-render", "off", NULL };
    cr_assert_eq(rs_start_render(&other, no_auto), 0);
    cr_assert(rs_wait_synced(&other, 30000));
    uint64_t id = rs_agreement(&S, VIVALLA);
    size_t n1, n2;
    rs_rep_t *r1, *r2;
    uint8_t *b1 = rs_document(&S, id, 0, RS_PDF, &n1, &r1);
    uint8_t *b2 = rs_document(&other, id, 0, RS_PDF, &n2, &r2);
    cr_assert_not_null(b1, "%s", rs_describe(r1));
    cr_assert_not_null(b2, "%s", rs_describe(r2));
    cr_assert(r2->rendered->created, "rendered anew by the other service");
    cr_assert_str_eq(r1->rendered->info->sha256, r2->rendered->info->sha256);
    cr_assert(n1 == n2 && memcmp(b1, b2, n1) == 0, "byte for byte");
    free(b1);
    free(b2);
    tc_free((ProtobufCMessage *)r1);
    tc_free((ProtobufCMessage *)r2);
    tc_cleanup(&other.svc);
}

Test(store, lists_the_renderings_of_an_agreement_with_their_sha256)
{
    uint64_t id = rs_agreement(&S, ANGERED);
    char sha[3][65];
    for (int format = RS_MD; format <= RS_PDF; format++) {
        rs_rep_t *rep = rs_render(&S, id, 0, format, false);
        cr_assert_eq(tc_code((ProtobufCMessage *)rep), 0, "%s", rs_describe(rep));
        snprintf(sha[format - 1], 65, "%s", rep->rendered->info->sha256);
        tc_free((ProtobufCMessage *)rep);
    }
    rs_rep_t *review = rs_render(&S, id, 0, RS_PDF, true);
    cr_assert_eq(tc_code((ProtobufCMessage *)review), 0);
    cr_assert(review->rendered->info->draft, "a review copy is marked UTKAST");
    cr_assert_str_neq(review->rendered->info->sha256, sha[2]);
    tc_free((ProtobufCMessage *)review);
    rs_rep_t *all = rs_list(&S, id, 0, 0);
    cr_assert_eq(tc_code((ProtobufCMessage *)all), 0);
    cr_assert_eq(all->renderings->n_items, 4);
    for (int i = 0; i < 3; i++) {
        const Fcavtal__V1__RenderingInfo *r = all->renderings->items[i];
        cr_expect_eq((int)r->format, i + 1);
        cr_expect_str_eq(r->sha256, sha[i]);
        cr_expect_eq(r->version, 1);
        cr_expect_str_eq(r->case_number, ANGERED);
        cr_expect_str_eq(r->template_name, "vg-local.md");
        cr_expect_eq(strlen(r->template_sha256), 64);
    }
    tc_free((ProtobufCMessage *)all);
    rs_rep_t *pdfs = rs_list(&S, id, 0, RS_PDF);
    cr_assert_eq(pdfs->renderings->n_items, 2, "the final PDF and the review copy");
    tc_free((ProtobufCMessage *)pdfs);
}

Test(store, fetches_a_document_in_pages)
{
    size_t size;
    rs_rep_t *rep;
    uint8_t *whole = rs_document(&S, rs_agreement(&S, ANGERED), 0, RS_PDF, &size, &rep);
    cr_assert_not_null(whole, "%s", rs_describe(rep));
    size_t paged_size;
    uint8_t *paged = rs_fetch(&S, rep->rendered->info->id, 4096, &paged_size);
    cr_assert_not_null(paged);
    cr_assert_eq(paged_size, size);
    cr_assert_eq(memcmp(paged, whole, size), 0, "pages of 4 KiB add up to the document");
    Fcavtal__V1__GetRendering q = FCAVTAL__V1__GET_RENDERING__INIT;
    q.rendering_id = rep->rendered->info->id;
    q.offset = size + 1;
    rs_rep_t *past = rs_call(&S, "get_rendering", &q.base);
    cr_assert_eq(tc_code((ProtobufCMessage *)past), FC_OUT_OF_RANGE, "%s", rs_describe(past));
    tc_free((ProtobufCMessage *)past);
    free(paged);
    free(whole);
    tc_free((ProtobufCMessage *)rep);
}

Test(store, verify_catches_a_changed_byte)
{
    uint64_t id = rs_agreement(&S, ANGERED);
    size_t size;
    rs_rep_t *rep;
    uint8_t *pdf = rs_document(&S, id, 0, RS_PDF, &size, &rep);
    cr_assert_not_null(pdf, "%s", rs_describe(rep));
    rs_rep_t *ok = rs_verify(&S, id, pdf, size);
    cr_assert_eq(tc_code((ProtobufCMessage *)ok), 0, "%s", rs_describe(ok));
    cr_assert(ok->verification->matches);
    cr_assert_eq(ok->verification->stored->id, rep->rendered->info->id);
    cr_assert_str_eq(ok->verification->sha256, rep->rendered->info->sha256);
    pdf[size / 2] ^= 0x01;
    rs_rep_t *bad = rs_verify(&S, id, pdf, size);
    cr_assert_eq(tc_code((ProtobufCMessage *)bad), 0, "%s", rs_describe(bad));
    cr_assert_not(bad->verification->matches, "one changed bit is caught");
    cr_assert_str_neq(bad->verification->sha256, rep->rendered->info->sha256);
    cr_assert_geq(bad->verification->compared, 1);
    /* By the hash alone, against one rendering. */
    Fcavtal__V1__VerifyRendering q = FCAVTAL__V1__VERIFY_RENDERING__INIT;
    q.rendering_id = rep->rendered->info->id;
    q.sha256 = rep->rendered->info->sha256;
    rs_rep_t *by_hash = rs_call(&S, "verify_rendering", &q.base);
    cr_assert_eq(tc_code((ProtobufCMessage *)by_hash), 0, "%s", rs_describe(by_hash));
    cr_assert(by_hash->verification->matches);
    tc_free((ProtobufCMessage *)by_hash);
    tc_free((ProtobufCMessage *)ok);
    tc_free((ProtobufCMessage *)bad);
    free(pdf);
    tc_free((ProtobufCMessage *)rep);
}

Test(store, a_repeated_request_id_is_answered_once)
{
    Fcavtal__V1__RenderAgreement q = FCAVTAL__V1__RENDER_AGREEMENT__INIT;
    q.agreement_id = rs_agreement(&S, VIVALLA);
    q.format = RS_HTML;
    rs_rep_t *first = (rs_rep_t *)tc_call(&S.svc, "render_agreement", &q.base, "render-once");
    cr_assert_eq(tc_code((ProtobufCMessage *)first), 0, "%s", rs_describe(first));
    uint64_t seq = rs_seq(&S);
    rs_rep_t *again = (rs_rep_t *)tc_call(&S.svc, "render_agreement", &q.base, "render-once");
    cr_assert_eq(tc_code((ProtobufCMessage *)again), 0);
    cr_assert(again->rendered->created, "the first reply, sent again");
    cr_assert_eq(again->rendered->info->id, first->rendered->info->id);
    cr_assert_eq(rs_seq(&S), seq, "no second event");
    q.format = RS_PDF;
    rs_rep_t *other = (rs_rep_t *)tc_call(&S.svc, "render_agreement", &q.base, "render-once");
    cr_assert_eq(tc_code((ProtobufCMessage *)other), FC_ALREADY_EXISTS, "%s", rs_describe(other));
    tc_free((ProtobufCMessage *)first);
    tc_free((ProtobufCMessage *)again);
    tc_free((ProtobufCMessage *)other);
}
