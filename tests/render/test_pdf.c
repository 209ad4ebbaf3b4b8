/* The PDF of the sample VG agreement, read back as an archivist would:
 * pdftotext finds every party, org number, date and heading in order with
 * å, ä and ö intact; every page has its header and "Sida N av M"; pdfinfo
 * and qpdf --check find nothing wrong; fonts are embedded; each signature
 * block is on one page. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf_tools.h"
#include "sample_context.h"

static rnd_document_t *doc;
static char *path;

static void render_sample(void)
{
    rnd_value_t *ctx = sample_vg_local();
    cr_assert_not_null(ctx);
    rnd_meta_t meta = sample_vg_meta(1, false);
    rnd_error_t err = RND_ERROR_INIT;
    fc_status_t st = tool_render("vg-local.md", ctx, &meta, RND_FORMAT_PDF, &doc, &err);
    cr_assert_eq(st, FC_OK, "%s", err.message);
    rnd_error_reset(&err);
    rnd_value_destroy(&ctx);
    path = tool_write_temp(doc->bytes, doc->size, ".pdf");
    cr_assert_not_null(path);
}

static void cleanup(void)
{
    if (path)
        unlink(path);
    free(path);
    rnd_document_destroy(&doc);
}

TestSuite(pdf, .init = render_sample, .fini = cleanup);

Test(pdf, holds_parties_numbers_dates_and_headings_in_order)
{
    char *text = tool_pdf_text(path, 0);
    cr_assert_not_null(text);
    const char *const order[] = {
        "Lokalt samverkansavtal för Familjecentralen Hjällbo",
        "1. Avtalsparter och placering",
        "Barnavårdscentralen Hjällbo", "232100-0131",
        "Barnmorskemottagningen Hjällbo", "232100-0131",
        "Öppna förskolan Hjällbo", "212000-1355",
        "Socialtjänsten Angered, förebyggande enheten", "212000-1355",
        "Hjällbo torg 5, 424 39 Angered",
        "2. Avtalstid", "2025-03-01", "2029-02-28", "sex månaders varsel", "2028-08-28",
        "3. Avtalets utgångspunkter", "RS 2023-01482", "SLK-2023-00875",
        "4. Syfte med avtalet",
        "5. Familjecentralens uppdrag och mål", "5.1 Övergripande uppdrag och mål",
        "5.2 Lokala mål och uppföljning",
        "6. Parternas gemensamma ansvar", "timmar per månad",
        "7. Parternas enskilda ansvar",
        "8. Styrgrupp", "Eva Lindqvist", "Karin Åberg",
        "9. Samordnare", "Sofia Öberg", "0,50",
        "10. Personalgrupp", "Barnmorska", "Familjebehandlare",
        "11. Sekretess och informationsöverföring",
        "12. Systematiskt brandskyddsarbete",
        "13. Hot och våld",
        "14. Försäkring",
        "15. Finansiering", "15.1 Lokaler", "15.2 Personalkostnader", "15.3 Samordnare",
        "412 400,00 kr", "103 100,00 kr", /* pdftotext gives U+00A0 as a space */
        "16. Ändringar och tillägg i avtalet",
        "17. Tvist",
        "18. Underskrift", "fyra likalydande exemplar",
        "För Barnavårdscentralen Hjällbo", "2025-01-20, Göteborg", "Namnförtydligande",
    };
    const char *missing = tool_first_out_of_order(text, order, sizeof order / sizeof order[0]);
    cr_expect_null(missing, "not found in order: '%s'", missing);
    /* å, ä and ö come back as themselves, never as "?" or two-byte noise. */
    cr_expect_null(strstr(text, "\xc3\x83"));
    cr_expect_not_null(strstr(text, "Västra Götalandsregionen"));
    cr_expect_not_null(strstr(text, "förskoleförvaltningen"));
    cr_expect_not_null(strstr(text, "Åberg"));
    free(text);
}

Test(pdf, pages_carry_header_and_sida_n_av_m)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    int status = -1;
    char *info = tool_run(cmd, false, &status);
    cr_assert_eq(status, 0);
    unsigned pages = 0;
    const char *p = strstr(info, "Pages:");
    cr_assert_not_null(p);
    sscanf(p, "Pages: %u", &pages);
    free(info);
    cr_assert_eq(pages, doc->pages);
    cr_expect(pages >= 5 && pages <= 7, "the sample should be about six pages, is %u", pages);
    for (unsigned i = 1; i <= pages; i++) {
        char *text = tool_pdf_text(path, (int)i);
        char footer[32];
        snprintf(footer, sizeof footer, "Sida %u av %u", i, pages);
        cr_expect_not_null(strstr(text, footer), "page %u lacks '%s'", i, footer);
        cr_expect_not_null(strstr(text, "Dnr SLK-2025-00312 · Version 1"), "page %u header", i);
        cr_expect_not_null(strstr(text, "Lokalt samverkansavtal för Familjecentralen Hjällbo"));
        cr_expect_null(strstr(text, "UTKAST"), "a final document has no UTKAST mark");
        free(text);
    }
}

Test(pdf, pdfinfo_and_qpdf_find_no_errors)
{
    char cmd[512];
    int status = -1;
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    char *out = tool_run(cmd, true, &status);
    cr_expect_eq(status, 0);
    cr_expect_null(strstr(out, "Error"), "%s", out);
    cr_expect_not_null(strstr(out, "A4"));
    cr_expect_not_null(strstr(out, "CreationDate:    Mon Jan 20 00:00:00 2025 UTC"), "%s", out);
    cr_expect_not_null(strstr(out, "Title:           Lokalt samverkansavtal för Familjecentralen Hjällbo"));
    free(out);
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
    out = tool_run(cmd, true, &status);
    cr_expect_eq(status, 0, "%s", out);
    cr_expect_not_null(strstr(out, "No syntax or stream encoding errors found"), "%s", out);
    free(out);
}

Test(pdf, fonts_are_dejavu_and_embedded)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdffonts '%s' | tail -n +3", path);
    int status = -1;
    char *out = tool_run(cmd, false, &status);
    cr_assert_eq(status, 0);
    int fonts = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        fonts++;
        cr_expect_not_null(strstr(line, "DejaVu"), "%s", line);
        /* columns: name type encoding emb sub uni */
        cr_expect_not_null(strstr(line, " yes yes yes "), "not embedded with ToUnicode: %s", line);
    }
    cr_expect_geq(fonts, 3);
    free(out);
}

Test(pdf, each_signature_block_is_on_one_page)
{
    static const char *const signer[4] = {"Eva Lindqvist", "Maria Johansson", "Ahmed Yusuf",
                                          "Karin Åberg"};
    for (int s = 0; s < 4; s++) {
        char head[160];
        snprintf(head, sizeof head, "För %s", SAMPLE_VG_PARTIES[s]);
        bool found = false;
        for (unsigned i = 1; i <= doc->pages; i++) {
            char *text = tool_pdf_text(path, (int)i);
            /* pdftotext may wrap a long name; its first word pair is enough. */
            char start[40];
            snprintf(start, sizeof start, "%.20s", head);
            if (strstr(text, start) && strstr(text, "Namnunderskrift")) {
                const char *at = strstr(text, start);
                found = strstr(at, signer[s]) != NULL || strstr(text, signer[s]) != NULL;
                found = found && strstr(text, "Titel") != NULL;
            }
            free(text);
            if (found)
                break;
        }
        cr_expect(found, "signature block of %s is not whole on one page", SAMPLE_VG_PARTIES[s]);
    }
}

Test(pdf, draft_has_utkast_on_every_page)
{
    rnd_value_t *ctx = sample_vg_local();
    rnd_meta_t meta = sample_vg_meta(1, true);
    rnd_document_t *draft = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_assert_eq(tool_render("vg-local.md", ctx, &meta, RND_FORMAT_PDF, &draft, &err), FC_OK,
                 "%s", err.message);
    char *p = tool_write_temp(draft->bytes, draft->size, ".pdf");
    for (unsigned i = 1; i <= draft->pages; i++) {
        char *text = tool_pdf_text(p, (int)i);
        cr_expect_not_null(strstr(text, "UTKAST"), "page %u has no UTKAST mark", i);
        free(text);
    }
    unlink(p);
    free(p);
    rnd_document_destroy(&draft);
    rnd_value_destroy(&ctx);
    rnd_error_reset(&err);
}
