/* Protobuf <-> JSON for any protobuf-c message, by descriptor reflection:
 * the CLI's input and output, and a service's bridge to a system that
 * speaks JSON (docs/json.md is the contract; this header is the API).
 *
 * In short: field names are the .proto names (lowerCamelCase is accepted
 * on input); enums are their short lowercase names (ORG_KIND_REGION ->
 * "region"); fcavtal.v1.Date is "YYYY-MM-DD", fcavtal.v1.Money integer öre,
 * fcavtal.v1.OrgNumber its string; 64-bit integers are JSON numbers; bytes
 * are base64. On input a uint64 field "x_id" may also be written "x" (a
 * reference): with a resolver it may name anything the resolver
 * understands (import refs), without one it must be a number. A date that
 * does not exist and an org number that does not validate are refused with
 * the reason. */
#ifndef FCAVTAL_PBJSON_H
#define FCAVTAL_PBJSON_H

#include <jansson.h>
#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char path[256];     /* "participations[0].operation" */
    char message[256];  /* "unknown reference \"bvc-vivala\"" */
} pbj_error_t;

/* Resolves reference key `key` (e.g. "municipality") holding `value` to an
 * id. Returns 0, or -1 with a message written into err (errlen bytes). */
typedef int (*pbj_resolve_fn)(void *ctx, const char *key, const json_t *value, uint64_t *id,
                              char *err, size_t errlen);

typedef struct {
    pbj_resolve_fn resolve;  /* NULL: references must be numeric ids */
    void *ctx;
    const char *const *skip_top;  /* NULL-terminated keys ignored at the top level */
} pbj_opts_t;

/* A new JSON value for msg (an object, or a string/integer for the
 * well-known scalars; null for a NULL msg). Text that is not valid UTF-8
 * comes out with U+FFFD in place of each bad byte, so the JSON is always
 * valid. NULL only when out of memory. */
json_t *pbj_to_json(const ProtobufCMessage *msg);

/* A heap message of type desc built from obj; free it with
 * protobuf_c_message_free_unpacked(msg, NULL). NULL with *err filled on bad
 * input (nothing half-built is left behind) or out of memory. opts may be
 * NULL. */
ProtobufCMessage *pbj_from_json(const ProtobufCMessageDescriptor *desc, const json_t *obj,
                                const pbj_opts_t *opts, pbj_error_t *err);

/* The JSON of the field set in oneof `case_value` of msg (e.g. a reply's
 * body), or NULL when none is set or out of memory. */
json_t *pbj_oneof_to_json(const ProtobufCMessage *msg, uint32_t case_value);

/* Short lowercase name of an enum value into buf ("municipality"); unknown
 * numbers come out as the number. Returns buf. */
const char *pbj_enum_name(const ProtobufCEnumDescriptor *desc, int value, char *buf, size_t n);

/* Parses a short name (any case, '-' or ' ' for '_'), full name or number.
 * 0, or -1 when the text names no value. */
int pbj_enum_parse(const ProtobufCEnumDescriptor *desc, const char *text, int *value);

/* "a, b, c": every short name but the zero value, for error messages. */
const char *pbj_enum_choices(const ProtobufCEnumDescriptor *desc, char *buf, size_t n);

/* The reasons pbj_from_json gives, for callers that read the same values
 * elsewhere (command-line flags and arguments), so that every place says
 * it in the same words.
 *
 * NULL when `text` is a date "YYYY-MM-DD" that exists. Otherwise writes one
 * phrase into buf and returns buf:
 *   "2024-02-30 is not a date: February 2024 has 29 days"
 *   "2025-13-01 is not a date: there is no month 13"
 *   "24-01-01 is not a date: write YYYY-MM-DD" */
const char *pbj_date_error(const char *text, char *buf, size_t size);

/* NULL when `text` is a valid organisation number (any form
 * fc_orgnr_normalise accepts). Otherwise writes one phrase into buf and
 * returns buf: "232100-0132: check digit does not match (expected 1)",
 * "23210-0131: must have 10 digits, or 12 starting with 16". */
const char *pbj_orgnr_error(const char *text, char *buf, size_t size);

#endif
