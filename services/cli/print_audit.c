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

int print_snapshot(const Fcavtal__V1__Snapshot *s)
{
    printf("snapshot at event %" PRIu64 ": %zu organisations, %zu operations, %zu centres, "
           "%zu agreements\n", s->seq, s->n_organisations, s->n_operations, s->n_centres,
           s->n_agreements);
    printf("\norganisations:\n");
    if (print_organisations(s->organisations, s->n_organisations) != 0)
        return -1;
    printf("\noperations:\n");
    if (print_operations(s->operations, s->n_operations) != 0)
        return -1;
    printf("\ncentres:\n");
    if (print_centres(s->centres, s->n_centres) != 0)
        return -1;
    printf("\nagreements:\n");
    return print_agreements(s->agreements, s->n_agreements);
}

int print_imported(const Fcavtal__V1__ImportResult *r)
{
    printf("imported: %u organisations created, %u reused; %u operations; %u centres; "
           "%u agreements\n", (unsigned)r->organisations_created,
           (unsigned)r->organisations_reused, (unsigned)r->operations, (unsigned)r->centres,
           (unsigned)r->agreements);
    return 0;
}
