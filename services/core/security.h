/* CURVE on the service's sockets (CZMQ zauth + zcert), or plain mode, which
 * is allowed only on ipc, inproc and loopback endpoints. */
#ifndef FC_CORE_SECURITY_H
#define FC_CORE_SECURITY_H

#include <czmq.h>
#include <stdbool.h>
#include "fcavtal/config.h"

/* True for ipc://, inproc://, and tcp:// on 127.0.0.0/8 or [::1]. */
bool fc_security_endpoint_is_local(const char *endpoint);

/* 0, or -1 with the reason in err when `endpoint` cannot be bound as
 * written (a host name such as tcp://localhost:). */
int fc_security_check_bind(const char *endpoint, char *err, size_t errlen);

/* Checks both endpoints with fc_security_check_bind, then, with cfg->curve_secret: starts zauth serving only the client public keys in
 * cfg->curve_allow (required), and makes both sockets CURVE servers. Without:
 * refuses non-local endpoints. 0, or -1 with a message in err. */
int fc_security_apply(const fc_config_t *cfg, zsock_t *router, zsock_t *pub, zactor_t **auth,
                      char *err, size_t errlen);

#endif
