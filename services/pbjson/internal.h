/* What the parts of the protobuf <-> JSON library share: the reader's state
 * and error path, storage sizes, and the special forms (well-known
 * messages, base64, text) that read.c and write.c both need. */
#ifndef FC_PBJSON_INTERNAL_H
#define FC_PBJSON_INTERNAL_H

#include <stdbool.h>

#include "fcavtal/pbjson.h"

/* ------------------------------------------------------------- reading */

typedef struct {
    const pbj_opts_t *opts;
    pbj_error_t *err;
    char path[256];
} pbj_reader_t;

/* Records the problem at the current path; always returns -1. */
int pbj_fail(pbj_reader_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads the keys of JSON object v into msg (initialised, of type d). top:
 * the outermost message, where opts->skip_top applies. 0 or -1. */
int pbj_read_object(pbj_reader_t *r, const ProtobufCMessageDescriptor *d, const json_t *v,
                    bool top, ProtobufCMessage *msg);

/* A malloc-owned copy of JSON string v in *out (which must hold no
 * malloc-owned text yet); refuses text that is not UTF-8. 0 or -1. */
int pbj_read_text(pbj_reader_t *r, const json_t *v, char **out);

/* Storage of one element of a field of this type in a protobuf-c struct. */
size_t pbj_element_size(ProtobufCType type);

/* ----------------------------------------------------- well-known types */

typedef enum { PBJ_WK_NONE, PBJ_WK_DATE, PBJ_WK_MONEY, PBJ_WK_ORGNR } pbj_well_known_t;

pbj_well_known_t pbj_well_known(const ProtobufCMessageDescriptor *d);
json_t *pbj_well_known_to_json(pbj_well_known_t wk, const ProtobufCMessage *msg);
/* Reads the compact form (or the canonical object form) into msg. */
int pbj_well_known_read(pbj_reader_t *r, pbj_well_known_t wk, const json_t *v,
                        ProtobufCMessage *msg);

/* ---------------------------------------------------------------- bytes */

json_t *pbj_base64_to_json(const ProtobufCBinaryData *b);
/* Standard or URL-safe alphabet, padding optional. 0, or -1 with the
 * reason in why. out->data is malloc-owned (NULL for no bytes). */
int pbj_base64_decode(const char *text, ProtobufCBinaryData *out, char *why, size_t n);

/* ----------------------------------------------------------------- text */

/* A JSON string for UTF-8 text, U+FFFD in place of each byte that starts
 * no valid sequence. NULL when out of memory. */
json_t *pbj_text_to_json(const char *text);

#endif
