/* Formatting every service's text output shares: key: value lines, dates,
 * enum names, money, ids, times, contacts. */
#ifndef FC_CLI_FORMAT_H
#define FC_CLI_FORMAT_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/v1/common.pb-c.h"

/* "  key:               value" */
void print_kv(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void print_contacts(Fcavtal__V1__Contact *const *contacts, size_t n);
/* "" for an absent date. */
const char *fmt_date(const Fcavtal__V1__Date *d, char *buf, size_t n);
/* Short enum name with spaces: "out for signature". */
const char *fmt_enum(const ProtobufCEnumDescriptor *e, int value, char *buf, size_t n);
/* "12 345,67 kr" */
const char *fmt_money(int64_t ore, char *buf, size_t n);
/* "" for 0, else the number: ids that are not set print as nothing. */
const char *fmt_id(uint64_t id, char *buf, size_t n);
/* "2025-06-01 14:03:07Z" */
const char *fmt_time(int64_t unix_ms, char *buf, size_t n);

#endif
