/* Text and JSON output of audit trails, snapshots and dates, for any
 * service: events are read by the names every service's event has (seq,
 * at_unix_ms, actor, action, request_id, one oneof entity). */
#include "core_print.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pbjson.h"
#include "format.h"
#include "reflect.h"
#include "table.h"

/* --------------------------------------------------------------- audit */

/* "organisation 3", "agreement 1 v2": the record an event is about. */
static const char *event_entity(const ProtobufCMessage *e, char *buf, size_t n)
{
    const ProtobufCFieldDescriptor *f = cli_oneof_set(e);
    const ProtobufCMessage *rec = f ? cli_get_msg(e, f->name) : NULL;
    if (!rec) {
        snprintf(buf, n, "%s", "");
        return buf;
    }
    uint32_t version = cli_get_u32(rec, "version");
    if (version)
        snprintf(buf, n, "%s %" PRIu64 " v%u", f->name, cli_get_u64(rec, "id"), (unsigned)version);
    else
        snprintf(buf, n, "%s %" PRIu64, f->name, cli_get_u64(rec, "id"));
    return buf;
}

int core_print_audit(const ProtobufCMessage *log)
{
    static const char *const headers[] = {"SEQ", "TIME", "ACTOR", "ACTION", "ENTITY",
                                          "REQUEST"};
    ProtobufCMessage **events;
    size_t n = cli_get_repeated(log, "events", (void **)&events);
    cli_table_t *t = table_new(headers, 6);
    for (size_t i = 0; i < n && t; i++) {
        const ProtobufCMessage *e = events[i];
        char when[32], what[128];
        table_cellf(t, "%" PRIu64, cli_get_u64(e, "seq"));
        table_cellf(t, "%s", fmt_time(cli_get_i64(e, "at_unix_ms"), when, sizeof when));
        table_cellf(t, "%s", cli_get_str(e, "actor"));
        table_cellf(t, "%s", cli_get_str(e, "action"));
        table_cellf(t, "%s", event_entity(e, what, sizeof what));
        table_cellf(t, "%s", cli_get_str(e, "request_id"));
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

/* ------------------------------------------------------------ snapshot */

/* The event type of the service's snapshot pages (reply.snapshot.records). */
static const ProtobufCMessageDescriptor *event_type(const cli_service_t *svc)
{
    const ProtobufCFieldDescriptor *page = cli_field(svc->def->reply, "snapshot");
    const ProtobufCFieldDescriptor *records =
        page && page->type == PROTOBUF_C_TYPE_MESSAGE ? cli_field(page->descriptor, "records")
                                                      : NULL;
    return records && records->type == PROTOBUF_C_TYPE_MESSAGE ? records->descriptor : NULL;
}

int core_snapshot_init(core_snapshot_t *s, cli_service_t *svc, bool json)
{
    memset(s, 0, sizeof *s);
    s->svc = svc;
    s->event = event_type(svc);
    if (!s->event)
        return -1;
    s->counts = calloc(s->event->n_fields, sizeof *s->counts);
    if (!s->counts)
        return -1;
    if (json && !(s->doc = json_pack("{sIs[]}", "seq", (json_int_t)0, "records"))) {
        core_snapshot_clear(s);
        return -1;
    }
    return 0;
}

void core_snapshot_clear(core_snapshot_t *s)
{
    free(s->counts);
    json_decref(s->doc);
    s->counts = NULL;
    s->doc = NULL;
}

static int copy_cursor(const ProtobufCMessage *page, ProtobufCBinaryData *cursor)
{
    const ProtobufCFieldDescriptor *f = cli_field(page->descriptor, "next_cursor");
    if (!f || f->type != PROTOBUF_C_TYPE_BYTES)
        return 0;  /* no cursor: one page is all */
    const ProtobufCBinaryData *next =
        (const ProtobufCBinaryData *)((const char *)page + f->offset);
    if (next->len == 0)
        return 0;
    if (!(cursor->data = malloc(next->len)))
        return -1;
    memcpy(cursor->data, next->data, next->len);
    cursor->len = next->len;
    return 0;
}

int core_snapshot_add(core_snapshot_t *s, const ProtobufCMessage *page,
                      ProtobufCBinaryData *cursor)
{
    uint64_t seq = cli_get_u64(page, "seq");
    if (s->pages++ == 0) {
        s->first_seq = seq;
        if (s->doc && json_object_set_new(s->doc, "seq", json_integer((json_int_t)seq)) != 0)
            return -1;
    }
    s->last_seq = seq;
    ProtobufCMessage **records;
    size_t n = cli_get_repeated(page, "records", (void **)&records);
    json_t *all = json_object_get(s->doc, "records");
    for (size_t i = 0; i < n; i++) {
        const ProtobufCFieldDescriptor *f = cli_oneof_set(records[i]);
        if (f && records[i]->descriptor == s->event)
            s->counts[f - s->event->fields]++;
        if (all && json_array_append_new(all, pbj_to_json(records[i])) != 0)
            return -1;
    }
    return copy_cursor(page, cursor);
}

int core_print_snapshot(const core_snapshot_t *s)
{
    static const char *const headers[] = {"RECORD", "COUNT"};
    /* Pages are read one transaction each: the state may move between. */
    if (s->first_seq == s->last_seq)
        printf("%s at event %" PRIu64 ", %zu page%s:\n", s->svc->name, s->first_seq, s->pages,
               s->pages == 1 ? "" : "s");
    else
        printf("%s read at events %" PRIu64 " to %" PRIu64 " (it changed meanwhile), %zu "
               "pages:\n", s->svc->name, s->first_seq, s->last_seq, s->pages);
    cli_table_t *t = table_new(headers, 2);
    for (unsigned i = 0; i < s->event->n_fields && t; i++) {
        const ProtobufCFieldDescriptor *f = &s->event->fields[i];
        if (!(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF))
            continue;
        table_cellf(t, "%s", f->name);
        table_cellf(t, "%zu", s->counts[i]);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

/* --------------------------------------------------------------- today */

static const Fcavtal__V1__Date *date_of(const cli_fanout_t *slot)
{
    const ProtobufCMessage *d = slot->reply ? cli_get_msg(slot->reply, "today") : NULL;
    return d && d->descriptor == &fcavtal__v1__date__descriptor ? (const Fcavtal__V1__Date *)d
                                                               : NULL;
}

int core_print_today(const cli_fanout_t *slots, size_t n, bool alone)
{
    static const char *const headers[] = {"SERVICE", "TODAY"};
    char date[48];
    if (alone) {
        if (date_of(&slots[0]))
            printf("%s\n", fmt_date(date_of(&slots[0]), date, sizeof date));
        return fflush(stdout) == 0 ? CLI_OK : CLI_FAILED;
    }
    cli_table_t *t = table_new(headers, 2);
    size_t shown = 0;
    for (size_t i = 0; i < n && t; i++) {
        if (!date_of(&slots[i]))
            continue;
        table_cellf(t, "%s", slots[i].svc->name);
        table_cellf(t, "%s", fmt_date(date_of(&slots[i]), date, sizeof date));
        shown++;
    }
    int rc = shown ? table_print(t, stdout) : 0;
    table_destroy(&t);
    return rc == 0 && fflush(stdout) == 0 ? CLI_OK : CLI_FAILED;
}

int core_print_today_json(const cli_fanout_t *slots, size_t n, bool alone)
{
    if (alone) {
        json_t *d = date_of(&slots[0]) ? pbj_to_json(&date_of(&slots[0])->base) : NULL;
        int rc = d ? cli_print_json(d) : CLI_OK;
        json_decref(d);
        return rc;
    }
    json_t *doc = json_object();
    for (size_t i = 0; i < n && doc; i++) {
        const Fcavtal__V1__Date *d = date_of(&slots[i]);
        if (d && json_object_set_new(doc, slots[i].svc->name, pbj_to_json(&d->base)) != 0) {
            json_decref(doc);
            doc = NULL;
        }
    }
    int rc = doc ? cli_print_json(doc) : CLI_FAILED;
    if (!doc)
        fprintf(stderr, "error: out of memory\n");
    json_decref(doc);
    return rc;
}
