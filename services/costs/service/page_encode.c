/* A yearly run of 5 000 centres packs 170 MB of pages; protobuf-c's generic
 * packer walks every descriptor twice (size, then bytes) and took 40 % of
 * the run's CPU time (docs/performance.md, "Costs"). The page's layout is
 * fixed (costs.proto: RunContentPage, RunItem, CostItem, AllocationSegment,
 * ShareMember, RunName, Money, Date), so it is written here field by field in one
 * pass with sizes computed arithmetically. protobuf-c reads it back
 * (run_load.c, show_run), and tests/costs/test_service_compute.c compares
 * every field it decodes to the engine's run. */
#include "page_encode.h"

#include <stdlib.h>
#include <string.h>

/* Wire types. */
enum { VARINT = 0, LEN = 2 };

/* Field numbers (costs.proto, common.proto). */
enum { PAGE_CENTRE_ID = 1, PAGE_CENTRE_NAME = 2, PAGE_RULE_SET = 3, PAGE_ITEMS = 4,
       PAGE_SEGMENTS = 5, PAGE_NAMES = 9 };
enum { RUNITEM_ITEM = 1, RUNITEM_ACCRUED = 2 };
enum { ITEM_ID = 1, ITEM_CENTRE = 2, ITEM_CATEGORY = 3, ITEM_AMOUNT = 4, ITEM_PAID_BY = 5,
       ITEM_NOTE = 6, ITEM_REFERENCE = 7, ITEM_FROM = 8, ITEM_TO = 9, ITEM_CREDIT = 13 };
enum { SEG_ITEM = 1, SEG_CENTRE = 2, SEG_FROM = 3, SEG_TO = 4, SEG_DAYS = 5, SEG_AMOUNT = 6,
       SEG_RULE = 7, SEG_SOURCE = 8, SEG_MEMBERS = 10, SEG_BASIS = 11, SEG_UNIT = 12,
       SEG_IDLE = 13 };
enum { MEMBER_OP = 1, MEMBER_AMOUNT = 2, MEMBER_WEIGHT = 4, MEMBER_PRINCIPAL = 5 };
enum { NAME_OPERATION = 1, NAME_ORGANISATION = 2, NAME_TEXT = 3 };
enum { MONEY_ORE = 1 };
enum { DATE_YEAR = 1, DATE_MONTH = 2, DATE_DAY = 3 };

/* ------------------------------------------------------------ sizes */

static size_t varint_size(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

/* proto3 leaves zero scalars out, as protobuf-c does. */
static size_t u64_field(uint64_t v)
{
    return v ? 1 + varint_size(v) : 0;
}

static size_t i64_field(int64_t v)
{
    return u64_field((uint64_t)v); /* int64: two's complement, ten bytes when negative */
}

static size_t text_field(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return n ? 1 + varint_size(n) + n : 0;
}

static size_t msg_field(size_t body)
{
    return 1 + varint_size(body) + body;
}

static size_t money_size(int64_t ore)
{
    return i64_field(ore);
}

static size_t date_size(fc_date_t d)
{
    return i64_field(d.year) + i64_field(d.month) + i64_field(d.day);
}

static size_t item_size(const cst_run_item_t *it)
{
    int64_t ore = it->amount < 0 ? -it->amount : it->amount; /* bounded: CST_MAX_ITEM_ORE */
    return u64_field(it->id) + u64_field(it->centre) + u64_field((uint64_t)it->category) +
           msg_field(money_size(ore)) + u64_field(it->paid_by) + text_field(it->note) +
           text_field(it->reference) + msg_field(date_size(it->from)) +
           msg_field(date_size(it->to)) + (it->amount < 0 ? 2 : 0);
}

static size_t run_item_size(const cst_run_item_t *it)
{
    return msg_field(item_size(it)) + msg_field(money_size(it->accrued));
}

static size_t member_size(const cst_member_t *m)
{
    return u64_field(m->party) + msg_field(money_size(m->amount)) + u64_field(m->weight) +
           u64_field(m->principal);
}

/* A packed repeated uint64 (proto3's default, as protobuf-c writes it). */
static size_t packed_body(const uint64_t *v, size_t n)
{
    size_t body = 0;
    for (size_t i = 0; i < n; i++)
        body += varint_size(v[i]);
    return body;
}

static size_t segment_size(const cst_segment_t *s)
{
    size_t n = u64_field(s->item) + u64_field(s->centre) + msg_field(date_size(s->from)) +
               msg_field(date_size(s->to)) + i64_field(s->days) +
               msg_field(money_size(s->amount)) + u64_field((uint64_t)s->rule) +
               text_field(s->source) + u64_field((uint64_t)s->basis) +
               u64_field((uint64_t)s->unit) +
               (s->n_idle ? msg_field(packed_body(s->idle, s->n_idle)) : 0);
    for (size_t k = 0; k < s->n_members; k++)
        n += msg_field(member_size(&s->members[k]));
    return n;
}

static size_t name_size(const cst_run_name_t *nm)
{
    return u64_field(nm->organisation ? 0 : nm->key) + u64_field(nm->organisation ? nm->key : 0) +
           text_field(nm->name);
}

/* ------------------------------------------------------------ writing */

typedef struct {
    uint8_t *p;
} out_t;

static void put_varint(out_t *o, uint64_t v)
{
    while (v >= 0x80) {
        *o->p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *o->p++ = (uint8_t)v;
}

static void put_tag(out_t *o, unsigned field, unsigned type)
{
    *o->p++ = (uint8_t)(field << 3 | type); /* every field number here is below 16 */
}

static void put_u64(out_t *o, unsigned field, uint64_t v)
{
    if (!v)
        return;
    put_tag(o, field, VARINT);
    put_varint(o, v);
}

static void put_i64(out_t *o, unsigned field, int64_t v)
{
    put_u64(o, field, (uint64_t)v);
}

static void put_text(out_t *o, unsigned field, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (!n)
        return;
    put_tag(o, field, LEN);
    put_varint(o, n);
    memcpy(o->p, s, n);
    o->p += n;
}

static void put_len(out_t *o, unsigned field, size_t body)
{
    put_tag(o, field, LEN);
    put_varint(o, body);
}

static void put_money(out_t *o, unsigned field, int64_t ore)
{
    put_len(o, field, money_size(ore));
    put_i64(o, MONEY_ORE, ore);
}

static void put_date(out_t *o, unsigned field, fc_date_t d)
{
    put_len(o, field, date_size(d));
    put_i64(o, DATE_YEAR, d.year);
    put_i64(o, DATE_MONTH, d.month);
    put_i64(o, DATE_DAY, d.day);
}

static void put_item(out_t *o, const cst_run_item_t *it)
{
    put_len(o, PAGE_ITEMS, run_item_size(it));
    put_len(o, RUNITEM_ITEM, item_size(it));
    put_u64(o, ITEM_ID, it->id);
    put_u64(o, ITEM_CENTRE, it->centre);
    put_u64(o, ITEM_CATEGORY, (uint64_t)it->category);
    put_money(o, ITEM_AMOUNT, it->amount < 0 ? -it->amount : it->amount);
    put_u64(o, ITEM_PAID_BY, it->paid_by);
    put_text(o, ITEM_NOTE, it->note);
    put_text(o, ITEM_REFERENCE, it->reference);
    put_date(o, ITEM_FROM, it->from);
    put_date(o, ITEM_TO, it->to);
    if (it->amount < 0) {
        put_tag(o, ITEM_CREDIT, VARINT);
        *o->p++ = 1;
    }
    put_money(o, RUNITEM_ACCRUED, it->accrued);
}

static void put_segment(out_t *o, const cst_segment_t *s)
{
    put_len(o, PAGE_SEGMENTS, segment_size(s));
    put_u64(o, SEG_ITEM, s->item);
    put_u64(o, SEG_CENTRE, s->centre);
    put_date(o, SEG_FROM, s->from);
    put_date(o, SEG_TO, s->to);
    put_i64(o, SEG_DAYS, s->days);
    put_money(o, SEG_AMOUNT, s->amount);
    put_u64(o, SEG_RULE, (uint64_t)s->rule);
    put_text(o, SEG_SOURCE, s->source);
    for (size_t k = 0; k < s->n_members; k++) {
        const cst_member_t *m = &s->members[k];
        put_len(o, SEG_MEMBERS, member_size(m));
        put_u64(o, MEMBER_OP, m->party);
        put_money(o, MEMBER_AMOUNT, m->amount);
        put_u64(o, MEMBER_WEIGHT, m->weight);
        put_u64(o, MEMBER_PRINCIPAL, m->principal);
    }
    put_u64(o, SEG_BASIS, (uint64_t)s->basis);
    put_u64(o, SEG_UNIT, (uint64_t)s->unit);
    if (s->n_idle) {
        put_len(o, SEG_IDLE, packed_body(s->idle, s->n_idle));
        for (size_t i = 0; i < s->n_idle; i++)
            put_varint(o, s->idle[i]);
    }
}

static void put_name(out_t *o, const cst_run_name_t *nm)
{
    put_len(o, PAGE_NAMES, name_size(nm));
    put_u64(o, NAME_OPERATION, nm->organisation ? 0 : nm->key);
    put_u64(o, NAME_ORGANISATION, nm->organisation ? nm->key : 0);
    put_text(o, NAME_TEXT, nm->name);
}

bool cst__page_encode_centre(const cst_run_t *run, uint8_t **out, size_t *len)
{
    const cst_run_centre_t *c = run->n_centres == 1 ? &run->centres[0] : NULL;
    size_t n = c ? u64_field(c->key) + text_field(c->name) + u64_field((uint64_t)c->rule_set) : 0;
    for (size_t i = 0; i < run->n_items; i++)
        n += msg_field(run_item_size(&run->items[i]));
    for (size_t s = 0; s < run->n_segments; s++)
        n += msg_field(segment_size(&run->segments[s]));
    for (size_t k = 0; c && k < c->n_names; k++)
        n += msg_field(name_size(&c->names[k]));
    *len = n;
    *out = malloc(n ? n : 1);
    if (*out == NULL)
        return false;
    out_t o = {*out};
    if (c) {
        put_u64(&o, PAGE_CENTRE_ID, c->key);
        put_text(&o, PAGE_CENTRE_NAME, c->name);
        put_u64(&o, PAGE_RULE_SET, (uint64_t)c->rule_set);
    }
    for (size_t i = 0; i < run->n_items; i++)
        put_item(&o, &run->items[i]);
    for (size_t s = 0; s < run->n_segments; s++)
        put_segment(&o, &run->segments[s]);
    for (size_t k = 0; c && k < c->n_names; k++)
        put_name(&o, &c->names[k]);
    return (size_t)(o.p - *out) == n;
}
