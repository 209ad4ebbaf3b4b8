/* The documents fcavtal-render makes from the sample's registry data, read
 * back as an archivist would: pdftotext finds every party, org number, date
 * and section heading in order with å, ä and ö intact, every page has its
 * header and "Sida N av M", pdfinfo and qpdf --check find nothing wrong;
 * HTML and Markdown say the same in the same order; a draft carries UTKAST
 * on every page. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf_tools.h"
#include "render_service.h"

#define ANGERED "N167-0412/23"

static rs_t S;

static void setup(void)
{
    cr_assert_eq(rs_start(&S, true, NULL), 0, "registry and render did not come up");
}

static void teardown(void)
{
    rs_cleanup(&S);
}

TestSuite(documents, .init = setup, .fini = teardown);

/* Angered with every party signed on 2024-01-10: the fullest document. */
static uint64_t signed_angered(void)
{
    uint64_t id = rs_agreement(&S, ANGERED);
    cr_assert_eq(rs_sign_all(&S, id, "2024-01-10"), 0);
    cr_assert(rs_wait_synced(&S, 30000));
    return id;
}

typedef struct {
    uint8_t *bytes;
    size_t size;
    char *path;
    rs_rep_t *rep;
} doc_t;

static doc_t fetch(uint64_t id, int format)
{
    doc_t d = { 0 };
    d.bytes = rs_document(&S, id, 0, format, &d.size, &d.rep);
    cr_assert_not_null(d.bytes, "%s", rs_describe(d.rep));
    static const char *const ext[] = { "", ".md", ".html", ".pdf" };
    d.path = tool_write_temp(d.bytes, d.size, ext[format]);
    return d;
}

static void drop(doc_t *d)
{
    unlink(d->path);
    free(d->path);
    free(d->bytes);
    tc_free((ProtobufCMessage *)d->rep);
}

static char *text_of(const doc_t *d)
{
    char *t = malloc(d->size + 1);
    memcpy(t, d->bytes, d->size);
    t[d->size] = '\0';
    return t;
}

/* What the Angered agreement says, in the order it says it. Each entry
 * fits on one line of pdftotext's output. */
static const char *const ANGERED_ORDER[] = {
    "Lokalt samverkansavtal för Familjecentralen", "Angered",
    "Avtalsparter och placering",
    "Barnavårdscentralen Angered", "232100-0131",
    "Barnmorskemottagningen Angered", "232100-0131",
    "Öppna förskolan Angered", "212000-1355",
    "Förebyggande socialtjänst Angered", "212000-1355",
    "Angereds Torg 9, 424 65 Angered", "familjecentral",
    "Folktandvården Angered (tandvård)",
    "Avtalstid", "2024-01-01", "2027-12-31", "24 månader", "sex månaders varsel",
    "2027-06-30",
    "Avtalets utgångspunkter", "RS 2019-0829", "2023-05-16", "SLK-2023-00875", "2023-06-07",
    "Syfte med avtalet",
    "Familjecentralens uppdrag och mål", "Övergripande uppdrag och mål",
    "Lokala mål och uppföljning",
    "Parternas gemensamma ansvar",
    "Parternas enskilda ansvar",
    "Styrgrupp", "Johan Berglund", "Sara Holm", "Mikael Strand", "Amira Yusuf",
    "Samordnare", "Leila Haddad", "0,50",
    "Personalgrupp", "BVC-sjuksköterska", "barnmorska", "förskollärare", "familjebehandlare",
    "Sekretess och informationsöverföring",
    "Systematiskt brandskyddsarbete",
    "Hot och våld",
    "Försäkring", "Öppna förskolan Angered, Göteborgs kommun",
    "Finansiering", "Lokaler", "FK 2023-01187", "312 000,00 kr", "Personalkostnader",
    "Samordnare", "Barnavårdscentralen Angered (232100-0131): 1/4",
    "Ändringar och tillägg i avtalet",
    "Tvist",
    "Underskrift", "fyra likalydande exemplar",
    "För Barnavårdscentralen Angered", "2023-12-11, Angered", "Johan Berglund",
    "För Förebyggande socialtjänst", "2024-01-10, Göteborg",
};
#define N_ANGERED (sizeof ANGERED_ORDER / sizeof ANGERED_ORDER[0])

/* The numbered headings, as every format writes them. */
static const char *const HEADINGS[] = {
    "1. Avtalsparter och placering", "2. Avtalstid", "3. Avtalets utgångspunkter",
    "4. Syfte med avtalet", "5. Familjecentralens uppdrag och mål",
    "6. Parternas gemensamma ansvar", "7. Parternas enskilda ansvar", "8. Styrgrupp",
    "9. Samordnare", "10. Personalgrupp", "11. Sekretess och informationsöverföring",
    "12. Systematiskt brandskyddsarbete", "13. Hot och våld", "14. Försäkring",
    "15. Finansiering", "16. Ändringar och tillägg i avtalet", "17. Tvist", "18. Underskrift",
};
#define N_HEADINGS (sizeof HEADINGS / sizeof HEADINGS[0])

static void expect_in_order(const char *text, const char *const *order, size_t n)
{
    const char *missing = tool_first_out_of_order(text, order, n);
    cr_expect_null(missing, "not found in order: '%s'", missing);
    cr_expect_null(strstr(text, "\xc3\x83"), "no doubly encoded UTF-8");
    cr_expect_null(strstr(text, "\xef\xbf\xbd"), "no replacement characters");
}

Test(documents, pdf_holds_parties_numbers_dates_and_headings_in_order)
{
    doc_t d = fetch(signed_angered(), RS_PDF);
    char *text = tool_pdf_text(d.path, 0);
    expect_in_order(text, ANGERED_ORDER, N_ANGERED);
    expect_in_order(text, HEADINGS, N_HEADINGS);
    cr_expect(strstr(text, "Västra Götalandsregionen") && strstr(text, "Göteborgs kommun"));
    free(text);
    drop(&d);
}

static unsigned pdfinfo_pages(const char *path, char **out)
{
    char cmd[512];
    int status = -1;
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", path);
    *out = tool_run(cmd, true, &status);
    cr_assert_eq(status, 0, "%s", *out);
    unsigned pages = 0;
    const char *p = strstr(*out, "Pages:");
    cr_assert_not_null(p);
    sscanf(p, "Pages: %u", &pages);
    return pages;
}

Test(documents, every_page_has_the_header_and_sida_n_av_m)
{
    uint64_t id = signed_angered();
    doc_t d = fetch(id, RS_PDF);
    char *info;
    unsigned pages = pdfinfo_pages(d.path, &info);
    free(info);
    cr_assert_eq(pages, d.rep->rendered->info->pages, "the stored page count is the file's");
    cr_assert_geq(pages, 4);
    char header[128];
    snprintf(header, sizeof header, "Dnr %s · Version %u · 2024-01-10", ANGERED,
             d.rep->rendered->info->version);
    for (unsigned i = 1; i <= pages; i++) {
        char *text = tool_pdf_text(d.path, (int)i);
        char footer[32];
        snprintf(footer, sizeof footer, "Sida %u av %u", i, pages);
        cr_expect(strstr(text, footer), "page %u lacks '%s'", i, footer);
        cr_expect(strstr(text, header), "page %u lacks '%s'", i, header);
        cr_expect(strstr(text, "Lokalt samverkansavtal för Familjecentralen Angered"));
        cr_expect_null(strstr(text, "UTKAST"), "a signed document is final");
        free(text);
    }
    drop(&d);
}

Test(documents, pdfinfo_and_qpdf_find_no_errors)
{
    doc_t d = fetch(signed_angered(), RS_PDF);
    char *out;
    pdfinfo_pages(d.path, &out);
    cr_expect_null(strstr(out, "Error"), "%s", out);
    cr_expect(strstr(out, "A4"), "%s", out);
    cr_expect(strstr(out, "Title:           Lokalt samverkansavtal för Familjecentralen Angered"),
              "%s", out);
    cr_expect(strstr(out, "CreationDate:    Wed Jan 10 00:00:00 2024 UTC"),
              "dated by the last signature, not the clock: %s", out);
    free(out);
    char cmd[512];
    int status = -1;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", d.path);
    out = tool_run(cmd, true, &status);
    cr_expect_eq(status, 0, "%s", out);
    cr_expect(strstr(out, "No syntax or stream encoding errors found"), "%s", out);
    free(out);
    drop(&d);
}

Test(documents, html_says_the_same_in_the_same_order)
{
    doc_t d = fetch(signed_angered(), RS_HTML);
    char *html = text_of(&d);
    cr_expect(strstr(html, "<html lang=\"sv\">"), "Swedish");
    cr_expect(strstr(html, "charset=\"utf-8\"") || strstr(html, "charset=utf-8"));
    cr_expect_str_eq(d.rep->rendered->info->media_type, "text/html; charset=utf-8");
    expect_in_order(html, HEADINGS, N_HEADINGS);
    /* The HTML keeps no line breaks of the PDF: the party lines are whole. */
    const char *const order[] = {
        "Barnavårdscentralen Angered</strong> (barnhälsovård), Västra Götalandsregionen, "
        "organisationsnummer 232100-0131",
        "Förebyggande socialtjänst Angered</strong> (förebyggande socialtjänst), Göteborgs "
        "kommun, organisationsnummer 212000-1355",
        "från och med 2024-01-01 till och med 2027-12-31",
        "Leila Haddad", "2024-01-10, Göteborg",
    };
    expect_in_order(html, order, sizeof order / sizeof order[0]);
    cr_expect_null(strstr(html, "UTKAST"));
    free(html);
    drop(&d);
}

Test(documents, markdown_says_the_same_in_the_same_order)
{
    doc_t d = fetch(signed_angered(), RS_MD);
    char *md = text_of(&d);
    cr_expect_str_eq(d.rep->rendered->info->media_type, "text/markdown; charset=utf-8");
    const char *const order[] = {
        "# Lokalt samverkansavtal för Familjecentralen Angered",
        "## 1. Avtalsparter och placering",
        "- **Barnavårdscentralen Angered** (barnhälsovård), Västra Götalandsregionen, "
        "organisationsnummer 232100-0131",
        "- **Öppna förskolan Angered** (öppen förskola), Göteborgs kommun, organisationsnummer "
        "212000-1355",
        "## 2. Avtalstid", "## 8. Styrgrupp", "## 15. Finansiering",
        "- Förebyggande socialtjänst Angered (212000-1355): 1/4",
        "## 18. Underskrift", "- Datum och ort: 2024-01-10, Göteborg",
    };
    expect_in_order(md, order, sizeof order / sizeof order[0]);
    expect_in_order(md, HEADINGS, N_HEADINGS);
    free(md);
    drop(&d);
}

Test(documents, orebro_agreement_keeps_its_swedish_letters)
{
    doc_t d = fetch(rs_agreement(&S, "19RS0153"), RS_PDF);
    char *text = tool_pdf_text(d.path, 0);
    const char *const order[] = {
        "Samverkansavtal avseende Familjecentralen", "Vivalla i Örebro kommun",
        "1. Avtalsparter och placering",
        "Barnavårdscentralen Vivalla, Region Örebro län, organisationsnummer",
        "232100-0164", "Öppna förskolan Vivalla, Örebro kommun, organisationsnummer 212000-1967",
        "Vivallagatan 10, 703 75 Örebro",
        "2. Utgångspunkter", "18RS4217", "2018-09-21",
        "6. Styrning och ledning", "Lena Åberg", "Maria Lindqvist, 0,50 årsarbetare",
        "7. Ekonomi", "Barnavårdscentralen Vivalla (232100-0164): 1/4",
        "Giltighet", "2019-01-01", "30 juni",
        "Underskrift", "För Barnavårdscentralen Vivalla", "2018-12-10, Örebro",
        "För Förebyggande socialtjänst", "2018-12-12, Örebro",
    };
    expect_in_order(text, order, sizeof order / sizeof order[0]);
    free(text);
    drop(&d);
}

Test(documents, a_draft_carries_utkast_on_every_page)
{
    uint64_t id = rs_agreement(&S, "Lokalt samverkansavtal för Familjecentralen Majorna");
    doc_t d = fetch(id, RS_PDF);
    cr_expect(d.rep->rendered->info->draft);
    cr_expect_str_eq(d.rep->rendered->info->file_name, "avtal-4_v1_utkast.pdf");
    char *info;
    unsigned pages = pdfinfo_pages(d.path, &info);
    free(info);
    for (unsigned i = 1; i <= pages; i++) {
        char *text = tool_pdf_text(d.path, (int)i);
        cr_expect(strstr(text, "UTKAST"), "page %u of a draft lacks UTKAST", i);
        free(text);
    }
    drop(&d);
}

Test(documents, use_right_names_grantor_user_premises_and_compensation)
{
    doc_t d = fetch(rs_agreement(&S, "FK 2023-01187"), RS_MD);
    char *md = text_of(&d);
    const char *const order[] = {
        "1. Göteborgs kommun, organisationsnummer 212000-1355 (upplåtaren)",
        "2. Västra Götalandsregionen, Barnavårdscentralen Angered och Barnmorskemottagningen "
        "Angered, organisationsnummer 232100-0131 (nyttjaren)",
        "- öppen förskola: 160 m², Öppna förskolan Angered, andel 40\u00a0%",
        "Den årliga kostnaden är 312\u00a0000,00\u00a0kr i 2024 års prisnivå.",
        "tills vidare",
        "ersättning om 78\u00a0000,00\u00a0kr per kvartal",
        "lokala samverkansavtalet (dnr N167-0412/23)",
    };
    /* The last item is in the introduction: check it on its own. */
    expect_in_order(md, order, 6);
    cr_expect(strstr(md, order[6]), "the use-right names the local agreement");
    free(md);
    drop(&d);
}
