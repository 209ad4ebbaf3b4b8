/* SIE 4I export (sie.h), written after "SIE filformat, utgåva 4B": posts in
 * the order the format lists them (identification, chart of accounts,
 * dimensions and objects, then vouchers), dates as YYYYMMDD, amounts with a
 * decimal point, every text field quoted with a quote inside it escaped as
 * \". Each text field is converted from UTF-8 to CP437 (#FORMAT PC8) by
 * iconv before it is escaped; everything else written is ASCII. Control
 * characters and backslashes, which SIE gives no way to write inside a
 * field, become spaces and slashes. */
#include "fcavtal/costs/sie.h"
#include "fcavtal/text.h"

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

/* ---------------------------------------------------------------- CP437 */

/* The file being written: CP437 bytes, the converter, and whether some
 * text could not be read as UTF-8. */
typedef struct {
    cst__text_t t;
    iconv_t cd;
    int fault; /* 0, EILSEQ (text not UTF-8) or ENOMEM: the first field that failed */
} sie_out_t;

/* s (UTF-8) as an owned CP437 string: 0, or EILSEQ when s is not valid
 * UTF-8, or ENOMEM. */
static int to_cp437(iconv_t cd, const char *s, char **out)
{
    size_t n = strlen(s), cap = n + 16;
    char *buf = malloc(cap);
    char *src = (char *)s, *dst = buf;
    size_t left = n, room = cap - 1;
    iconv(cd, NULL, NULL, NULL, NULL); /* a fresh conversion state per field */
    while (buf != NULL && left > 0) {
        if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
            break;
        if (errno != E2BIG) {
            free(buf);
            return EILSEQ;
        }
        /* Transliteration ("€" to "EUR") can outgrow the input. */
        size_t used = (size_t)(dst - buf);
        char *grown = realloc(buf, 2 * cap);
        if (grown == NULL)
            break;
        buf = grown;
        cap *= 2;
        dst = buf + used;
        room = cap - 1 - used;
    }
    if (buf == NULL || left > 0) {
        free(buf);
        return ENOMEM;
    }
    *dst = '\0';
    *out = buf;
    return 0;
}

/* ---------------------------------------------------------------- fields */

/* Converts one field to CP437 before it is escaped: transliteration can
 * make a quote (“ becomes "), which must then be escaped like any other. */
static void put_field(sie_out_t *w, const char *s)
{
    char *cp = NULL;
    if (w->fault == 0)
        w->fault = to_cp437(w->cd, s ? s : "", &cp);
    cst__text_put(&w->t, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(cp ? cp : ""); *p; p++) {
        if (*p == '"')
            cst__text_put(&w->t, "\\\"", 2);
        else if (*p == '\\')
            cst__text_put(&w->t, "/", 1);
        else if (*p < 0x20 || *p == 0x7F)
            cst__text_put(&w->t, " ", 1);
        else
            cst__text_put(&w->t, (const char *)p, 1);
    }
    cst__text_put(&w->t, "\"", 1);
    free(cp);
}

static void put_date(sie_out_t *w, fc_date_t d)
{
    cst__text_add(&w->t, "%04d%02d%02d", d.year, d.month, d.day);
}

static void end_post(sie_out_t *w)
{
    cst__text_put(&w->t, "\r\n", 2);
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
                rc = cst__add_checked(&total, net, "cost rows", err);
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
                                      fc_format("%s, %s", cst_category_label_sv(
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
                                  cst__strdup(cst_category_label_sv((cst_category_t)c))},
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
                    fc_format("%s %s", pays ? "Att betala till" : "Att få från",
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

static void write_accounts(sie_out_t *w, const job_t *j, const uint32_t *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cst__text_add(&w->t, "#KONTO %u ", a[i]);
        put_field(w, account_name(j->acc, a[i]));
        end_post(w);
    }
}

static bool row_uses(const rows_t *rows, int dim, const char *code)
{
    for (size_t i = 0; i < rows->n; i++)
        if (rows->v[i].dimension == dim && strcmp(rows->v[i].object, code) == 0)
            return true;
    return false;
}

static void write_dimension(sie_out_t *w, int dim, const char *name, const char *fallback)
{
    cst__text_add(&w->t, "#DIM %d ", dim);
    put_field(w, name ? name : fallback);
    end_post(w);
}

static void write_objects(sie_out_t *w, const job_t *j, const rows_t *rows)
{
    const cst_sie_accounts_t *acc = j->acc;
    const cst_ledger_t *l = j->l;
    if (acc->counterparty_dimension > 0) {
        write_dimension(w, acc->counterparty_dimension, acc->counterparty_dimension_name,
                        "Motpart");
        for (size_t o = 0; o < l->n_organisations; o++) {
            const char *code = counterparty_code(j, o);
            if (o == j->org || code == NULL || !row_uses(rows, acc->counterparty_dimension, code))
                continue;
            cst__text_add(&w->t, "#OBJEKT %d ", acc->counterparty_dimension);
            put_field(w, code);
            cst__text_put(&w->t, " ", 1);
            put_field(w, object_name(acc->counterparty_objects, acc->n_counterparty_objects,
                                     l->organisations[o].key, l->organisations[o].name));
            end_post(w);
        }
    }
    if (acc->operation_dimension > 0) {
        write_dimension(w, acc->operation_dimension, acc->operation_dimension_name,
                        "Kostnadsställe");
        for (size_t i = 0; i < l->n_parties; i++) {
            const cst_party_line_t *p = &l->parties[i];
            const char *code = object_code(acc->operation_objects, acc->n_operation_objects,
                                           p->key, NULL);
            if (p->organisation != j->org || code == NULL ||
                !row_uses(rows, acc->operation_dimension, code))
                continue;
            cst__text_add(&w->t, "#OBJEKT %d ", acc->operation_dimension);
            put_field(w, code);
            cst__text_put(&w->t, " ", 1);
            put_field(w, object_name(acc->operation_objects, acc->n_operation_objects, p->key,
                                     p->name));
            end_post(w);
        }
    }
}

static void write_header(sie_out_t *w, const job_t *j)
{
    const cst_org_line_t *o = &j->l->organisations[j->org];
    cst__text_add(&w->t, "#FLAGGA 0");
    end_post(w);
    cst__text_add(&w->t, "#PROGRAM ");
    put_field(w, j->meta->program);
    cst__text_put(&w->t, " ", 1);
    put_field(w, j->meta->version);
    end_post(w);
    cst__text_add(&w->t, "#FORMAT PC8");
    end_post(w);
    cst__text_add(&w->t, "#GEN ");
    put_date(w, j->meta->generated);
    if (j->meta->generated_by && j->meta->generated_by[0]) {
        cst__text_put(&w->t, " ", 1);
        put_field(w, j->meta->generated_by);
    }
    end_post(w);
    cst__text_add(&w->t, "#SIETYP 4");
    end_post(w);
    cst__text_add(&w->t, "#ORGNR %s", o->org_number);
    end_post(w);
    cst__text_add(&w->t, "#FNAMN ");
    put_field(w, o->name);
    end_post(w);
}

static void write_voucher(sie_out_t *w, const job_t *j, const rows_t *rows)
{
    char f[FC_DATE_STRLEN], to[FC_DATE_STRLEN];
    cst__text_add(&w->t, "#VER ");
    put_field(w, j->acc->voucher_series);
    cst__text_put(&w->t, " ", 1);
    if (j->acc->voucher_number)
        cst__text_add(&w->t, "\"%u\"", j->acc->voucher_number);
    else
        put_field(w, "");
    cst__text_put(&w->t, " ", 1);
    put_date(w, j->period.to);
    char *text = fc_format("%s %s - %s", j->voucher_text, fc_date_format(j->period.from, f),
                               fc_date_format(j->period.to, to));
    cst__text_put(&w->t, " ", 1);
    put_field(w, text ? text : j->voucher_text);
    free(text);
    end_post(w);
    cst__text_add(&w->t, "{");
    end_post(w);
    char a[CST_MONEY_STRLEN];
    for (size_t i = 0; i < rows->n; i++) {
        const row_t *r = &rows->v[i];
        cst__text_add(&w->t, "   #TRANS %u {", r->account);
        if (r->dimension > 0) {
            cst__text_add(&w->t, "%d ", r->dimension);
            put_field(w, r->object);
        }
        cst__text_add(&w->t, "} %s ", cst_money_format(r->amount, CST_MONEY_DECIMAL_POINT, a));
        put_date(w, j->period.to);
        cst__text_put(&w->t, " ", 1);
        put_field(w, r->text);
        end_post(w);
    }
    cst__text_add(&w->t, "}");
    end_post(w);
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
    if (orgnr == NULL || orgnr[0] == '\0' || strspn(orgnr, "0123456789-") != strlen(orgnr))
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
    sie_out_t o = {.cd = (iconv_t)-1};
    if (rc == FC_OK) {
        o.cd = iconv_open("CP437//TRANSLIT", "UTF-8");
        if (o.cd == (iconv_t)-1)
            rc = cst_error_set(err, FC_INTERNAL, NULL, "iconv cannot convert UTF-8 to CP437");
    }
    if (rc == FC_OK && !cst__text_open(&o.t))
        rc = cst_error_oom(err);
    if (rc == FC_OK) {
        write_header(&o, j);
        write_accounts(&o, j, accounts, n_accounts);
        write_objects(&o, j, &rows);
        if (rows.n > 0)
            write_voucher(&o, j, &rows);
        if (!cst__text_close(&o.t, out, len) || o.fault == ENOMEM)
            rc = cst_error_oom(err);
        else if (o.fault)
            rc = cst_error_set(err, FC_INVALID_ARGUMENT, NULL,
                               "a name or text for the SIE file is not valid UTF-8");
    }
    if (rc != FC_OK && *out) {
        free(*out);
        *out = NULL;
        *len = 0;
    }
    if (o.cd != (iconv_t)-1)
        iconv_close(o.cd);
    free(accounts);
    rows_clear(&rows);
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
    size_t org = 0; /* set by start() on FC_OK; gcc -O3 cannot see it */
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
    size_t org = 0; /* set by start() on FC_OK; gcc -O3 cannot see it */
    fc_status_t rc = start(&corr->difference, organisation, out, len, &org, err);
    if (rc != FC_OK)
        return rc;
    job_t j = {&corr->difference, org, corr->period,
               "Korrigering av avräkning gemensamma kostnader", acc, meta};
    return write_sie(&j, out, len, err);
}
