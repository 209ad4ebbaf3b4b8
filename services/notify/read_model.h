/* notify's own copy of what it needs from the registry, kept by a core
 * follower (fcavtal/follower.h): organisations (names, org numbers,
 * contacts), operations, centres (name, coordinator, contacts) and
 * agreements (kind, status, term, notice, parties, contacts), stored as the
 * registry's messages trimmed of everything else. Every agreement applied
 * has its deadlines computed again in the same transaction. */
#ifndef FCAVTAL_NOTIFY_READ_MODEL_H
#define FCAVTAL_NOTIFY_READ_MODEL_H

#include "notify.h"

/* Starts following the registry at the two endpoints. NULL with err. */
fc_follower_t *ntf_read_model_follow(fc_server_t *server, ntf_t *ntf, const char *request_ep,
                                     const char *publish_ep, char *err, size_t errlen);

/* Applies one registry event (or snapshot record) to the model; exposed for
 * the in-process benchmark. */
fc_status_t ntf_read_model_apply(fc_call_t *call, const ProtobufCMessage *event, void *arg);

#endif
