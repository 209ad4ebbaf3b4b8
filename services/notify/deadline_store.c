/* Deadline records, the safe-day index and the plan index (deadline_store.h). */
#include "deadline_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "fcavtal/store.h"
#include "outbox.h"

static MDB_dbi dbi(fc_call_t *call, size_t db)
{
    return fc_store_dbi(fc_call_store(call), db);
}

static void day_key(uint8_t out[12], fc_date_t day, uint64_t id)
{
    uint32_t c = ntf_day_code(day);
    out[0] = (uint8_t)(c >> 24), out[1] = (uint8_t)(c >> 16), out[2] = (uint8_t)(c >> 8);
    out[3] = (uint8_t)c;
    fc_key_put_u64(out + 4, id);
}

static fc_status_t day_index(fc_call_t *call, const Deadline *d, bool add)
{
    fc_date_t safe;
    if (!fc_date_from_pb(d->safe_day, &safe))
        return FC_INTERNAL;
    uint8_t k[12];
    day_key(k, safe, d->id);
    MDB_val key = {sizeof k, k}, val = {0, NULL};
    int rc = add ? mdb_put(fc_call_txn(call), dbi(call, DB_DEADLINES_BY_DAY), &key, &val, 0)
                 : mdb_del(fc_call_txn(call), dbi(call, DB_DEADLINES_BY_DAY), &key, NULL);
    return rc == MDB_NOTFOUND ? FC_OK : fc_status_from_mdb(rc);
}

bool ntf_deadline_is_end(const Deadline *d)
{
    return strcmp(d->kind, "end") == 0;
}

fc_date_t ntf_expire_day(const Deadline *d)
{
    fc_date_t end = {0, 0, 0};
    fc_date_from_pb(d->date, &end);
    return fc_date_add_days(end, 1);
}

static fc_status_t plan_key(fc_call_t *call, fc_date_t day, uint64_t id, uint8_t slot, bool add)
{
    uint8_t k[13];
    day_key(k, day, id);
    k[12] = slot;
    MDB_val key = {sizeof k, k}, val = {0, NULL};
    int rc = add ? mdb_put(fc_call_txn(call), dbi(call, DB_PLAN), &key, &val, 0)
                 : mdb_del(fc_call_txn(call), dbi(call, DB_PLAN), &key, NULL);
    return rc == MDB_NOTFOUND ? FC_OK : fc_status_from_mdb(rc);
}

fc_status_t ntf_plan_remove(fc_call_t *call, fc_date_t day, uint64_t deadline_id, uint8_t slot)
{
    return plan_key(call, day, deadline_id, slot, false);
}

fc_status_t ntf_plan_index(fc_call_t *call, const Deadline *d, bool add)
{
    fc_status_t st = FC_OK;
    for (size_t i = 0; i < d->n_plan && !st; i++) {
        fc_date_t day;
        if (d->plan[i]->state == FCAVTAL__V1__REMINDER_STATE__REMINDER_STATE_PLANNED &&
            fc_date_from_pb(d->plan[i]->send_on, &day))
            st = plan_key(call, day, d->id, (uint8_t)i, add);
    }
    /* The end's slot stays while the deadline is active: the registry is
     * told the day after, however the reminders went. */
    if (!st && ntf_deadline_is_end(d))
        st = plan_key(call, ntf_expire_day(d), d->id, NTF_SLOT_EXPIRE, add);
    return st;
}

fc_status_t ntf_deadline_by_key(fc_call_t *call, const char *key, Deadline **out)
{
    fc_index_key_t k;
    fc_index_key_text(&k, key);
    uint64_t id;
    fc_status_t st = fc_record_index_first(call, REC_DEADLINE, IX_DEADLINE_KEY, &k, &id);
    if (st)
        return st;
    return fc_record_get(call, REC_DEADLINE, id, (ProtobufCMessage **)out);
}

static fc_status_t emit(fc_call_t *call, const Deadline *d, const char *verb)
{
    char v[64];
    snprintf(v, sizeof v, "%s.%s", d->kind, verb);
    return fc_call_emit(call, REC_DEADLINE, v, &d->base);
}

fc_status_t ntf_deadline_add(fc_call_t *call, Deadline *d)
{
    fc_status_t st = fc_record_new_id(call, REC_DEADLINE, &d->id);
    if (!st)
        st = fc_record_put(call, REC_DEADLINE, &d->base);
    if (!st)
        st = day_index(call, d, true);
    if (!st && d->state == FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_ACTIVE)
        st = ntf_plan_index(call, d, true);
    return st ? st : emit(call, d, "created");
}

fc_status_t ntf_deadline_save(fc_call_t *call, const Deadline *d, const char *verb)
{
    fc_status_t st = fc_record_put(call, REC_DEADLINE, &d->base);
    return st || !verb ? st : emit(call, d, verb);
}

fc_status_t ntf_deadline_cancel(fc_call_t *call, Deadline *d, const char *why)
{
    fc_status_t st = ntf_plan_index(call, d, false);
    if (st)
        return st;
    d->state = FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_CANCELLED;
    if (d->cancelled_on)
        fcavtal__v1__date__free_unpacked(d->cancelled_on, NULL);
    d->cancelled_on = fc_pb_date_new(fc_call_today(call));
    if (!d->cancelled_on || fc_pb_set_string(&d->cancelled_reason, why))
        return FC_RESOURCE_EXHAUSTED;
    st = ntf_outbox_cancel_deadline(call, d->id, why);
    return st ? st : ntf_deadline_save(call, d, "cancelled");
}

fc_status_t ntf_deadline_day_scan(fc_call_t *call, fc_date_t from, fc_date_t to,
                                  const uint8_t *after, ntf_day_visit_fn fn, void *arg)
{
    MDB_cursor *cur;
    int rc = mdb_cursor_open(fc_call_txn(call), dbi(call, DB_DEADLINES_BY_DAY), &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    uint8_t start[12], end[12];
    day_key(start, from, 0);
    day_key(end, to, UINT64_MAX);
    if (after && memcmp(after, start, 12) >= 0)
        memcpy(start, after, 12);
    MDB_val key = {sizeof start, start}, val;
    rc = mdb_cursor_get(cur, &key, &val, MDB_SET_RANGE);
    if (!rc && after && key.mv_size == 12 && memcmp(key.mv_data, after, 12) == 0)
        rc = mdb_cursor_get(cur, &key, &val, MDB_NEXT);
    int stop = 0;
    for (; !rc && !stop; rc = mdb_cursor_get(cur, &key, &val, MDB_NEXT)) {
        if (key.mv_size != 12 || memcmp(key.mv_data, end, 12) > 0)
            break;
        stop = fn(call, fc_key_get_u64((const uint8_t *)key.mv_data + 4), key.mv_data, arg);
    }
    mdb_cursor_close(cur);
    if (stop < 0)
        return FC_INTERNAL;
    return rc && rc != MDB_NOTFOUND ? fc_status_from_mdb(rc) : FC_OK;
}

fc_status_t ntf_plan_of_day(fc_call_t *call, fc_date_t day, ntf_plan_entry_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    MDB_cursor *cur;
    int rc = mdb_cursor_open(fc_call_txn(call), dbi(call, DB_PLAN), &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    uint8_t start[12];
    day_key(start, day, 0);
    MDB_val k = {4, start}, v;
    fc_status_t st = FC_OK;
    size_t cap = 0;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); !rc;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        if (k.mv_size != 13 || memcmp(k.mv_data, start, 4) != 0)
            break;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            ntf_plan_entry_t *grown = realloc(*out, cap * sizeof *grown);
            if (!grown) {
                st = FC_RESOURCE_EXHAUSTED;
                break;
            }
            *out = grown;
        }
        const uint8_t *p = k.mv_data;
        (*out)[(*n)++] = (ntf_plan_entry_t){fc_key_get_u64(p + 4), p[12]};
    }
    mdb_cursor_close(cur);
    return st ? st : rc && rc != MDB_NOTFOUND ? fc_status_from_mdb(rc) : FC_OK;
}
