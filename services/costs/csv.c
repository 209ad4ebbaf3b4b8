/* CSV for Swedish spreadsheets (csv.h). Amounts carry no thousands
 * separator: "1 234,56" reads as text in some spreadsheet imports, and a
 * plain "1234,56" reads as a number in every Swedish locale. Column names
 * are Swedish, for the finance staff who open the file. */
#include "fcavtal/costs/csv.h"

#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/money.h"
#include "keys.h"
#include "segment_text.h"
#include "text.h"

/* A row being written: each cell puts the ';' before it but the first. */
typedef struct {
    cst__text_t *t;
    bool first;
} row_t;

static row_t row_start(cst__text_t *t)
{
    return (row_t){t, true};
}

static void row_end(row_t *r)
{
    cst__text_put(r->t, "\r\n", 2);
}

static void cell(row_t *r)
{
    if (!r->first)
        cst__text_put(r->t, ";", 1);
    r->first = false;
}

static bool needs_quotes(const char *s)
{
    size_t n = strlen(s);
    return strpbrk(s, ";\"\r\n") != NULL || (n > 0 && (s[0] == ' ' || s[n - 1] == ' '));
}

static bool looks_like_formula(const char *s)
{
    return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Inside a quoted field a quote is doubled and every line break is CRLF
 * (RFC 4180), so a note typed on Unix or old Mac reads the same. */
static void put_escaped(cst__text_t *t, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '\r' && p[1] == '\n')
            p++;
        if (*p == '\r' || *p == '\n') {
            cst__text_put(t, "\r\n", 2);
            continue;
        }
        if (*p == '"')
            cst__text_put(t, "\"", 1);
        cst__text_put(t, p, 1);
    }
}

/* Free text: guarded against formula injection (a cell starting with = + -
 * @ or a tab runs as a formula in spreadsheets), quoted where needed. */
static void text_cell(row_t *r, const char *s)
{
    cell(r);
    if (s == NULL)
        s = "";
    bool quote = needs_quotes(s);
    if (quote)
        cst__text_put(r->t, "\"", 1);
    if (looks_like_formula(s))
        cst__text_put(r->t, "'", 1);
    put_escaped(r->t, s);
    if (quote)
        cst__text_put(r->t, "\"", 1);
}

static void money_cell(row_t *r, int64_t ore)
{
    char b[CST_MONEY_STRLEN];
    cell(r);
    cst__text_add(r->t, "%s", cst_money_format(ore, CST_MONEY_DECIMAL_COMMA, b));
}

static void period_cells(row_t *r, cst_period_t p)
{
    char b[FC_DATE_STRLEN];
    cell(r);
    cst__text_add(r->t, "%s", fc_date_format(p.from, b));
    cell(r);
    cst__text_add(r->t, "%s", fc_date_format(p.to, b));
}

static void org_cells(row_t *r, const cst_org_line_t *o)
{
    text_cell(r, o->name);
    text_cell(r, o->org_number);
}

static void party_cells(row_t *r, const cst_ledger_t *l, const cst_party_line_t *p)
{
    text_cell(r, p->name);
    org_cells(r, &l->organisations[p->organisation]);
}

static void header(cst__text_t *t, const char *const *names, size_t n)
{
    row_t r = row_start(t);
    for (size_t i = 0; i < n; i++)
        text_cell(&r, names[i]);
    row_end(&r);
}

#define HEADER(t, cols) header((t), (cols), sizeof(cols) / sizeof *(cols))

static const char *centre_name(const cst_run_t *run, uint64_t key)
{
    for (size_t i = 0; i < run->n_centres; i++)
        if (run->centres[i].key == key)
            return run->centres[i].name;
    return "";
}

/* The sources, or the fractions and explanations, of the segments the party
 * shares in, joined by " | ". Always quoted: quoting is always allowed and
 * the text is not known before it is written. `words` is scratch for the
 * fraction and the explanation, written here from the segment's parts. */
static void segment_cell(row_t *r, const cst_run_t *run, uint64_t item, uint64_t party,
                         cst__text_t *words)
{
    bool first = true;
    cell(r);
    cst__text_put(r->t, "\"", 1);
    size_t from, n = cst_run_item_segments(run, item, &from);
    for (size_t s = from; s < from + n; s++) {
        const cst_segment_t *seg = &run->segments[s];
        for (size_t m = 0; m < seg->n_members; m++) {
            if (seg->members[m].party != party)
                continue;
            const char *lead = seg->source;
            if (words) {
                cst__text_reset(words);
                cst__fraction_text(words, seg, m);
                if (words->failed)
                    r->t->failed = true;
                lead = words->buf;
            }
            if (first && looks_like_formula(lead))
                cst__text_put(r->t, "'", 1);
            if (!first)
                cst__text_put(r->t, " | ", 3);
            put_escaped(r->t, lead);
            if (words) {
                cst__text_put(r->t, " = ", 3);
                cst__text_reset(words);
                cst__segment_text(words, run, seg);
                put_escaped(r->t, words->buf);
                if (words->failed)
                    r->t->failed = true;
            }
            first = false;
        }
    }
    cst__text_put(r->t, "\"", 1);
}

static const char *const shares_cols[] = {
    "Period från", "Period till", "Familjecentral", "Kostnadspost", "Kategori", "Referens",
    "Notering", "Part", "Organisation", "Organisationsnummer", "Andel", "Betalt", "Netto",
    "Källa", "Förklaring"};

static void share_row(cst__text_t *t, const cst_run_t *run, const cst_run_item_t *it,
                      const cst_party_line_t *p, cst__text_t *words)
{
    int64_t share = cst_run_item_share(run, it->id, p->key);
    int64_t paid = it->paid_by == p->key ? it->accrued : 0;
    char id[24];
    snprintf(id, sizeof id, "%llu", (unsigned long long)it->id);
    row_t r = row_start(t);
    period_cells(&r, run->period);
    text_cell(&r, centre_name(run, it->centre));
    text_cell(&r, id);
    text_cell(&r, cst_category_label_sv(it->category));
    text_cell(&r, it->reference);
    text_cell(&r, it->note);
    party_cells(&r, &run->ledger, p);
    money_cell(&r, share);
    money_cell(&r, paid);
    money_cell(&r, paid - share); /* |share|, |paid| <= |accrued|: no overflow */
    segment_cell(&r, run, it->id, p->key, NULL);
    segment_cell(&r, run, it->id, p->key, words);
    row_end(&r);
}

/* The parties of one item, in key order: whoever shares in it and its payer. */
static uint64_t *item_parties(const cst_run_t *run, const cst_run_item_t *it, size_t *n)
{
    size_t from, ns = cst_run_item_segments(run, it->id, &from), cap = 1;
    for (size_t s = from; s < from + ns; s++)
        cap += run->segments[s].n_members;
    uint64_t *keys = malloc(cap * sizeof *keys);
    if (keys == NULL)
        return NULL;
    size_t k = 0;
    keys[k++] = it->paid_by;
    for (size_t s = from; s < from + ns; s++)
        for (size_t m = 0; m < run->segments[s].n_members; m++)
            keys[k++] = run->segments[s].members[m].party;
    *n = cst__keys_unique(keys, k);
    return keys;
}

static bool write_shares(cst__text_t *t, const cst_run_t *run)
{
    cst__text_t words;
    if (!cst__text_open(&words))
        return false;
    HEADER(t, shares_cols);
    bool ok = true;
    for (size_t i = 0; ok && i < run->n_items; i++) {
        const cst_run_item_t *it = &run->items[i];
        size_t n = 0;
        uint64_t *keys = item_parties(run, it, &n);
        ok = keys != NULL;
        for (size_t k = 0; ok && k < n; k++)
            share_row(t, run, it, &run->ledger.parties[cst_ledger_party(&run->ledger, keys[k])],
                      &words);
        free(keys);
    }
    cst__text_discard(&words);
    return ok;
}

static void write_balances(cst__text_t *t, const cst_run_t *run)
{
    static const char *const cols[] = {"Period från", "Period till", "Part", "Organisation",
                                       "Organisationsnummer", "Andel", "Betalt", "Saldo"};
    HEADER(t, cols);
    for (size_t j = 0; j < run->ledger.n_parties; j++) {
        const cst_party_line_t *p = &run->ledger.parties[j];
        row_t r = row_start(t);
        period_cells(&r, run->period);
        party_cells(&r, &run->ledger, p);
        money_cell(&r, p->share);
        money_cell(&r, p->paid);
        money_cell(&r, p->balance);
        row_end(&r);
    }
}

static void write_transfers(cst__text_t *t, const cst_ledger_t *l, cst_period_t period)
{
    static const char *const cols[] = {"Period från",         "Period till", "Betalare",
                                       "Organisationsnummer", "Mottagare",   "Organisationsnummer",
                                       "Belopp"};
    HEADER(t, cols);
    for (size_t i = 0; i < l->n_transfers; i++) {
        row_t r = row_start(t);
        period_cells(&r, period);
        org_cells(&r, &l->organisations[l->transfers[i].from]);
        org_cells(&r, &l->organisations[l->transfers[i].to]);
        money_cell(&r, l->transfers[i].amount);
        row_end(&r);
    }
}

static void write_differences(cst__text_t *t, const cst_correction_t *c)
{
    static const char *const cols[] = {
        "Period från", "Period till", "Part",        "Organisation", "Organisationsnummer",
        "Andel före",  "Andel efter", "Betalt före", "Betalt efter", "Saldo före",
        "Saldo efter", "Skillnad"};
    HEADER(t, cols);
    for (size_t j = 0; j < c->difference.n_parties; j++) {
        const cst_correction_line_t *l = &c->lines[j];
        row_t r = row_start(t);
        period_cells(&r, c->period);
        party_cells(&r, &c->difference, &c->difference.parties[j]);
        money_cell(&r, l->share_before);
        money_cell(&r, l->share_after);
        money_cell(&r, l->paid_before);
        money_cell(&r, l->paid_after);
        money_cell(&r, l->balance_before);
        money_cell(&r, l->balance_after);
        money_cell(&r, c->difference.parties[j].balance);
        row_end(&r);
    }
}

static fc_status_t begin(cst__text_t *t, cst_error_t *err)
{
    if (!cst__text_open(t))
        return cst_error_oom(err);
    cst__text_put(t, "\xEF\xBB\xBF", 3); /* UTF-8 BOM: spreadsheets then read åäö right */
    return FC_OK;
}

static fc_status_t finish(cst__text_t *t, bool ok, char **out, size_t *len, cst_error_t *err)
{
    if (!ok) {
        cst__text_discard(t);
        return cst_error_oom(err);
    }
    return cst__text_close(t, out, len) ? FC_OK : cst_error_oom(err);
}

fc_status_t cst_csv_run(const cst_run_t *run, cst_csv_table_t table, char **out, size_t *len,
                        cst_error_t *err)
{
    *out = NULL;
    *len = 0;
    if (table < CST_CSV_SHARES || table > CST_CSV_TRANSFERS)
        return cst_error_set(err, FC_INVALID_ARGUMENT, "table", "unknown CSV table %d",
                             (int)table);
    cst__text_t t;
    fc_status_t rc = begin(&t, err);
    if (rc != FC_OK)
        return rc;
    bool ok = true;
    switch (table) {
    case CST_CSV_SHARES:
        ok = write_shares(&t, run);
        break;
    case CST_CSV_BALANCES:
        write_balances(&t, run);
        break;
    case CST_CSV_TRANSFERS:
        write_transfers(&t, &run->ledger, run->period);
        break;
    }
    return finish(&t, ok, out, len, err);
}

fc_status_t cst_csv_correction(const cst_correction_t *corr, cst_csv_correction_table_t table,
                               char **out, size_t *len, cst_error_t *err)
{
    *out = NULL;
    *len = 0;
    if (table < CST_CSV_DIFFERENCES || table > CST_CSV_CORRECTION_TRANSFERS)
        return cst_error_set(err, FC_INVALID_ARGUMENT, "table", "unknown CSV table %d",
                             (int)table);
    cst__text_t t;
    fc_status_t rc = begin(&t, err);
    if (rc != FC_OK)
        return rc;
    if (table == CST_CSV_DIFFERENCES)
        write_differences(&t, corr);
    else
        write_transfers(&t, &corr->difference, corr->period);
    return finish(&t, true, out, len, err);
}
