/* Stored deadlines kept equal to the engine's (recompute.h). */
#include "recompute.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_build.h"
#include "deadline_store.h"
#include "expire.h"
#include "fcavtal/log.h"
#include "fcavtal/pb.h"
#include "fcavtal/store.h"
#include "reminder_fire.h"
#include "schedule.h"

#define DS(x) FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_##x
#define AS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x
#define RS(x) FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_##x

/* What one comparison needs: the day, the scheduler's position, and the
 * deadlines produced with the agreement that produced each. */
typedef struct {
    fc_call_t *call;
    ntf_t *ntf;
    fc_date_t today, processed;
    const fc_deadline_t *items;
    const Agreement *const *owners;   /* parallel to items */
    size_t n;
    char why[300];                    /* cancellation reason for this scope */
} diff_t;

static bool is_centre_key(const char *key)
{
    return strncmp(key, "centre/", 7) == 0;
}

static fc_date_t horizon_end(const ntf_t *ntf, fc_date_t today)
{
    return fc_date_add_months(today, ntf->policy.horizon_months);
}

/* The engine's deadlines of `a` from its start (or `since`, when later) to
 * the horizon. */
static fc_status_t compute(const ntf_t *ntf, const Agreement *a, fc_date_t today,
                           const fc_date_t *since, fc_deadline_list_t *list)
{
    fc_agreement_t dom;
    fc_agreement_from_pb(a, &dom);
    fc_date_t from = fc_date_valid(dom.term.start) ? dom.term.start : today;
    if (since && fc_date_cmp(*since, from) > 0)
        from = *since;
    fc_date_t until = horizon_end(ntf, today);
    /* A term that ends has finitely many deadlines: all of them are kept,
     * however far; only what repeats for ever waits for the horizon. */
    fc_date_t last = {0, 0, 0};
    if (!dom.term.until_further_notice && dom.term.renewal_months == 0)
        last = dom.term.end;
    if (dom.notice.given && fc_date_valid(dom.notice.effective) &&
        (!fc_date_valid(last) || fc_date_cmp(dom.notice.effective, last) > 0))
        last = dom.notice.effective;
    if (fc_date_valid(last) && fc_date_cmp(last, until) > 0)
        until = last;
    if (fc_date_cmp(from, until) > 0)
        return FC_OK;
    fc_reason_t why;
    fc_status_t st = fc_deadlines(&dom, from, until, &ntf->policy.deadlines, list, &why);
    if (st)
        fc_warn("notify: agreement %llu: no deadlines computed: %s", (unsigned long long)a->id,
                why.text);
    /* A record the engine refuses keeps the deadlines it had: losing them
     * would silence reminders someone relies on. */
    return st == FC_RESOURCE_EXHAUSTED ? st : FC_OK;
}

static void cancel_reason(const Agreement *a, char *buf, size_t len)
{
    char d1[FC_DATE_STRLEN] = "?", d2[FC_DATE_STRLEN] = "?";
    fc_date_t r, e;
    switch (a->status) {
    case AS(UNDER_NOTICE):
        if (a->notice && fc_date_from_pb(a->notice->received, &r))
            fc_date_format(r, d1);
        if (a->notice && fc_date_from_pb(a->notice->effective, &e))
            fc_date_format(e, d2);
        snprintf(buf, len, "notice was received %s: the agreement ends %s, so this deadline "
                 "no longer applies", d1, d2);
        return;
    case AS(TERMINATED):
        if (fc_date_from_pb(a->effective_end, &e))
            fc_date_format(e, d2);
        snprintf(buf, len, "the agreement was terminated, effective %s", d2);
        return;
    case AS(EXPIRED):
        snprintf(buf, len, "the agreement has expired");
        return;
    case AS(DRAFT):
    case AS(OUT_FOR_SIGNATURE):
        snprintf(buf, len, "the agreement is not signed by every party (version %u)",
                 a->version);
        return;
    default:
        snprintf(buf, len, "version %u of the agreement no longer gives this deadline",
                 a->version);
    }
}

/* ------------------------------------------------------------ one deadline */

static bool same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool parties_differ(const Deadline *d, const ntf_deadline_build_t *b)
{
    if (d->n_parties != b->d.n_parties)
        return true;
    for (size_t i = 0; i < d->n_parties; i++)
        if (d->parties[i]->organisation_id != b->party[i].organisation_id ||
            d->parties[i]->operation_id != b->party[i].operation_id)
            return true;
    return false;
}

/* The produced one exists: refresh what may have changed with the record. */
static fc_status_t refresh(diff_t *c, Deadline *d, ntf_deadline_build_t *b)
{
    if (same_text(d->rule->text, b->rule.text) && same_text(d->actors, b->actors) &&
        d->agreement_id == b->d.agreement_id && !parties_differ(d, b))
        return FC_OK;
    Fcavtal__V1__Reason *old_rule = d->rule;
    Fcavtal__V1__DeadlineParty **old_parties = d->parties;
    size_t old_n = d->n_parties;
    char *old_actors = d->actors;
    uint64_t old_agreement = d->agreement_id;
    d->rule = &b->rule;
    d->parties = b->party_ptr;
    d->n_parties = b->d.n_parties;
    d->actors = b->actors;
    d->agreement_id = b->d.agreement_id;
    fc_status_t st = ntf_deadline_save(c->call, d, "updated");
    d->rule = old_rule, d->parties = old_parties, d->n_parties = old_n;
    d->actors = old_actors, d->agreement_id = old_agreement;
    return st;
}

/* An end already past when learnt: the registry is told at once. */
static fc_status_t expire_now(diff_t *c, const Deadline *d)
{
    if (!ntf_deadline_is_end(d) || fc_date_cmp(ntf_expire_day(d), c->processed) > 0)
        return FC_OK;
    fc_status_t st = ntf_plan_remove(c->call, ntf_expire_day(d), d->id, NTF_SLOT_EXPIRE);
    return st ? st : ntf_expiry_schedule(c->call, d);
}

static fc_status_t fire_now(diff_t *c, ntf_deadline_build_t *b)
{
    fc_status_t st = expire_now(c, &b->d);
    if (st || b->fire_slot < 0)
        return st;
    fc_date_t planned = {b->send[b->fire_slot].year, b->send[b->fire_slot].month,
                         b->send[b->fire_slot].day};
    return ntf_reminder_fire(c->call, c->ntf, &b->d, (size_t)b->fire_slot, planned,
                             fc_date_cmp(planned, c->today) < 0);
}

/* A cancelled deadline the record gives again (an amendment undid what
 * made it moot): active again with a fresh plan. */
static fc_status_t restore(diff_t *c, Deadline *d, ntf_deadline_build_t *b, const Agreement *a)
{
    ntf_plan_leads(b, ntf_policy_leads(&c->ntf->policy, (int)a->kind), c->today, c->processed);
    if (b->fire_slot >= 0)
        b->plan[b->fire_slot].state = RS(FIRED);
    b->d.id = d->id;
    b->d.created_on = d->created_on;
    fc_status_t st = ntf_plan_index(c->call, &b->d, true);
    if (!st)
        st = ntf_deadline_save(c->call, &b->d, "restored");
    return st ? st : fire_now(c, b);
}

static fc_status_t add_new(diff_t *c, ntf_deadline_build_t *b, const Agreement *a)
{
    ntf_plan_leads(b, ntf_policy_leads(&c->ntf->policy, (int)a->kind), c->today, c->processed);
    if (b->fire_slot >= 0)
        b->plan[b->fire_slot].state = RS(FIRED);
    fc_status_t st = ntf_deadline_add(c->call, &b->d);
    return st ? st : fire_now(c, b);
}

static fc_status_t apply_one(diff_t *c, const fc_deadline_t *src, const Agreement *a)
{
    ntf_deadline_build_t *b = malloc(sizeof *b);
    if (!b)
        return FC_RESOURCE_EXHAUSTED;
    ntf_deadline_build(b, src, a, c->today);
    Deadline *d = NULL;
    fc_status_t st = ntf_deadline_by_key(c->call, src->key, &d);
    if (st == FC_NOT_FOUND)
        st = add_new(c, b, a);
    else if (!st && d->state == DS(CANCELLED) && fc_date_cmp(src->date, c->today) >= 0)
        st = restore(c, d, b, a);
    else if (!st && d->state == DS(ACTIVE))
        st = refresh(c, d, b);
    if (d)
        fcavtal__v1__deadline__free_unpacked(d, NULL);
    free(b);
    return st;
}

/* ------------------------------------------------------------ stale ones */

static bool produced(const diff_t *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->items[i].key, key) == 0)
            return true;
    return false;
}

static fc_status_t cancel_stale(diff_t *c, size_t index, uint64_t owner, bool centre_scope)
{
    fc_index_key_t k;
    fc_index_key_u64(&k, owner);
    uint64_t *ids = NULL;
    size_t n = 0;
    fc_status_t st = fc_record_index_ids(c->call, REC_DEADLINE, index, &k, 0, 1000000, &ids, &n);
    for (size_t i = 0; !st && i < n; i++) {
        Deadline *d = NULL;
        st = fc_record_get(c->call, REC_DEADLINE, ids[i], (ProtobufCMessage **)&d);
        fc_date_t date;
        if (!st && d->state == DS(ACTIVE) && is_centre_key(d->key) == centre_scope &&
            fc_date_from_pb(d->date, &date) && fc_date_cmp(date, c->today) >= 0 &&
            !produced(c, d->key))
            st = ntf_deadline_cancel(c->call, d, c->why);
        if (d)
            fcavtal__v1__deadline__free_unpacked(d, NULL);
    }
    free(ids);
    return st;
}

/* ------------------------------------------------------------ horizon */

static void horizon_key(uint8_t out[12], fc_date_t day, uint64_t id)
{
    uint32_t code = ntf_day_code(day);
    out[0] = (uint8_t)(code >> 24), out[1] = (uint8_t)(code >> 16);
    out[2] = (uint8_t)(code >> 8), out[3] = (uint8_t)code;
    fc_key_put_u64(out + 4, id);
}

/* Only an active agreement has deadlines that go on with time (renewal
 * cycles, yearly windows, the centre's documents): its horizon is indexed so
 * the scheduler extends it. */
static fc_status_t set_horizon(fc_call_t *call, const Agreement *a, bool keep, fc_date_t until)
{
    MDB_txn *txn = fc_call_txn(call);
    fc_store_t *s = fc_call_store(call);
    uint8_t id[8], hk[12];
    fc_key_put_u64(id, a->id);
    MDB_val k = {8, id}, v;
    int rc = mdb_get(txn, fc_store_dbi(s, DB_AGREEMENT_HORIZON), &k, &v);
    if (!rc && v.mv_size == 4) {
        const uint8_t *p = v.mv_data;
        uint32_t code = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        horizon_key(hk, ntf_day_decode(code), a->id);
        MDB_val old = {sizeof hk, hk};
        rc = mdb_del(txn, fc_store_dbi(s, DB_HORIZON), &old, NULL);
        if (rc && rc != MDB_NOTFOUND)
            return fc_status_from_mdb(rc);
        rc = mdb_del(txn, fc_store_dbi(s, DB_AGREEMENT_HORIZON), &k, NULL);
    }
    if (rc && rc != MDB_NOTFOUND)
        return fc_status_from_mdb(rc);
    if (!keep)
        return FC_OK;
    horizon_key(hk, until, a->id);
    MDB_val nk = {sizeof hk, hk}, empty = {0, NULL}, day = {4, hk};
    rc = mdb_put(txn, fc_store_dbi(s, DB_HORIZON), &nk, &empty, 0);
    if (!rc)
        rc = mdb_put(txn, fc_store_dbi(s, DB_AGREEMENT_HORIZON), &k, &day, 0);
    return fc_status_from_mdb(rc);
}

fc_status_t ntf_horizon_due(fc_call_t *call, fc_date_t day, size_t max, uint64_t **ids,
                            size_t *n)
{
    *ids = NULL;
    *n = 0;
    MDB_cursor *cur;
    int rc = mdb_cursor_open(fc_call_txn(call), fc_store_dbi(fc_call_store(call), DB_HORIZON),
                             &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    uint8_t limit[12];
    horizon_key(limit, day, 0);
    MDB_val k, v;
    fc_status_t st = FC_OK;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); !rc && *n < max;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        if (k.mv_size != 12 || memcmp(k.mv_data, limit, 12) >= 0)
            break;
        uint64_t *grown = realloc(*ids, (*n + 1) * sizeof *grown);
        if (!grown) {
            st = FC_RESOURCE_EXHAUSTED;
            break;
        }
        *ids = grown;
        (*ids)[(*n)++] = fc_key_get_u64((const uint8_t *)k.mv_data + 4);
    }
    mdb_cursor_close(cur);
    return st ? st : rc && rc != MDB_NOTFOUND ? fc_status_from_mdb(rc) : FC_OK;
}

/* ------------------------------------------------------------ scopes */

static fc_status_t diff_init(diff_t *c, fc_call_t *call, ntf_t *ntf)
{
    memset(c, 0, sizeof *c);
    c->call = call;
    c->ntf = ntf;
    c->today = fc_call_today(call);
    return ntf_schedule_processed(call, &c->processed);
}

static fc_status_t recompute(fc_call_t *call, ntf_t *ntf, const Agreement *a,
                             uint64_t old_centre, const fc_date_t *since)
{
    diff_t c;
    fc_status_t st = diff_init(&c, call, ntf);
    fc_deadline_list_t *list = fc_deadline_list_new(0);
    if (!list)
        return FC_RESOURCE_EXHAUSTED;
    if (!st)
        st = compute(ntf, a, c.today, since, list);
    /* This agreement's own deadlines first; the centre's are compared over
     * all its agreements below. */
    fc_deadline_t *own = list->items;
    size_t n_own = 0;
    for (size_t i = 0; i < list->n; i++)
        if (!is_centre_key(list->items[i].key))
            own[n_own++] = list->items[i];
    const Agreement **owners = malloc((n_own ? n_own : 1) * sizeof *owners);
    if (!owners)
        st = FC_RESOURCE_EXHAUSTED;
    for (size_t i = 0; !st && i < n_own; i++)
        owners[i] = a;
    c.items = own, c.owners = owners, c.n = n_own;
    cancel_reason(a, c.why, sizeof c.why);
    for (size_t i = 0; !st && i < n_own; i++)
        st = apply_one(&c, &own[i], a);
    if (!st)
        st = cancel_stale(&c, IX_DEADLINE_AGREEMENT, a->id, false);
    free(owners);
    fc_deadline_list_destroy(&list);
    if (!st)
        st = set_horizon(call, a, a->status == AS(ACTIVE), horizon_end(ntf, c.today));
    if (!st && a->centre_id)
        st = ntf_recompute_centre(call, ntf, a->centre_id);
    if (!st && old_centre && old_centre != a->centre_id)
        st = ntf_recompute_centre(call, ntf, old_centre);
    return st;
}

fc_status_t ntf_recompute_agreement(fc_call_t *call, ntf_t *ntf, const Agreement *a,
                                    uint64_t old_centre)
{
    return recompute(call, ntf, a, old_centre, NULL);
}

/* Only what lies ahead can change when the horizon moves on: the engine
 * starts a year back instead of at the term's start, so the cost of an
 * extension does not grow with the agreement's age. Stale deadlines are
 * only ever cancelled from today on, which this window covers. */
fc_status_t ntf_extend_horizon(fc_call_t *call, ntf_t *ntf, const Agreement *a)
{
    fc_date_t since = fc_date_add_months(fc_call_today(call), -12);
    return recompute(call, ntf, a, 0, &since);
}

/* Every agreement of the centre, loaded (owned, *n of them). */
static fc_status_t centre_agreements(fc_call_t *call, uint64_t centre, Agreement ***out,
                                     size_t *n)
{
    fc_index_key_t k;
    fc_index_key_u64(&k, centre);
    uint64_t *ids = NULL;
    *out = NULL;
    *n = 0;
    fc_status_t st = fc_record_index_ids(call, REC_AGREEMENT, IX_AGREEMENT_CENTRE, &k, 0, 10000,
                                         &ids, n);
    if (!st && *n && !(*out = calloc(*n, sizeof **out)))
        st = FC_RESOURCE_EXHAUSTED;
    for (size_t i = 0; !st && i < *n; i++)
        st = fc_record_get(call, REC_AGREEMENT, ids[i], (ProtobufCMessage **)&(*out)[i]);
    free(ids);
    return st;
}

fc_status_t ntf_recompute_centre(fc_call_t *call, ntf_t *ntf, uint64_t centre_id)
{
    diff_t c;
    fc_status_t st = diff_init(&c, call, ntf);
    Agreement **as = NULL;
    size_t n_as = 0;
    fc_deadline_list_t *list = fc_deadline_list_new(0);
    if (!list)
        return FC_RESOURCE_EXHAUSTED;
    if (!st)
        st = centre_agreements(call, centre_id, &as, &n_as);
    for (size_t i = 0; !st && i < n_as; i++)
        st = compute(ntf, as[i], c.today, NULL, list);
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++)
        if (is_centre_key(list->items[i].key))
            list->items[n++] = list->items[i];
    list->n = n;
    /* One per centre, kind and year: the lowest agreement id owns it. */
    fc_deadline_list_sort(list);
    const Agreement **owners = malloc((list->n ? list->n : 1) * sizeof *owners);
    if (!st && !owners)
        st = FC_RESOURCE_EXHAUSTED;
    for (size_t i = 0; !st && i < list->n; i++) {
        owners[i] = NULL;
        for (size_t j = 0; j < n_as && !owners[i]; j++)
            if (as[j]->id == list->items[i].agreement_id)
                owners[i] = as[j];
    }
    c.items = list->items, c.owners = owners, c.n = list->n;
    snprintf(c.why, sizeof c.why, "no signed local agreement of the centre asks for it any more");
    for (size_t i = 0; !st && i < c.n; i++)
        st = apply_one(&c, &c.items[i], owners[i]);
    if (!st)
        st = cancel_stale(&c, IX_DEADLINE_CENTRE, centre_id, true);
    free(owners);
    for (size_t i = 0; i < n_as; i++)
        if (as[i])
            fcavtal__v1__agreement__free_unpacked(as[i], NULL);
    free(as);
    fc_deadline_list_destroy(&list);
    return st;
}
