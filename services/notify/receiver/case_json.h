/* The readable rendering of a CaseNotification written beside its raw
 * bytes: field names as in casefeed.proto, dates as "YYYY-MM-DD", enums by
 * name, UTF-8 as is (docs/casefeed.md "Files"). */
#ifndef FCAVTAL_NOTIFY_CASE_JSON_H
#define FCAVTAL_NOTIFY_CASE_JSON_H

#include <stdint.h>
#include "fcavtal/v1/casefeed.pb-c.h"

/* Owned text (free), ending in "\n"; NULL when out of memory.
 * received_unix_ms is recorded as "received_at". */
char *ntf_case_json(const Fcavtal__V1__CaseNotification *n, int64_t received_unix_ms);

#endif
