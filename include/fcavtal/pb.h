/* Small protobuf-c helpers shared by services. */
#ifndef FCAVTAL_PB_H
#define FCAVTAL_PB_H

#include <stdbool.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/date.h"
#include "fcavtal/v1/common.pb-c.h"

/* A deep, malloc-owned copy (pack then unpack); NULL when out of memory. */
ProtobufCMessage *fc_pb_clone(const ProtobufCMessage *msg);
/* A malloc-owned wire date. */
Fcavtal__V1__Date *fc_pb_date_new(fc_date_t d);
/* Replaces *slot (freeing the old string) with a copy of text; 0 or -1. */
int fc_pb_set_string(char **slot, const char *text);

#endif
