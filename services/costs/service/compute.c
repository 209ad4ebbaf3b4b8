#include "compute.h"
#include "fcavtal/text.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "wire.h"
#include <string.h>

#include "fcavtal/costs/transfers.h"
#include "page_encode.h"
#include "pages.h"

/* Below this many centres threads cost more than they save. */
#define THREADS_FROM 32
#define MAX_WARNINGS 200

typedef struct {
    uint64_t key, org, centre;
    const char *name;
    int64_t share, paid;
    int64_t share_cat[CST_CATEGORY_SLOTS], paid_cat[CST_CATEGORY_SLOTS];
} line_t;

typedef struct {
    bool done;
    fc_status_t st;
    cst_error_t err;
    uint8_t *page;
    size_t len;
    line_t *lines;
    size_t n_lines;
    char **warnings;
    size_t n_warnings;
    size_t n_items, n_segments;
    int64_t total;
} slot_t;

typedef struct {
    const cst__input_t *in;
    slot_t *slots;
    size_t next;
    bool failed;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} job_t;

static void slot_clear(slot_t *s)
{
    free(s->page);
    free(s->lines);
    for (size_t i = 0; i < s->n_warnings; i++)
        free(s->warnings[i]);
    free(s->warnings);
}

static const char *party_name(const cst__centre_input_t *c, uint64_t key)
{
    for (size_t i = 0; i < c->n_parties; i++)
        if (c->parties[i].key == key)
            return c->parties[i].name;
    return "";
}

static fc_status_t take_lines(const cst__centre_input_t *c, const cst_run_t *run, slot_t *s)
{
    const cst_ledger_t *l = &run->ledger;
    s->lines = calloc(l->n_parties ? l->n_parties : 1, sizeof *s->lines);
    if (s->lines == NULL)
        return cst_error_oom(&s->err);
    for (size_t i = 0; i < l->n_parties; i++) {
        const cst_party_line_t *p = &l->parties[i];
        line_t *out = &s->lines[s->n_lines++];
        *out = (line_t){.key = p->key, .org = l->organisations[p->organisation].key,
                        .centre = c->centre.key, .name = party_name(c, p->key),
                        .share = p->share, .paid = p->paid};
        memcpy(out->share_cat, p->share_by_category, sizeof out->share_cat);
        memcpy(out->paid_cat, p->paid_by_category, sizeof out->paid_cat);
    }
    return FC_OK;
}

static void compute_centre(const cst__centre_input_t *c, slot_t *s)
{
    cst_run_t *run = NULL;
    s->st = cst_run_new(&c->in, &run, &s->err);
    if (s->st)
        return;
    s->n_items = run->n_items;
    s->n_segments = run->n_segments;
    for (size_t i = 0; !s->st && i < run->n_items; i++)
        if (__builtin_add_overflow(s->total, run->items[i].accrued, &s->total))
            s->st = cst_error_set(&s->err, FC_OUT_OF_RANGE, "items",
                                  "the items of centre %s do not fit in 64-bit öre", c->centre.name);
    if (!s->st && !cst__page_encode_centre(run, &s->page, &s->len))
        s->st = s->page ? cst_error_set(&s->err, FC_INTERNAL, "", "a page's encoding came out "
                                        "at another size than computed")
                        : cst_error_oom(&s->err);
    if (!s->st)
        s->st = take_lines(c, run, s);
    /* The warnings move to the slot; the run frees only its array. */
    s->warnings = malloc((run->n_warnings ? run->n_warnings : 1) * sizeof *s->warnings);
    if (!s->st && s->warnings == NULL)
        s->st = cst_error_oom(&s->err);
    if (!s->st) {
        if (run->n_warnings)
            memcpy(s->warnings, run->warnings, run->n_warnings * sizeof *s->warnings);
        s->n_warnings = run->n_warnings;
        run->n_warnings = 0;
    }
    cst_run_destroy(&run);
}

static void *worker(void *arg)
{
    job_t *j = arg;
    for (;;) {
        pthread_mutex_lock(&j->mu);
        if (j->failed || j->next >= j->in->n_centres) {
            pthread_mutex_unlock(&j->mu);
            return NULL;
        }
        size_t i = j->next++;
        pthread_mutex_unlock(&j->mu);
        compute_centre(j->in->centres[i], &j->slots[i]);
        pthread_mutex_lock(&j->mu);
        j->slots[i].done = true;
        if (j->slots[i].st)
            j->failed = true;
        pthread_cond_broadcast(&j->cv);
        pthread_mutex_unlock(&j->mu);
    }
}

/* Waits for slot i; false when it will never be done (a failure stopped
 * the workers before they reached it). */
static bool wait_slot(job_t *j, size_t i)
{
    pthread_mutex_lock(&j->mu);
    while (!j->slots[i].done && !(j->failed && i >= j->next))
        pthread_cond_wait(&j->cv, &j->mu);
    bool done = j->slots[i].done;
    pthread_mutex_unlock(&j->mu);
    return done;
}

static fc_status_t sink_slot(slot_t *s, cst__page_sink_fn sink, void *arg, size_t i,
                             cst_error_t *err)
{
    fc_status_t st = sink(arg, i, s->page, s->len);
    free(s->page);
    s->page = NULL;
    if (st)
        cst_error_set(err, st, "", "the run's contents could not be stored");
    return st;
}

/* Computes every centre; pages go to the sink in centre order. */
static fc_status_t run_centres(job_t *j, int threads, cst__page_sink_fn sink, void *arg,
                               cst_error_t *err)
{
    size_t n = j->in->n_centres;
    pthread_t tid[16];
    int started = 0;
    if (threads > 16)
        threads = 16;
    for (int t = 0; n >= THREADS_FROM && t < threads && threads > 1; t++)
        if (pthread_create(&tid[t], NULL, worker, j) == 0)
            started++;
    fc_status_t st = FC_OK;
    for (size_t i = 0; i < n; i++) {
        slot_t *s = &j->slots[i];
        if (started == 0) {
            compute_centre(j->in->centres[i], s);
            s->done = true;
        } else if (!wait_slot(j, i)) {
            break;
        }
        if (s->st) {
            pthread_mutex_lock(&j->mu);
            j->failed = true;
            pthread_mutex_unlock(&j->mu);
            break;
        }
        if ((st = sink_slot(s, sink, arg, i, err))) {
            pthread_mutex_lock(&j->mu);
            j->failed = true;
            pthread_mutex_unlock(&j->mu);
            break;
        }
    }
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    if (st)
        return st;
    for (size_t i = 0; i < n; i++)
        if (j->slots[i].done && j->slots[i].st) {
            *err = j->slots[i].err;
            char msg[CST_MESSAGE_MAX];
            snprintf(msg, sizeof msg, "centre %s (%llu): %s", j->in->centres[i]->centre.name,
                     (unsigned long long)j->in->centres[i]->centre.key, j->slots[i].err.message);
            memcpy(err->message, msg, sizeof msg);
            return j->slots[i].st;
        }
    return FC_OK;
}

/* ------------------------------------------------------------ merging */

static int cmp_line(const void *a, const void *b)
{
    const line_t *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->centre < y->centre ? -1 : x->centre > y->centre;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static fc_status_t add(int64_t *acc, int64_t v, const char *what, cst_error_t *err)
{
    if (__builtin_add_overflow(*acc, v, acc))
        return cst_error_set(err, FC_OUT_OF_RANGE, what,
                             "the %s do not fit in 64-bit öre", what);
    return FC_OK;
}

static fc_status_t fold_line(cst_party_line_t *p, const line_t *l, cst_error_t *err)
{
    fc_status_t st = add(&p->share, l->share, "shares", err);
    if (!st)
        st = add(&p->paid, l->paid, "payments", err);
    for (int c = 1; !st && c < CST_CATEGORY_SLOTS; c++) {
        st = add(&p->share_by_category[c], l->share_cat[c], "shares", err);
        if (!st)
            st = add(&p->paid_by_category[c], l->paid_cat[c], "payments", err);
    }
    return st;
}

static fc_status_t make_orgs(const cst__input_t *in, const line_t *lines, size_t n,
                             cst_ledger_t *l, cst_error_t *err)
{
    uint64_t *keys = malloc((n ? n : 1) * sizeof *keys);
    if (keys == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < n; i++)
        keys[i] = lines[i].org;
    qsort(keys, n, sizeof *keys, cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || keys[k - 1] != keys[i])
            keys[k++] = keys[i];
    l->organisations = calloc(k ? k : 1, sizeof *l->organisations);
    fc_status_t st = l->organisations ? FC_OK : cst_error_oom(err);
    for (size_t j = 0; !st && j < k; j++) {
        const Fcavtal__V1__ModelOrganisation *o = cst__idmap_get(&in->orgs, keys[j]);
        cst_org_line_t *ol = &l->organisations[l->n_organisations++];
        ol->key = keys[j];
        ol->kind = o ? cst__model_org_kind(o->kind) : CST_ORG_OTHER;
        ol->name = strdup(o ? o->name : "");
        ol->org_number = strdup(o ? o->org_number : "");
        if (!ol->name || !ol->org_number)
            st = cst_error_oom(err);
    }
    free(keys);
    return st;
}

static fc_status_t make_parties(line_t *lines, size_t n, cst__computed_t *out, cst_error_t *err)
{
    cst_ledger_t *l = &out->run->ledger;
    l->parties = calloc(n ? n : 1, sizeof *l->parties);
    out->party_centres = calloc(n ? n : 1, sizeof *out->party_centres);
    out->n_party_centres = calloc(n ? n : 1, sizeof *out->n_party_centres);
    if (!l->parties || !out->party_centres || !out->n_party_centres)
        return cst_error_oom(err);
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < n;) {
        size_t j = i;
        while (j < n && lines[j].key == lines[i].key)
            j++;
        size_t p = l->n_parties++;
        cst_party_line_t *pl = &l->parties[p];
        pl->key = lines[i].key;
        pl->name = strdup(lines[i].name);
        pl->organisation = (size_t)cst_ledger_organisation(l, lines[i].org);
        out->party_centres[p] = malloc((j - i) * sizeof **out->party_centres);
        if (!pl->name || !out->party_centres[p])
            st = cst_error_oom(err);
        for (size_t k = i; !st && k < j; k++) {
            out->party_centres[p][out->n_party_centres[p]++] = lines[k].centre;
            st = fold_line(pl, &lines[k], err);
        }
        i = j;
    }
    return st;
}

static fc_status_t settle(cst_ledger_t *l, cst_error_t *err)
{
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i < l->n_parties; i++) {
        cst_party_line_t *p = &l->parties[i];
        if (__builtin_sub_overflow(p->paid, p->share, &p->balance))
            return cst_error_set(err, FC_OUT_OF_RANGE, "balances",
                                 "the balance of %s does not fit in 64-bit öre", p->name);
        cst_org_line_t *o = &l->organisations[p->organisation];
        st = add(&o->share, p->share, "shares", err);
        if (!st)
            st = add(&o->paid, p->paid, "payments", err);
        if (!st)
            st = add(&o->balance, p->balance, "balances", err);
    }
    size_t n = l->n_organisations;
    int64_t *b = malloc((n ? n : 1) * sizeof *b);
    uint64_t *k = malloc((n ? n : 1) * sizeof *k);
    if (!st && (b == NULL || k == NULL))
        st = cst_error_oom(err);
    for (size_t j = 0; !st && j < n; j++) {
        b[j] = l->organisations[j].balance;
        k[j] = l->organisations[j].key;
    }
    if (!st)
        st = cst_transfers_plan(b, k, n, &l->transfers, &l->n_transfers, &l->transfers_exact, err);
    free(b);
    free(k);
    return st;
}

static fc_status_t take_centres(const cst__input_t *in, cst_run_t *run, cst_error_t *err)
{
    run->centres = calloc(in->n_centres ? in->n_centres : 1, sizeof *run->centres);
    if (run->centres == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < in->n_centres; i++) {
        const cst_centre_t *c = &in->centres[i]->centre;
        run->centres[i] = (cst_run_centre_t){c->key, strdup(c->name), c->rule_set, NULL, 0};
        run->n_centres++;
        if (run->centres[i].name == NULL)
            return cst_error_oom(err);
    }
    return FC_OK;
}

static fc_status_t take_warnings(slot_t *slots, size_t n, cst_run_t *run, cst_error_t *err)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += slots[i].n_warnings;
    size_t keep = total > MAX_WARNINGS ? MAX_WARNINGS + 1 : total;
    run->warnings = calloc(keep ? keep : 1, sizeof *run->warnings);
    if (run->warnings == NULL)
        return cst_error_oom(err);
    for (size_t i = 0; i < n; i++)
        for (size_t w = 0; w < slots[i].n_warnings; w++) {
            if (run->n_warnings < MAX_WARNINGS) {
                run->warnings[run->n_warnings++] = slots[i].warnings[w];
                slots[i].warnings[w] = NULL;
            }
        }
    if (total > MAX_WARNINGS &&
        ((run->warnings[run->n_warnings++] = fc_format("%zu more warnings like these",
                 total - MAX_WARNINGS)) == NULL))
        return cst_error_oom(err);
    return FC_OK;
}

static fc_status_t merge(const cst__input_t *in, slot_t *slots, cst__computed_t *out,
                         cst_error_t *err)
{
    size_t n = 0;
    for (size_t i = 0; i < in->n_centres; i++) {
        n += slots[i].n_lines;
        out->n_items += slots[i].n_items;
        out->n_segments += slots[i].n_segments;
        if (__builtin_add_overflow(out->total, slots[i].total, &out->total))
            return cst_error_set(err, FC_OUT_OF_RANGE, "items", "the run's items do not fit in "
                                 "64-bit öre");
    }
    line_t *lines = malloc((n ? n : 1) * sizeof *lines);
    out->run = calloc(1, sizeof *out->run);
    if (lines == NULL || out->run == NULL) {
        free(lines);
        return cst_error_oom(err);
    }
    out->run->period = in->period;
    size_t k = 0;
    for (size_t i = 0; i < in->n_centres; i++) {
        if (slots[i].n_lines)
            memcpy(lines + k, slots[i].lines, slots[i].n_lines * sizeof *lines);
        k += slots[i].n_lines;
    }
    qsort(lines, n, sizeof *lines, cmp_line);
    fc_status_t st = take_centres(in, out->run, err);
    if (!st)
        st = make_orgs(in, lines, n, &out->run->ledger, err);
    if (!st)
        st = make_parties(lines, n, out, err);
    if (!st)
        st = settle(&out->run->ledger, err);
    if (!st)
        st = take_warnings(slots, in->n_centres, out->run, err);
    free(lines);
    return st;
}

fc_status_t cst__compute(const cst__input_t *in, int threads, cst__page_sink_fn sink, void *arg,
                         cst__computed_t *out, cst_error_t *err)
{
    *out = (cst__computed_t){0};
    job_t j = {.in = in};
    j.slots = calloc(in->n_centres ? in->n_centres : 1, sizeof *j.slots);
    if (j.slots == NULL)
        return cst_error_oom(err);
    pthread_mutex_init(&j.mu, NULL);
    pthread_cond_init(&j.cv, NULL);
    fc_status_t st = run_centres(&j, threads, sink, arg, err);
    if (!st)
        st = merge(in, j.slots, out, err);
    for (size_t i = 0; i < in->n_centres; i++)
        slot_clear(&j.slots[i]);
    free(j.slots);
    pthread_mutex_destroy(&j.mu);
    pthread_cond_destroy(&j.cv);
    if (st)
        cst__computed_clear(out);
    return st;
}

void cst__computed_clear(cst__computed_t *c)
{
    if (c->party_centres) {
        size_t n = c->run ? c->run->ledger.n_parties : 0;
        for (size_t i = 0; i < n; i++)
            free(c->party_centres[i]);
    }
    free(c->party_centres);
    free(c->n_party_centres);
    cst_run_destroy(&c->run);
    *c = (cst__computed_t){0};
}
