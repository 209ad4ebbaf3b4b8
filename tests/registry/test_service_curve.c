/* CURVE: only clients whose public certificate is in the allow folder are
 * served, and the audit trail names them by key; plain mode is refused on
 * anything but loopback. */
#include <criterion/criterion.h>
#include <czmq.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "registry_client.h"

extern char **environ;

static rc_t R;
static char SERVER_PUBLIC[41];
static char CLIENT_PUBLIC[41];
static char CLIENT_CERT[512];
static char STRANGER_CERT[512];

/* Certificates in the data folder: the server's (secret), one allowed
 * client's public one in allow/, that client's secret one and a stranger's
 * outside it. */
static void setup(void)
{
    memset(&R, 0, sizeof R);
    snprintf(R.h.dir, sizeof R.h.dir, "/tmp/fcavtal-curve-XXXXXX");
    cr_assert_not_null(mkdtemp(R.h.dir));
    char path[512], allow[512], secret[512];
    snprintf(allow, sizeof allow, "%s/allow", R.h.dir);
    cr_assert_eq(mkdir(allow, 0700), 0);

    zcert_t *server = zcert_new();
    cr_assert_not_null(server);
    snprintf(path, sizeof path, "%s/server.cert", R.h.dir);
    cr_assert_eq(zcert_save(server, path), 0);
    snprintf(SERVER_PUBLIC, sizeof SERVER_PUBLIC, "%s", zcert_public_txt(server));
    zcert_destroy(&server);
    snprintf(secret, sizeof secret, "%s/server.cert_secret", R.h.dir);

    zcert_t *client = zcert_new();
    cr_assert_not_null(client);
    snprintf(CLIENT_CERT, sizeof CLIENT_CERT, "%s/client.cert", R.h.dir);
    cr_assert_eq(zcert_save(client, CLIENT_CERT), 0);
    snprintf(path, sizeof path, "%s/client.cert", allow);
    cr_assert_eq(zcert_save_public(client, path), 0);
    snprintf(CLIENT_PUBLIC, sizeof CLIENT_PUBLIC, "%s", zcert_public_txt(client));
    zcert_destroy(&client);

    zcert_t *stranger = zcert_new();
    cr_assert_not_null(stranger);
    snprintf(STRANGER_CERT, sizeof STRANGER_CERT, "%s/stranger.cert", R.h.dir);
    cr_assert_eq(zcert_save(stranger, STRANGER_CERT), 0);
    zcert_destroy(&stranger);

    const char *const args[] = { "--curve-secret", secret, "--curve-allow", allow, NULL };
    cr_assert_eq(rc_start(&R, args), 0, "the registry did not start with CURVE");
}

static void teardown(void)
{
    rc_cleanup(&R);
}

static rc_rep_t *put_org(const char *orgnr, const char *name)
{
    return rc_put_org(&R, 0, orgnr, name, RC_ORG(MUNICIPALITY), 0);
}

Test(service_curve, allowed_client_is_served_and_audited_by_key, .init = setup, .fini = teardown)
{
    cr_assert_eq(rc_connect_curve(&R, SERVER_PUBLIC, CLIENT_CERT), 0);
    R.actor = "claims-to-be-someone-else";
    rc_rep_t *rep = put_org("212000-1967", "Örebro kommun");
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    uint64_t id = rep->organisation->id;
    rc_free(rep);
    rep = rc_get(&R, RC_BODY(GET_ORGANISATION), id);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);

    rep = rc_audit(&R, "organisation", id, 0, 0);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->audit->n_events, 1);
    char want[64];
    snprintf(want, sizeof want, "curve:%s", CLIENT_PUBLIC);
    cr_assert_str_eq(rep->audit->events[0]->actor, want,
                     "an authenticated client is its key, whatever it states");
    rc_free(rep);
}

Test(service_curve, unknown_key_gets_no_reply, .init = setup, .fini = teardown)
{
    R.timeout_ms = 1000;
    cr_assert_eq(rc_connect_curve(&R, SERVER_PUBLIC, STRANGER_CERT), 0);
    rc_rep_t *rep = put_org("212000-1967", "Örebro kommun");
    cr_assert_null(rep, "a key not on the allow list must get no reply: %s", rc_describe(rep));
    rc_free(rep);

    /* Nor does an ephemeral key. */
    cr_assert_eq(rc_connect_curve(&R, SERVER_PUBLIC, NULL), 0);
    rc_state_t *snap = rc_state(&R);
    cr_assert_null(snap, "an ephemeral key must get no reply");

    /* Nothing was written, and the allowed client is still served. */
    R.timeout_ms = 5000;
    cr_assert_eq(rc_connect_curve(&R, SERVER_PUBLIC, CLIENT_CERT), 0);
    snap = rc_state(&R);
    cr_assert_not_null(snap);
    cr_assert_eq(snap->n_organisations, 0);
    cr_assert_eq(snap->seq, 0);
    rc_state_free(&snap);
}

Test(service_curve, plain_client_gets_no_reply, .init = setup, .fini = teardown)
{
    R.timeout_ms = 1000;
    cr_assert_eq(rc_connect(&R), 0);
    rc_rep_t *rep = put_org("212000-1967", "Örebro kommun");
    cr_assert_null(rep, "a plain client must get no reply: %s", rc_describe(rep));
    rc_free(rep);
    R.timeout_ms = 5000;
    cr_assert_eq(rc_connect_curve(&R, SERVER_PUBLIC, CLIENT_CERT), 0);
    rc_state_t *snap = rc_state(&R);
    cr_assert_not_null(snap);
    cr_assert_eq(snap->n_organisations, 0, "the plain request changed nothing");
    rc_state_free(&snap);
}

/* ------------------------------------------------------------ refusals */

/* Runs the registry with these arguments (after --data <dir>/data) and
 * returns its exit status, or -1 when it was still running after 5 s (it is
 * killed then). */
static int run_registry(const char *dir, const char *const *args)
{
    char data[512];
    snprintf(data, sizeof data, "%s/data", dir);
    const char *argv[32] = { FC_REGISTRY_BIN, "--data", data, "--log-level", "error" };
    size_t n = 5;
    for (size_t i = 0; args[i] && n < 31; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    pid_t pid;
    cr_assert_eq(posix_spawn(&pid, FC_REGISTRY_BIN, NULL, NULL, (char *const *)argv, environ), 0);
    int status = 0;
    for (int i = 0; i < 500; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            return status;
        zclock_sleep(10);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

static bool failed(int status)
{
    return status != -1 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

Test(service_curve, refuses_unsafe_configurations)
{
    char dir[] = "/tmp/fcavtal-curve-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));

    const char *const any_bind[] = { "--bind", "tcp://0.0.0.0:*", "--publish",
                                     "tcp://127.0.0.1:*", NULL };
    int st = run_registry(dir, any_bind);
    cr_expect(failed(st), "plain mode on 0.0.0.0 must not start (status %d)", st);

    const char *const any_publish[] = { "--bind", "tcp://127.0.0.1:*", "--publish",
                                        "tcp://0.0.0.0:*", NULL };
    st = run_registry(dir, any_publish);
    cr_expect(failed(st), "plain events on 0.0.0.0 must not start (status %d)", st);

    /* CURVE with a public-only certificate as the secret one. */
    zcert_t *cert = zcert_new();
    char path[600], allow[600];
    snprintf(path, sizeof path, "%s/server.cert", dir);
    snprintf(allow, sizeof allow, "%s/allow", dir);
    cr_assert_eq(mkdir(allow, 0700), 0);
    cr_assert_eq(zcert_save_public(cert, path), 0);
    zcert_destroy(&cert);
    const char *const public_only[] = { "--bind", "tcp://0.0.0.0:*", "--publish",
                                        "tcp://0.0.0.0:*", "--curve-secret", path,
                                        "--curve-allow", allow, NULL };
    st = run_registry(dir, public_only);
    cr_expect(failed(st), "a public certificate is no secret (status %d)", st);

    /* CURVE without an allow folder. */
    cert = zcert_new();
    snprintf(path, sizeof path, "%s/real.cert", dir);
    cr_assert_eq(zcert_save(cert, path), 0);
    zcert_destroy(&cert);
    char missing[600];
    snprintf(missing, sizeof missing, "%s/no-such-folder", dir);
    const char *const no_allow[] = { "--bind", "tcp://127.0.0.1:*", "--publish",
                                     "tcp://127.0.0.1:*", "--curve-secret", path,
                                     "--curve-allow", missing, NULL };
    st = run_registry(dir, no_allow);
    cr_expect(failed(st), "CURVE needs an allow folder (status %d)", st);

    /* Control: the same certificate with its allow folder serves on 0.0.0.0. */
    fc_harness_t h;
    memset(&h, 0, sizeof h);
    snprintf(h.dir, sizeof h.dir, "%s", dir);
    const char *const curve_any[] = { "--bind", "tcp://0.0.0.0:*", "--publish",
                                      "tcp://0.0.0.0:*", "--curve-secret", path,
                                      "--curve-allow", allow, NULL };
    cr_expect_eq(rc_harness_start(&h, curve_any), 0, "CURVE on 0.0.0.0 is allowed");
    rc_harness_stop(&h, SIGKILL);

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}
