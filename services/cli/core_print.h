/* Output of the commands every service answers (audit, snapshot, today),
 * from their common messages and each service's event type found by
 * reflection: a new service's records show up with no code here. */
#ifndef FC_CLI_CORE_PRINT_H
#define FC_CLI_CORE_PRINT_H

#include "cli.h"

/* A whole snapshot, gathered page by page. */
typedef struct {
    cli_service_t *svc;
    const ProtobufCMessageDescriptor *event;  /* the service's event type */
    size_t *counts;     /* records per field of the event (its entity members) */
    json_t *doc;        /* with --json: {"seq": first page's, "records": [...]} */
    uint64_t first_seq, last_seq;
    size_t pages;
} core_snapshot_t;

/* 0, or -1 out of memory or when the service has no snapshot page type. */
int core_snapshot_init(core_snapshot_t *s, cli_service_t *svc, bool json);
/* Takes one page; its next_cursor is copied into cursor (malloc-owned; len
 * 0 on the last page). 0, or -1 out of memory. */
int core_snapshot_add(core_snapshot_t *s, const ProtobufCMessage *page,
                      ProtobufCBinaryData *cursor);
void core_snapshot_clear(core_snapshot_t *s);

/* Text: 0, or -1 when the output could not be made. */
int core_print_snapshot(const core_snapshot_t *s);
int core_print_audit(const ProtobufCMessage *log);

/* The dates of the slots that answered: the date alone when `alone`, else
 * one line per service. CLI_OK or CLI_FAILED. */
int core_print_today(const cli_fanout_t *slots, size_t n, bool alone);
int core_print_today_json(const cli_fanout_t *slots, size_t n, bool alone);

#endif
