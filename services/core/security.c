#include "security.h"

#include <string.h>
#include <sys/stat.h>

bool fc_security_endpoint_is_local(const char *endpoint)
{
    static const char *const local[] = {
        "ipc://", "inproc://", "tcp://127.", "tcp://[::1]:",
    };
    for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
        if (strncmp(endpoint, local[i], strlen(local[i])) == 0)
            return true;
    return false;
}

static int start_auth(const char *allow_dir, zactor_t **auth, char *err, size_t errlen)
{
    struct stat st;
    if (!allow_dir || stat(allow_dir, &st) || !S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "CURVE needs --curve-allow naming a folder of client certificates");
        return -1;
    }
    *auth = zactor_new(zauth, NULL);
    if (!*auth) {
        snprintf(err, errlen, "cannot start the authenticator");
        return -1;
    }
    /* zauth re-reads the folder on each handshake attempt it cannot match,
     * so adding a client certificate needs no restart. */
    if (zstr_sendx(*auth, "CURVE", allow_dir, NULL) || zsock_wait(*auth) < 0) {
        snprintf(err, errlen, "cannot configure the authenticator");
        return -1;
    }
    return 0;
}

/* ZeroMQ binds a TCP endpoint to an interface name or address, never to a
 * host name: "tcp://localhost:7101" fails at bind time with a confusing
 * error, so it is refused up front with the address to use instead. */
int fc_security_check_bind(const char *endpoint, char *err, size_t errlen)
{
    static const char localhost[] = "tcp://localhost:";
    if (strncmp(endpoint, localhost, sizeof localhost - 1) == 0) {
        snprintf(err, errlen, "cannot bind %s: ZeroMQ binds addresses, not host names; use "
                 "tcp://127.0.0.1:%s", endpoint, endpoint + sizeof localhost - 1);
        return -1;
    }
    return 0;
}

int fc_security_apply(const fc_config_t *cfg, zsock_t *router, zsock_t *pub, zactor_t **auth,
                      char *err, size_t errlen)
{
    if (fc_security_check_bind(cfg->bind, err, errlen)
        || fc_security_check_bind(cfg->publish, err, errlen))
        return -1;
    if (!cfg->curve_secret) {
        if (fc_security_endpoint_is_local(cfg->bind) && fc_security_endpoint_is_local(cfg->publish))
            return 0;
        snprintf(err, errlen,
                 "refusing plain (unencrypted) mode on a non-local endpoint: configure "
                 "--curve-secret and --curve-allow, or bind ipc:// or loopback");
        return -1;
    }
    zcert_t *cert = zcert_load(cfg->curve_secret);
    if (!cert || !*zcert_secret_txt(cert) || streq(zcert_secret_txt(cert), "0000000000000000000000000000000000000000")) {
        zcert_destroy(&cert);
        snprintf(err, errlen, "cannot load a secret certificate from %s", cfg->curve_secret);
        return -1;
    }
    int rc = start_auth(cfg->curve_allow, auth, err, errlen);
    if (rc == 0) {
        zcert_apply(cert, router);
        zcert_apply(cert, pub);
        zsock_set_curve_server(router, 1);
        zsock_set_curve_server(pub, 1);
    }
    zcert_destroy(&cert);
    return rc;
}
