/* Text output of the audit trail, snapshots and import results. */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "print.h"
#include "table.h"

static const char *fmt_time(int64_t unix_ms, char *buf, size_t n)
{
    time_t secs = (time_t)(unix_ms / 1000);
    struct tm tm;
    if (!gmtime_r(&secs, &tm) || strftime(buf, n, "%Y-%m-%d %H:%M:%SZ", &tm) == 0)
        snprintf(buf, n, "%" PRId64, unix_ms);
    return buf;
}

static const char *event_entity(const Fcavtal__V1__RegistryEvent *e, char *buf, size_t n)
{
    switch (e->entity_case) {
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION:
        snprintf(buf, n, "organisation %" PRIu64, e->organisation->id); break;
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_OPERATION:
        snprintf(buf, n, "operation %" PRIu64, e->operation->id); break;
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_CENTRE:
        snprintf(buf, n, "centre %" PRIu64, e->centre->id); break;
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT:
        snprintf(buf, n, "agreement %" PRIu64 " v%u", e->agreement->id,
                 (unsigned)e->agreement->version); break;
    default:
        snprintf(buf, n, "%s", ""); break;
    }
    return buf;
}

int print_audit(const Fcavtal__V1__AuditLog *log)
{
    static const char *const headers[] = {"SEQ", "TIME", "ACTOR", "ACTION", "ENTITY",
                                          "REQUEST"};
    cli_table_t *t = table_new(headers, 6);
    for (size_t i = 0; i < log->n_events && t; i++) {
        const Fcavtal__V1__RegistryEvent *e = log->events[i];
        char when[32], what[64];
        table_cellf(t, "%" PRIu64, e->seq);
        table_cellf(t, "%s", fmt_time(e->at_unix_ms, when, sizeof when));
        table_cellf(t, "%s", e->actor);
        table_cellf(t, "%s", e->action);
        table_cellf(t, "%s", event_entity(e, what, sizeof what));
        table_cellf(t, "%s", e->request_id);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

/* One page of a snapshot, records grouped by type as they come. */
int print_snapshot(const Fcavtal__V1__SnapshotPage *s)
{
    size_t n[5] = { 0 };
    for (size_t i = 0; i < s->n_records; i++) {
        /* The entity oneof's case numbers are 10..13, in this order. */
        unsigned which = (unsigned)s->records[i]->entity_case - FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION;
        n[which < 4 ? which : 4]++;
    }
    printf("snapshot page at event %" PRIu64 ": %zu organisations, %zu operations, %zu centres, "
           "%zu agreements%s\n", s->seq, n[0], n[1], n[2], n[3],
           s->next_cursor.len ? " (more pages follow)" : "");
    return 0;
}

int print_imported(const Fcavtal__V1__ImportResult *r)
{
    printf("imported: %u organisations created, %u reused; %u operations; %u centres; "
           "%u agreements\n", (unsigned)r->organisations_created,
           (unsigned)r->organisations_reused, (unsigned)r->operations, (unsigned)r->centres,
           (unsigned)r->agreements);
    return 0;
}
