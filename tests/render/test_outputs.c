/* The Markdown and HTML outputs of the sample, and the other shipped
 * templates rendered with theirs. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_tools.h"
#include "sample_context.h"

static char *render_text(const char *tpl, rnd_value_t *ctx, rnd_format_t format, bool draft)
{
    rnd_meta_t meta = sample_vg_meta(1, draft);
    rnd_document_t *doc = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    cr_assert_eq(tool_render(tpl, ctx, &meta, format, &doc, &err), FC_OK, "%s", err.message);
    char *text = strndup((const char *)doc->bytes, doc->size);
    rnd_document_destroy(&doc);
    return text;
}

static const char *const SECTIONS[] = {
    "1. Avtalsparter och placering", "2. Avtalstid", "3. Avtalets utgångspunkter",
    "4. Syfte med avtalet", "5. Familjecentralens uppdrag och mål", "6. Parternas gemensamma ansvar",
    "7. Parternas enskilda ansvar", "8. Styrgrupp", "9. Samordnare", "10. Personalgrupp",
    "11. Sekretess och informationsöverföring", "12. Systematiskt brandskyddsarbete",
    "13. Hot och våld", "14. Försäkring", "15. Finansiering", "16. Ändringar och tillägg i avtalet",
    "17. Tvist", "18. Underskrift"};

Test(outputs, markdown_is_the_filled_template_with_numbered_headings)
{
    rnd_value_t *ctx = sample_vg_local();
    char *md = render_text("vg-local.md", ctx, RND_FORMAT_MARKDOWN, false);
    cr_expect_eq(strncmp(md, "# Lokalt samverkansavtal för Familjecentralen Hjällbo\n", 54), 0);
    char want[18][80];
    const char *order[18];
    for (int i = 0; i < 18; i++) {
        snprintf(want[i], sizeof want[i], "\n## %s\n", SECTIONS[i]);
        order[i] = want[i];
    }
    const char *bad = tool_first_out_of_order(md, order, 18);
    cr_expect_null(bad, "not in order: %s", bad);
    cr_expect_not_null(strstr(md, "\n### 15.3 Samordnare\n"));
    cr_expect_not_null(strstr(md, "- **Barnavårdscentralen Hjällbo** (barnhälsovård), Västra "
                                  "Götalandsregionen, Närhälsan, organisationsnummer 232100-0131\n"));
    cr_expect_not_null(strstr(md, ": 4 timmar per månad."));
    cr_expect_null(strstr(md, "{{"), "no placeholder is left");
    cr_expect_eq(strstr(md, "<!-- signatur -->") != NULL, true);
    free(md);
    rnd_value_destroy(&ctx);
}

Test(outputs, html_is_a_standalone_swedish_document)
{
    rnd_value_t *ctx = sample_vg_local();
    char *html = render_text("vg-local.md", ctx, RND_FORMAT_HTML, false);
    cr_expect_eq(strncmp(html, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">", 62), 0);
    cr_expect_not_null(strstr(html, "<title>Lokalt samverkansavtal för Familjecentralen Hjällbo</title>"));
    cr_expect_not_null(strstr(html, "<style>"));
    cr_expect_not_null(strstr(html, "Dnr SLK-2025-00312 · Version 1"));
    char want[18][100];
    const char *order[18];
    for (int i = 0; i < 18; i++) {
        snprintf(want[i], sizeof want[i], "<h2>%s</h2>", SECTIONS[i]);
        order[i] = want[i];
    }
    const char *bad = tool_first_out_of_order(html, order, 18);
    cr_expect_null(bad, "not in order: %s", bad);
    for (int i = 0; i < 4; i++)
        cr_expect_not_null(strstr(html, SAMPLE_VG_PARTIES[i]));
    int sections = 0;
    for (const char *p = html; (p = strstr(p, "<section class=\"signatur\">")); p++)
        sections++;
    cr_expect_eq(sections, 4, "one signature block per party");
    cr_expect_null(strstr(html, "raw HTML omitted"), "markers are turned into elements");
    cr_expect_null(strstr(html, "UTKAST"));
    cr_expect(strstr(html, "</html>\n") && strlen(strstr(html, "</html>\n")) == 8);
    free(html);
    html = render_text("vg-local.md", ctx, RND_FORMAT_HTML, true);
    cr_expect_not_null(strstr(html, "<p class=\"utkast\">UTKAST</p>"));
    free(html);
    rnd_value_destroy(&ctx);
}

Test(outputs, html_escapes_what_the_data_holds)
{
    rnd_value_t *ctx = sample_vg_local();
    rnd_value_t *centre = (rnd_value_t *)rnd_value_find(ctx, "centre");
    rnd_map_set_text(centre, "name", "<script>alert(1)</script> & Co");
    char *html = render_text("vg-local.md", ctx, RND_FORMAT_HTML, false);
    cr_expect_null(strstr(html, "<script>"));
    cr_expect_not_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    free(html);
    rnd_value_destroy(&ctx);
}

Test(outputs, use_right_and_orebro_templates_render_final)
{
    rnd_value_t *ctx = sample_vg_use_right();
    char *md = render_text("vg-use-right.md", ctx, RND_FORMAT_MARKDOWN, false);
    const char *const ur[] = {"## 1. Avtalsparter och lokalisering", "212000-1355 (upplåtaren)",
                              "232100-0131 (nyttjaren)", "## 3. Nyttjanderättsperiod",
                              "från och med 2025-03-01 och tills vidare",
                              "månadsskifte som infaller närmast efter sex månader",
                              "46\u00a0500,00\u00a0kr per kvartal", "## 12. Underskrift"};
    const char *bad = tool_first_out_of_order(md, ur, sizeof ur / sizeof ur[0]);
    cr_expect_null(bad, "use-right: not in order: %s", bad);
    free(md);
    rnd_value_destroy(&ctx);
    ctx = sample_orebro_local();
    md = render_text("orebro-local.md", ctx, RND_FORMAT_MARKDOWN, false);
    const char *const ob[] = {"# Samverkansavtal avseende Familjecentralen Vivalla i Örebro kommun",
                              "232100-0164", "212000-1967", "20RS6891", "## 7. Ekonomi",
                              "lika mellan huvudmännen", "från och med 2025-01-01 och tills vidare",
                              "senast den 30 juni", "kvarstår ansvaret till årets slut"};
    bad = tool_first_out_of_order(md, ob, sizeof ob / sizeof ob[0]);
    cr_expect_null(bad, "Örebro: not in order: %s", bad);
    free(md);
    rnd_value_destroy(&ctx);
}
