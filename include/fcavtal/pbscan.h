/* A check of a request's wire bytes before protobuf-c unpacks them.
 *
 * protobuf-c allocates as it decodes and has no hook to refuse hostile
 * input early: 4 MiB of empty sub-messages decode into two million structs.
 * This walk reads the protobuf wire format against the message descriptor
 * without allocating, counts the elements (every field occurrence and every
 * packed item) against the limits, and checks every string on the wire:
 * valid UTF-8 and no NUL byte (protobuf-c would cut a string at its first
 * NUL, so "a\0b" and "a\0c" would become the same request id). Only after
 * it passes is the request unpacked. */
#ifndef FCAVTAL_PBSCAN_H
#define FCAVTAL_PBSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <protobuf-c/protobuf-c.h>
#include "fcavtal/status.h"

typedef struct {
    size_t max_elements;   /* in the whole message */
    size_t max_repeated;   /* in one repeated field of one message */
    bool stored;           /* bytes this service wrote: their strings were
                              checked on the way in and are not again */
    size_t elements;       /* counted so far */
    char path[256];        /* where the first problem is: "centre.participations[3].name" */
    char problem[192];     /* what it is, for the error reply */
} fc_pbscan_t;

/* FC_OK; FC_INVALID_ARGUMENT for malformed wire data or a bad string;
 * FC_RESOURCE_EXHAUSTED when a limit is passed. */
fc_status_t fc_pbscan(const ProtobufCMessageDescriptor *desc, const uint8_t *data, size_t len,
                      fc_pbscan_t *scan);

#endif
