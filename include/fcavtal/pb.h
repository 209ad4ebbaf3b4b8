/* Small protobuf-c helpers shared by services. */
#ifndef FCAVTAL_PB_H
#define FCAVTAL_PB_H

#include <stdbool.h>
#include <stddef.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/date.h"
#include "fcavtal/v1/common.pb-c.h"

/* A deep, malloc-owned copy (pack then unpack); NULL when out of memory. */
ProtobufCMessage *fc_pb_clone(const ProtobufCMessage *msg);
/* A malloc-owned wire date. */
Fcavtal__V1__Date *fc_pb_date_new(fc_date_t d);
/* Drops a trailing incomplete UTF-8 sequence left by cutting text to a
 * buffer: proto3 strings must be valid UTF-8 or strict clients refuse them. */
void fc_utf8_trim(char *text);
/* True when text[0..len) is valid UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF). */
bool fc_utf8_valid_n(const char *text, size_t len);

/* Replaces *slot (freeing the old string) with a copy of text; 0 or -1. */
int fc_pb_set_string(char **slot, const char *text);

#endif
