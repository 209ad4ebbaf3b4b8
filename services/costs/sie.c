/* SIE 4I export (sie.h), written after "SIE filformat, utgåva 4B": posts in
 * the order the format lists them (identification, chart of accounts,
 * dimensions and objects, then vouchers), dates as YYYYMMDD, amounts with a
 * decimal point, every text field quoted with a quote inside it escaped as
 * \". The text is built in UTF-8 and converted to CP437 (#FORMAT PC8) by
 * iconv. Control characters and backslashes, which SIE gives no way to
 * write inside a field, become spaces and slashes. */
#include "fcavtal/costs/sie.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/money.h"
#include "ledger.h"
#include "text.h"

typedef __int128 i128;

/* One #TRANS row of the voucher. */
typedef struct {
    uint32_t account;
    int dimension;        /* 0: no object */
    const char *object;   /* object code */
    int64_t amount;       /* debit > 0, credit < 0 */
    char *text;           /* owned */
} row_t;

typedef struct {
    row_t *v;
    size_t n, cap;
} rows_t;

static void rows_clear(rows_t *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].text);
    free(r->v);
    *r = (rows_t){0};
}

static fc_status_t rows_add(rows_t *r, row_t row, cst_error_t *err)
{
    if (row.text == NULL)
        return cst_error_oom(err);
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        row_t *v = realloc(r->v, cap * sizeof *v);
        if (v == NULL) {
            free(row.text);
            return cst_error_oom(err);
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = row;
    return FC_OK;
}

/* ---------------------------------------------------------------- fields */

static void put_field(cst_text_t *t, const char *s)
{
    cst_text_put(t, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"')
            cst_text_put(t, "\\\"", 2);
        else if (*p == '\\')
            cst_text_put(t, "/", 1);
        else if (*p < 0x20 || *p == 0x7F)
            cst_text_put(t, " ", 1);
        else
            cst_text_put(t, (const char *)p, 1);
    }
    cst_text_put(t, "\"", 1);
}

static void put_date(cst_text_t *t, fc_date_t d)
{
    cst_text_add(t, "%04d%02d%02d", d.year, d.month, d.day);
}

static void end_post(cst_text_t *t)
{
    cst_text_put(t, "\r\n", 2);
}

/* ----------------------------------------------------------- what to book */

typedef struct {
    const cst_ledger_t *l;
    size_t org;
    cst_period_t period;
    const char *voucher_text;
    const cst_sie_accounts_t *acc;
    const cst_sie_meta_t *meta;
} job_t;

static const char *object_code(const cst_sie_object_t *objs, size_t n, uint64_t key,
                               const char *fallback)
{
    for (size_t i = 0; i < n; i++)
        if (objs[i].key == key && objs[i].code && objs[i].code[0])
            return objs[i].code;
    return fallback;
}

static const char *object_name(const cst_sie_object_t *objs, size_t n, uint64_t key,
                               const char *fallback)
{
    for (size_t i = 0; i < n; i++)
        if (objs[i].key == key && objs[i].name)
            return objs[i].name;
    return fallback;
}

static fc_status_t category_net(const cst_party_line_t *p, int c, int64_t *net, cst_error_t *err)
{
    if (__builtin_sub_overflow(p->share_by_category[c], p->paid_by_category[c], net))
        return cst_error_set(err, FC_OUT_OF_RANGE, "ledger",
                             "a cost row does not fit in 64-bit öre");
    return FC_OK;
}

static fc_status_t cost_account(const job_t *j, int c, cst_error_t *err)
{
    if (j->acc->cost_account[c] == 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, "accounts.cost_account",
                             "no cost account is configured for %s, which %s has to book",
                             cst_category_name((cst_category_t)c),
                             j->l->organisations[j->org].name);
    return FC_OK;
}

/* Cost rows per category and own operation (operation dimension) or per
 * category alone. */
static fc_status_t cost_rows(const job_t *j, rows_t *rows, cst_error_t *err)
{
    const cst_ledger_t *l = j->l;
    bool per_op = j->acc->operation_dimension > 0;
    for (int c = 1; c < CST_CATEGORY_SLOTS; c++) {
        int64_t total = 0;
        for (size_t i = 0; i < l->n_parties; i++) {
            const cst_party_line_t *p = &l->parties[i];
            int64_t net;
            if (p->organisation != j->org)
                continue;
            fc_status_t rc = category_net(p, c, &net, err);
            if (rc == FC_OK && !per_op)
                rc = cst_add_checked(&total, net, "cost rows", err);
            if (rc != FC_OK)
                return rc;
            if (!per_op || net == 0)
                continue;
            const char *code = object_code(j->acc->operation_objects,
                                           j->acc->n_operation_objects, p->key, NULL);
            if (code == NULL)
                return cst_error_set(err, FC_INVALID_ARGUMENT, "accounts.operation_objects",
                                     "no object is configured for operation %s", p->name);
            rc = cost_account(j, c, err);
            if (rc == FC_OK)
                rc = rows_add(rows,
                              (row_t){j->acc->cost_account[c], j->acc->operation_dimension, code,
                                      net,
                                      cst_strprintf("%s, %s", cst_category_label_sv(
                                                                  (cst_category_t)c),
                                                    p->name)},
                              err);
            if (rc != FC_OK)
                return rc;
        }
        if (per_op || total == 0)
            continue;
        fc_status_t rc = cost_account(j, c, err);
        if (rc == FC_OK)
            rc = rows_add(rows,
                          (row_t){j->acc->cost_account[c], 0, NULL, total,
                                  cst_strdup(cst_category_label_sv((cst_category_t)c))},
                          err);
        if (rc != FC_OK)
            return rc;
    }
    return FC_OK;
}

static const char *counterparty_code(const job_t *j, size_t org)
{
    const cst_org_line_t *o = &j->l->organisations[org];
    return object_code(j->acc->counterparty_objects, j->acc->n_counterparty_objects, o->key,
                       o->org_number);
}

static fc_status_t transfer_rows(const job_t *j, rows_t *rows, cst_error_t *err)
{
    const cst_ledger_t *l = j->l;
    int dim = j->acc->counterparty_dimension;
    for (size_t i = 0; i < l->n_transfers; i++) {
        const cst_transfer_t *t = &l->transfers[i];
        if (t->from != j->org && t->to != j->org)
            continue;
        bool pays = t->from == j->org;
        size_t other = pays ? t->to : t->from;
        uint32_t account = pays ? j->acc->payable_account : j->acc->receivable_account;
        if (account == 0)
            return cst_error_set(err, FC_INVALID_ARGUMENT,
                                 pays ? "accounts.payable_account" : "accounts.receivable_account",
                                 "no %s account is configured", pays ? "payable" : "receivable");
        const char *code = dim > 0 ? counterparty_code(j, other) : NULL;
        if (dim > 0 && (code == NULL || code[0] == '\0'))
            return cst_error_set(err, FC_INVALID_ARGUMENT, "accounts.counterparty_objects",
                                 "no object code for counterparty %s",
                                 l->organisations[other].name);
        fc_status_t rc = rows_add(
            rows,
            (row_t){account, dim > 0 ? dim : 0, code, pays ? -t->amount : t->amount,
                    cst_strprintf("%s %s", pays ? "Att betala till" : "Att få från",
                                  l->organisations[other].name)},
            err);
        if (rc != FC_OK)
            return rc;
    }
    return FC_OK;
}

/* --------------------------------------------------------------- writing */

static int by_account(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

static const char *account_name(const cst_sie_accounts_t *acc, uint32_t a)
{
    for (int c = 1; c < CST_CATEGORY_SLOTS; c++)
        if (acc->cost_account[c] == a)
            return acc->cost_account_name[c] ? acc->cost_account_name[c]
                                             : cst_category_label_sv((cst_category_t)c);
    if (a == acc->receivable_account)
        return acc->receivable_account_name ? acc->receivable_account_name
                                            : "Fordringar på samverkansparter";
    return acc->payable_account_name ? acc->payable_account_name
                                     : "Skulder till samverkansparter";
}

/* The accounts the rows use, sorted and unique, for #KONTO. */
static fc_status_t used_accounts(const rows_t *rows, uint32_t **out, size_t *n, cst_error_t *err)
{
    uint32_t *a = malloc((rows->n ? rows->n : 1) * sizeof *a);
    if (a == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < rows->n; i++)
        a[i] = rows->v[i].account;
    qsort(a, rows->n, sizeof *a, by_account);
    size_t w = 0;
    for (size_t i = 0; i < rows->n; i++)
        if (w == 0 || a[i] != a[w - 1])
            a[w++] = a[i];
    *out = a;
    *n = w;
    return FC_OK;
}

static void write_accounts(cst_text_t *t, const job_t *j, const uint32_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cst_text_add(t, "#KONTO %u ", a[i]);
        put_field(t, account_name(j->acc, a[i]));
        end_post(t);
    }
}

static bool row_uses(const rows_t *rows, int dim, const char *code)
{
    for (size_t i = 0; i < rows->n; i++)
        if (rows->v[i].dimension == dim && strcmp(rows->v[i].object, code) == 0)
            return true;
    return false;
}

static void write_dimension(cst_text_t *t, int dim, const char *name, const char *fallback)
{
    cst_text_add(t, "#DIM %d ", dim);
    put_field(t, name ? name : fallback);
    end_post(t);
}

static void write_objects(cst_text_t *t, const job_t *j, const rows_t *rows)
{
    const cst_sie_accounts_t *acc = j->acc;
    const cst_ledger_t *l = j->l;
    if (acc->counterparty_dimension > 0) {
        write_dimension(t, acc->counterparty_dimension, acc->counterparty_dimension_name,
                        "Motpart");
        for (size_t o = 0; o < l->n_organisations; o++) {
            const char *code = counterparty_code(j, o);
            if (o == j->org || code == NULL || !row_uses(rows, acc->counterparty_dimension, code))
                continue;
            cst_text_add(t, "#OBJEKT %d ", acc->counterparty_dimension);
            put_field(t, code);
            cst_text_put(t, " ", 1);
            put_field(t, object_name(acc->counterparty_objects, acc->n_counterparty_objects,
                                     l->organisations[o].key, l->organisations[o].name));
            end_post(t);
        }
    }
    if (acc->operation_dimension > 0) {
        write_dimension(t, acc->operation_dimension, acc->operation_dimension_name,
                        "Kostnadsställe");
        for (size_t i = 0; i < l->n_parties; i++) {
            const cst_party_line_t *p = &l->parties[i];
            const char *code = object_code(acc->operation_objects, acc->n_operation_objects,
                                           p->key, NULL);
            if (p->organisation != j->org || code == NULL ||
                !row_uses(rows, acc->operation_dimension, code))
                continue;
            cst_text_add(t, "#OBJEKT %d ", acc->operation_dimension);
            put_field(t, code);
            cst_text_put(t, " ", 1);
            put_field(t, object_name(acc->operation_objects, acc->n_operation_objects, p->key,
                                     p->name));
            end_post(t);
        }
    }
}

static void write_header(cst_text_t *t, const job_t *j)
{
    const cst_org_line_t *o = &j->l->organisations[j->org];
    cst_text_add(t, "#FLAGGA 0");
    end_post(t);
    cst_text_add(t, "#PROGRAM ");
    put_field(t, j->meta->program);
    cst_text_put(t, " ", 1);
    put_field(t, j->meta->version);
    end_post(t);
    cst_text_add(t, "#FORMAT PC8");
    end_post(t);
    cst_text_add(t, "#GEN ");
    put_date(t, j->meta->generated);
    if (j->meta->generated_by && j->meta->generated_by[0]) {
        cst_text_put(t, " ", 1);
        put_field(t, j->meta->generated_by);
    }
    end_post(t);
    cst_text_add(t, "#SIETYP 4");
    end_post(t);
    cst_text_add(t, "#ORGNR %s", o->org_number);
    end_post(t);
    cst_text_add(t, "#FNAMN ");
    put_field(t, o->name);
    end_post(t);
}

static void write_voucher(cst_text_t *t, const job_t *j, const rows_t *rows)
{
    char f[FC_DATE_STRLEN], to[FC_DATE_STRLEN];
    cst_text_add(t, "#VER ");
    put_field(t, j->acc->voucher_series);
    cst_text_put(t, " ", 1);
    if (j->acc->voucher_number)
        cst_text_add(t, "\"%u\"", j->acc->voucher_number);
    else
        put_field(t, "");
    cst_text_put(t, " ", 1);
    put_date(t, j->period.to);
    char *text = cst_strprintf("%s %s - %s", j->voucher_text, fc_date_format(j->period.from, f),
                               fc_date_format(j->period.to, to));
    cst_text_put(t, " ", 1);
    put_field(t, text ? text : j->voucher_text);
    free(text);
    end_post(t);
    cst_text_add(t, "{");
    end_post(t);
    char a[CST_MONEY_STRLEN];
    for (size_t i = 0; i < rows->n; i++) {
        const row_t *r = &rows->v[i];
        cst_text_add(t, "   #TRANS %u {", r->account);
        if (r->dimension > 0) {
            cst_text_add(t, "%d ", r->dimension);
            put_field(t, r->object);
        }
        cst_text_add(t, "} %s ", cst_money_format(r->amount, CST_MONEY_DECIMAL_POINT, a));
        put_date(t, j->period.to);
        cst_text_put(t, " ", 1);
        put_field(t, r->text);
        end_post(t);
    }
    cst_text_add(t, "}");
    end_post(t);
}

/* ---------------------------------------------------------------- CP437 */

static fc_status_t to_cp437(const char *in, size_t n, char **out, size_t *len, cst_error_t *err)
{
    iconv_t cd = iconv_open("CP437//TRANSLIT", "UTF-8");
    if (cd == (iconv_t)-1)
        return cst_error_set(err, FC_INTERNAL, NULL, "iconv cannot convert UTF-8 to CP437");
    size_t cap = n + 64;
    char *buf = malloc(cap);
    char *src = (char *)in, *dst = buf;
    size_t left = n, room = cap;
    fc_status_t rc = buf ? FC_OK : cst_error_oom(err);
    while (rc == FC_OK && left > 0) {
        if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
            break;
        if (errno != E2BIG) {
            rc = cst_error_set(err, FC_INVALID_ARGUMENT, NULL,
                               "the text for the SIE file is not valid UTF-8");
            break;
        }
        /* Transliteration ("€" to "EUR") can outgrow the input. */
        size_t used = (size_t)(dst - buf);
        char *grown = realloc(buf, 2 * cap);
        if (grown == NULL) {
            rc = cst_error_oom(err);
            break;
        }
        buf = grown;
        cap *= 2;
        dst = buf + used;
        room = cap - used;
    }
    iconv_close(cd);
    if (rc != FC_OK) {
        free(buf);
        return rc;
    }
    *out = buf;
    *len = (size_t)(dst - buf);
    return FC_OK;
}

/* ---------------------------------------------------------------- entry */

static fc_status_t check_job(const job_t *j, cst_error_t *err)
{
    const cst_sie_accounts_t *a = j->acc;
    const cst_sie_meta_t *m = j->meta;
    if (m == NULL || m->program == NULL || !m->program[0] || m->version == NULL ||
        !m->version[0] || !fc_date_valid(m->generated))
        return cst_error_set(err, FC_INVALID_ARGUMENT, "meta",
                             "#PROGRAM needs a name and a version and #GEN a valid date");
    if (a == NULL)
        return cst_error_set(err, FC_INVALID_ARGUMENT, "accounts", "no chart of accounts");
    if (a->counterparty_dimension < 0 || a->operation_dimension < 0 ||
        (a->counterparty_dimension > 0 && a->counterparty_dimension == a->operation_dimension))
        return cst_error_set(err, FC_INVALID_ARGUMENT, "accounts",
                             "dimensions must be positive and the counterparty and operation "
                             "dimensions must differ");
    const char *orgnr = j->l->organisations[j->org].org_number;
    if (orgnr == NULL || orgnr[0] == '\0' || strpbrk(orgnr, " \"\t"))
        return cst_error_set(err, FC_INVALID_ARGUMENT, "organisations.org_number",
                             "%s needs an organisation number for #ORGNR",
                             j->l->organisations[j->org].name);
    return FC_OK;
}

static fc_status_t check_balanced(const rows_t *rows, cst_error_t *err)
{
    i128 sum = 0;
    for (size_t i = 0; i < rows->n; i++)
        sum += rows->v[i].amount;
    if (sum != 0)
        return cst_error_set(err, FC_INTERNAL, NULL, "the voucher does not balance");
    return FC_OK;
}

static fc_status_t write_sie(const job_t *j, char **out, size_t *len, cst_error_t *err)
{
    rows_t rows = {0};
    fc_status_t rc = check_job(j, err);
    if (rc == FC_OK)
        rc = cost_rows(j, &rows, err);
    if (rc == FC_OK)
        rc = transfer_rows(j, &rows, err);
    if (rc == FC_OK)
        rc = check_balanced(&rows, err);
    uint32_t *accounts = NULL;
    size_t n_accounts = 0;
    if (rc == FC_OK)
        rc = used_accounts(&rows, &accounts, &n_accounts, err);
    cst_text_t t;
    if (rc == FC_OK && !cst_text_open(&t))
        rc = cst_error_oom(err);
    if (rc != FC_OK) {
        free(accounts);
        rows_clear(&rows);
        return rc;
    }
    write_header(&t, j);
    write_accounts(&t, j, accounts, n_accounts);
    write_objects(&t, j, &rows);
    if (rows.n > 0)
        write_voucher(&t, j, &rows);
    free(accounts);
    rows_clear(&rows);
    char *utf8 = NULL;
    size_t n = 0;
    if (!cst_text_close(&t, &utf8, &n))
        return cst_error_oom(err);
    rc = to_cp437(utf8, n, out, len, err);
    free(utf8);
    return rc;
}

static fc_status_t start(const cst_ledger_t *l, uint64_t organisation, char **out, size_t *len,
                         size_t *org, cst_error_t *err)
{
    if (out == NULL || len == NULL)
        return cst_error_set(err, FC_INVALID_ARGUMENT, NULL, "no place for the file");
    *out = NULL;
    *len = 0;
    ptrdiff_t ix = cst_ledger_organisation(l, organisation);
    if (ix < 0)
        return cst_error_set(err, FC_NOT_FOUND, "organisation",
                             "organisation %llu has no line in this settlement",
                             (unsigned long long)organisation);
    *org = (size_t)ix;
    return FC_OK;
}

fc_status_t cst_sie_run(const cst_run_t *run, uint64_t organisation, const cst_sie_accounts_t *acc,
                        const cst_sie_meta_t *meta, char **out, size_t *len, cst_error_t *err)
{
    size_t org;
    fc_status_t rc = start(&run->ledger, organisation, out, len, &org, err);
    if (rc != FC_OK)
        return rc;
    job_t j = {&run->ledger, org, run->period, "Avräkning gemensamma kostnader", acc, meta};
    return write_sie(&j, out, len, err);
}

fc_status_t cst_sie_correction(const cst_correction_t *corr, uint64_t organisation,
                               const cst_sie_accounts_t *acc, const cst_sie_meta_t *meta,
                               char **out, size_t *len, cst_error_t *err)
{
    size_t org;
    fc_status_t rc = start(&corr->difference, organisation, out, len, &org, err);
    if (rc != FC_OK)
        return rc;
    job_t j = {&corr->difference, org, corr->period,
               "Korrigering av avräkning gemensamma kostnader", acc, meta};
    return write_sie(&j, out, len, err);
}
