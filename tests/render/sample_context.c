/* The sample contexts (sample_context.h). Built through the public API
 * only, the way the service will: every key present, money and dates
 * already formatted. */
#include <stdio.h>
#include <string.h>

#include "sample_context.h"

const char *const SAMPLE_VG_PARTIES[4] = {
    "Barnavårdscentralen Hjällbo", "Barnmorskemottagningen Hjällbo",
    "Öppna förskolan Hjällbo", "Socialtjänsten Angered, förebyggande enheten"};
const char *const SAMPLE_VG_ORGNR[4] = {"232100-0131", "232100-0131", "212000-1355",
                                        "212000-1355"};

typedef struct {
    bool failed;
} builder_t;

static void set(builder_t *b, rnd_value_t *map, const char *key, const char *text)
{
    if (!map || rnd_map_set_text(map, key, text) != FC_OK)
        b->failed = true;
}

static rnd_value_t *map(builder_t *b, rnd_value_t *parent, const char *key)
{
    rnd_value_t *m = parent ? rnd_map_add_map(parent, key) : NULL;
    if (!m)
        b->failed = true;
    return m;
}

static rnd_value_t *list(builder_t *b, rnd_value_t *parent, const char *key)
{
    rnd_value_t *l = parent ? rnd_map_add_list(parent, key) : NULL;
    if (!l)
        b->failed = true;
    return l;
}

static rnd_value_t *item(builder_t *b, rnd_value_t *l)
{
    rnd_value_t *m = l ? rnd_list_add_map(l) : NULL;
    if (!m)
        b->failed = true;
    return m;
}

static void append(builder_t *b, rnd_value_t *l, const char *text)
{
    if (!l || rnd_list_append_text(l, text) != FC_OK)
        b->failed = true;
}

static rnd_value_t *finish(builder_t *b, rnd_value_t *ctx)
{
    if (b->failed)
        rnd_value_destroy(&ctx);
    return ctx;
}

static void money(builder_t *b, rnd_value_t *m, const char *key, int64_t ore)
{
    char buf[64];
    set(b, m, key, rnd_format_money(ore, buf, sizeof buf));
}

/* How the agreement ends (deploy/templates/ending.md): a running agreement
 * has neither a notice nor a termination. */
static void running(builder_t *b, rnd_value_t *agreement, rnd_value_t *term, const char *end)
{
    set(b, term, "end_in_force", end);
    set(b, term, "terminated", "");
    rnd_value_t *n = map(b, agreement, "notice");
    set(b, n, "received", "");
    set(b, n, "from", "");
}

static void vg_parties(builder_t *b, rnd_value_t *ctx, bool signed_)
{
    static const char *const kinds[4] = {"barnhälsovård", "mödrahälsovård",
                                         "öppen förskola", "förebyggande socialtjänst"};
    static const char *const orgs[4] = {
        "Västra Götalandsregionen, Närhälsan", "Västra Götalandsregionen, Regionhälsan",
        "Göteborgs kommun, förskoleförvaltningen", "Göteborgs kommun, socialförvaltningen Nordost"};
    static const char *const signers[4][2] = {
        {"Eva Lindqvist", "verksamhetschef"}, {"Maria Johansson", "enhetschef"},
        {"Ahmed Yusuf", "enhetschef"}, {"Karin Åberg", "enhetschef"}};
    rnd_value_t *parties = list(b, ctx, "parties");
    for (int i = 0; i < 4; i++) {
        rnd_value_t *p = item(b, parties);
        set(b, p, "operation", SAMPLE_VG_PARTIES[i]);
        set(b, p, "operation_kind", kinds[i]);
        set(b, p, "organisation", orgs[i]);
        set(b, p, "org_number", SAMPLE_VG_ORGNR[i]);
        set(b, p, "principal", i < 2 ? "Västra Götalandsregionen" : "Göteborgs kommun");
        rnd_value_t *s = map(b, p, "signature");
        set(b, s, "date", signed_ ? "2025-01-20" : "");
        set(b, s, "place", signed_ ? "Göteborg" : "");
        set(b, s, "name", signed_ ? signers[i][0] : "");
        set(b, s, "title", signed_ ? signers[i][1] : "");
    }
}

static void vg_centre(builder_t *b, rnd_value_t *ctx)
{
    rnd_value_t *c = map(b, ctx, "centre");
    set(b, c, "name", "Familjecentralen Hjällbo");
    set(b, c, "municipality", "Göteborgs kommun");
    set(b, c, "classification", "familjecentral");
    set(b, c, "classification_reason",
        "Alla fyra basverksamheter ingår och finns i samma lokaler (VG §8.3).");
    set(b, c, "target_group",
        "blivande föräldrar, barn från noll år tills de börjar skolan, deras föräldrar och "
        "andra viktiga vuxna runt barnet");
    set(b, c, "meeting_hours", "4");
    rnd_value_t *a = map(b, c, "address");
    set(b, a, "street", "Hjällbo torg 5");
    set(b, a, "postal_code", "424 39");
    set(b, a, "city", "Angered");
    rnd_value_t *others = list(b, c, "other_actors");
    append(b, others, "Folktandvården Hjällbo (munhälsa för små barn)");
    append(b, others, "Hjällbo bibliotek (språkstimulans och sagostunder)");
    append(b, others, "Föräldraskapsstödjare, Göteborgs Stad");
    rnd_value_t *goals = list(b, c, "local_goals");
    append(b, goals, "Minst 80 procent av nyblivna föräldrar i området besöker öppna förskolan "
                     "under barnets första år.");
    append(b, goals, "Alla föräldrar erbjuds gruppverksamhet på sitt eget språk eller med tolk.");
    append(b, goals, "Samverkan kring barn som behöver extra stöd sker inom två veckor från det "
                     "att behovet har uppmärksammats.");
    append(b, goals, "Språkutvecklande aktiviteter erbjuds varje vecka i samarbete med "
                     "biblioteket.");
}

static void vg_people(builder_t *b, rnd_value_t *ctx)
{
    rnd_value_t *sg = list(b, ctx, "steering_group");
    static const char *const members[4][3] = {
        {"Eva Lindqvist", "verksamhetschef", "Barnavårdscentralen Hjällbo"},
        {"Maria Johansson", "enhetschef", "Barnmorskemottagningen Hjällbo"},
        {"Ahmed Yusuf", "enhetschef", "Öppna förskolan Hjällbo"},
        {"Karin Åberg", "enhetschef", "Socialtjänsten Angered, förebyggande enheten"}};
    for (int i = 0; i < 4; i++) {
        rnd_value_t *m = item(b, sg);
        set(b, m, "name", members[i][0]);
        set(b, m, "title", members[i][1]);
        set(b, m, "operation", members[i][2]);
    }
    set(b, map(b, ctx, "steering"), "meeting_frequency", "minst sex gånger per år");
    rnd_value_t *co = map(b, ctx, "coordinator");
    set(b, co, "name", "Sofia Öberg");
    set(b, co, "email", "sofia.oberg@example.se");
    set(b, co, "employer", "Göteborgs kommun, förskoleförvaltningen");
    set(b, co, "fte", "0,50");
    rnd_value_t *tasks = list(b, co, "tasks");
    append(b, tasks, "planera och leda samverkansmöten och verksamhetsmöten,");
    append(b, tasks, "delta i styrgruppens möten och föra dialog med styrgruppen,");
    append(b, tasks, "representera familjecentralen utåt och ansvara för informationsmaterial,");
    append(b, tasks, "introducera nyanställd personal i familjecentralen,");
    append(b, tasks, "samordna gemensam fortbildning och");
    append(b, tasks, "upprätta den årliga verksamhetsplanen och verksamhetsberättelsen på "
                     "styrgruppens uppdrag.");
    rnd_value_t *staff = list(b, ctx, "staff");
    static const char *const roles[10][3] = {
        {"Barnsjuksköterska", "Barnavårdscentralen Hjällbo", "1,00"},
        {"Barnsjuksköterska", "Barnavårdscentralen Hjällbo", "0,80"},
        {"Barnläkare", "Barnavårdscentralen Hjällbo", "0,20"},
        {"Psykolog", "Barnavårdscentralen Hjällbo", "0,30"},
        {"Barnmorska", "Barnmorskemottagningen Hjällbo", "1,00"},
        {"Barnmorska", "Barnmorskemottagningen Hjällbo", "0,50"},
        {"Förskollärare", "Öppna förskolan Hjällbo", "1,00"},
        {"Barnskötare", "Öppna förskolan Hjällbo", "0,75"},
        {"Socionom, förebyggande", "Socialtjänsten Angered, förebyggande enheten", "0,80"},
        {"Familjebehandlare", "Socialtjänsten Angered, förebyggande enheten", "0,50"}};
    for (int i = 0; i < 10; i++) {
        rnd_value_t *s = item(b, staff);
        set(b, s, "role", roles[i][0]);
        set(b, s, "operation", roles[i][1]);
        set(b, s, "fte", roles[i][2]);
    }
}

static void vg_financing(builder_t *b, rnd_value_t *ctx)
{
    rnd_value_t *f = map(b, ctx, "financing");
    set(b, f, "premises_agreement", "nyttjanderättsavtal dnr SLK-2025-00313");
    set(b, f, "period", "2025");
    rnd_value_t *co = map(b, f, "coordinator");
    money(b, co, "annual_cost", 41240000);
    set(b, co, "employer", "Göteborgs kommun, förskoleförvaltningen");
    rnd_value_t *shares = list(b, f, "shares");
    for (int i = 0; i < 4; i++) {
        rnd_value_t *s = item(b, shares);
        char party[160];
        snprintf(party, sizeof party, "%s (%s)", SAMPLE_VG_PARTIES[i], SAMPLE_VG_ORGNR[i]);
        set(b, s, "party", party);
        money(b, s, "amount", 10310000);
        set(b, s, "fraction", "1/4");
    }
    set(b, f, "settlement",
        "Förskoleförvaltningen fakturerar de övriga tre parterna deras andelar halvårsvis i "
        "efterskott, senast den 31 juli och den 31 januari.");
    set(b, f, "other_costs",
        "Övriga gemensamma kostnader enligt verksamhetsplanen, till exempel gemensamma "
        "aktiviteter och informationsmaterial, delas lika mellan de fyra basverksamheterna "
        "(VG §14.1).");
    set(b, map(b, ctx, "insurance"), "shared_inventory_insurer",
        "Göteborgs kommun, förskoleförvaltningen");
    rnd_value_t *fire = map(b, ctx, "fire_safety");
    set(b, fire, "representative", "Ahmed Yusuf, Öppna förskolan Hjällbo");
    set(b, fire, "assembly_point", "parkeringen vid Hjällbo torg 3");
}

static void vg_agreement(builder_t *b, rnd_value_t *ctx, unsigned version)
{
    rnd_value_t *a = map(b, ctx, "agreement");
    char v[16];
    snprintf(v, sizeof v, "%u", version);
    set(b, a, "title", "Lokalt samverkansavtal för Familjecentralen Hjällbo");
    set(b, a, "case_number", "SLK-2025-00312");
    set(b, a, "version", v);
    set(b, a, "copies", "fyra");
    rnd_value_t *t = map(b, a, "term");
    set(b, t, "start", "2025-03-01");
    set(b, t, "end", "2029-02-28");
    set(b, t, "until_further_notice", "");
    set(b, t, "extension_months", "12");
    set(b, t, "notice_months", "sex");
    set(b, t, "notice_deadline", "2028-08-28");
    running(b, a, t, "2029-02-28");
    rnd_value_t *docs = list(b, ctx, "documents");
    rnd_value_t *d = item(b, docs);
    set(b, d, "title", "Samverkansavtal familjecentraler och familjecentralsliknande "
                       "verksamheter i Västra Götaland");
    set(b, d, "case_number", "RS 2023-01482");
    set(b, d, "date", "2024-03-01");
    d = item(b, docs);
    set(b, d, "title", "Göteborgs kommuns beslut om anslutning till samverkansavtalet");
    set(b, d, "case_number", "SLK-2023-00875");
    set(b, d, "date", "2023-11-23");
    d = item(b, docs);
    set(b, d, "title", "Avsiktsförklaring mellan Norra hälso- och sjukvårdsnämnden och "
                       "Göteborgs kommun");
    set(b, d, "case_number", "HSNN 2022-00219");
    set(b, d, "date", "");
}

rnd_value_t *sample_vg_local(void)
{
    builder_t b = {0};
    rnd_value_t *ctx = rnd_map_new();
    if (!ctx)
        return NULL;
    vg_agreement(&b, ctx, 1);
    vg_centre(&b, ctx);
    vg_parties(&b, ctx, true);
    vg_people(&b, ctx);
    vg_financing(&b, ctx);
    return finish(&b, ctx);
}

rnd_meta_t sample_vg_meta(unsigned version, bool draft)
{
    rnd_meta_t m = {
        .title = "Lokalt samverkansavtal för Familjecentralen Hjällbo",
        .case_number = "SLK-2025-00312",
        .version = version,
        .date = {2025, 1, 20},
        .draft = draft,
    };
    return m;
}

rnd_value_t *sample_vg_use_right(void)
{
    builder_t b = {0};
    rnd_value_t *ctx = rnd_map_new();
    if (!ctx)
        return NULL;
    vg_centre(&b, ctx);
    set(&b, ctx, "local_agreement", "lokalt samverkansavtal dnr SLK-2025-00312");
    rnd_value_t *a = map(&b, ctx, "agreement");
    set(&b, a, "copies", "två");
    rnd_value_t *t = map(&b, a, "term");
    set(&b, t, "start", "2025-03-01");
    set(&b, t, "end", "");
    set(&b, t, "until_further_notice", "ja");
    set(&b, t, "extension", "");
    running(&b, a, t, "");
    rnd_value_t *g = map(&b, ctx, "grantor");
    set(&b, g, "organisation", "Göteborgs kommun");
    set(&b, g, "operation", "förskoleförvaltningen");
    set(&b, g, "org_number", "212000-1355");
    rnd_value_t *u = map(&b, ctx, "user");
    set(&b, u, "organisation", "Västra Götalandsregionen");
    set(&b, u, "operation", "Närhälsan Barnavårdscentralen Hjällbo");
    set(&b, u, "org_number", "232100-0131");
    rnd_value_t *prem = list(&b, ctx, "premises");
    static const char *const rows[3][4] = {
        {"Mottagningsrum", "64", "Barnavårdscentralen Hjällbo", "100 %"},
        {"Gemensamma ytor (personalrum, konferensrum, toaletter)", "120",
         "Barnavårdscentralen Hjällbo", "25 %"},
        {"Väntrum", "30", "Barnavårdscentralen Hjällbo", "50 %"}};
    for (int i = 0; i < 3; i++) {
        rnd_value_t *r = item(&b, prem);
        set(&b, r, "area", rows[i][0]);
        set(&b, r, "square_metres", rows[i][1]);
        set(&b, r, "operation", rows[i][2]);
        set(&b, r, "share", rows[i][3]);
    }
    rnd_value_t *ur = map(&b, ctx, "use_right");
    money(&b, ur, "annual_cost", 18600000);
    set(&b, ur, "base_year", "2025");
    money(&b, ur, "compensation", 4650000);
    set(&b, ur, "period", "kvartal");
    set(&b, ur, "payment_terms", "Betalning sker mot faktura, 30 dagar netto.");
    list(&b, ctx, "grantor_duties");
    rnd_value_t *ud = list(&b, ctx, "user_duties");
    append(&b, ud, "lokalerna används för barnhälsovård inom familjecentralen,");
    append(&b, ud, "skador anmäls till upplåtaren utan dröjsmål.");
    rnd_value_t *parties = list(&b, ctx, "parties");
    rnd_value_t *p = item(&b, parties);
    set(&b, p, "operation", "förskoleförvaltningen (upplåtare)");
    set(&b, p, "organisation", "Göteborgs kommun");
    set(&b, p, "org_number", "212000-1355");
    rnd_value_t *s = map(&b, p, "signature");
    set(&b, s, "date", ""), set(&b, s, "place", ""), set(&b, s, "name", ""), set(&b, s, "title", "");
    p = item(&b, parties);
    set(&b, p, "operation", "Barnavårdscentralen Hjällbo (nyttjare)");
    set(&b, p, "organisation", "Västra Götalandsregionen");
    set(&b, p, "org_number", "232100-0131");
    s = map(&b, p, "signature");
    set(&b, s, "date", ""), set(&b, s, "place", ""), set(&b, s, "name", ""), set(&b, s, "title", "");
    return finish(&b, ctx);
}

rnd_value_t *sample_orebro_local(void)
{
    builder_t b = {0};
    rnd_value_t *ctx = rnd_map_new();
    if (!ctx)
        return NULL;
    rnd_value_t *c = map(&b, ctx, "centre");
    set(&b, c, "name", "Familjecentralen Vivalla");
    set(&b, c, "municipality", "Örebro kommun");
    set(&b, c, "target_group", "blivande vårdnadshavare, vårdnadshavare och andra vuxna med "
                               "barn 0–6 år");
    rnd_value_t *addr = map(&b, c, "address");
    set(&b, addr, "street", "Vivallatorget 2"), set(&b, addr, "postal_code", "703 79");
    set(&b, addr, "city", "Örebro");
    rnd_value_t *a = map(&b, ctx, "agreement");
    set(&b, a, "copies", "fyra");
    rnd_value_t *t = map(&b, a, "term");
    set(&b, t, "start", "2025-01-01");
    running(&b, a, t, "");
    rnd_value_t *docs = list(&b, ctx, "documents");
    rnd_value_t *d = item(&b, docs);
    set(&b, d, "title", "Överenskommelse om samverkan för familjecentral mellan Region Örebro "
                        "län och länets kommuner");
    set(&b, d, "case_number", "20RS6891"), set(&b, d, "date", "2018-09-21");
    static const char *const ops[4][3] = {
        {"Barnavårdscentralen Vivalla", "Region Örebro län", "232100-0164"},
        {"Barnmorskemottagningen Vivalla", "Region Örebro län", "232100-0164"},
        {"Öppna förskolan Vivalla", "Örebro kommun", "212000-1967"},
        {"Individ- och familjeomsorgen, förebyggande", "Örebro kommun", "212000-1967"}};
    rnd_value_t *parties = list(&b, ctx, "parties");
    rnd_value_t *sg = list(&b, ctx, "steering_group");
    rnd_value_t *f = map(&b, ctx, "financing");
    set(&b, f, "period", "2025");
    money(&b, map(&b, f, "coordinator"), "annual_cost", 30000000);
    rnd_value_t *shares = list(&b, f, "shares");
    for (int i = 0; i < 4; i++) {
        rnd_value_t *p = item(&b, parties);
        set(&b, p, "operation", ops[i][0]), set(&b, p, "organisation", ops[i][1]);
        set(&b, p, "org_number", ops[i][2]), set(&b, p, "principal", ops[i][1]);
        rnd_value_t *s = map(&b, p, "signature");
        set(&b, s, "date", ""), set(&b, s, "place", ""), set(&b, s, "name", "");
        set(&b, s, "title", "");
        rnd_value_t *m = item(&b, sg);
        set(&b, m, "name", i % 2 ? "Lena Holm" : "Jonas Berg"), set(&b, m, "title", "enhetschef");
        set(&b, m, "operation", ops[i][0]);
        rnd_value_t *sh = item(&b, shares);
        set(&b, sh, "party", ops[i][0]);
        money(&b, sh, "amount", 7500000);
        set(&b, sh, "fraction", "1/4");
    }
    rnd_value_t *co = map(&b, ctx, "coordinator");
    set(&b, co, "name", "Åsa Ek"), set(&b, co, "fte", "0,40");
    return finish(&b, ctx);
}
