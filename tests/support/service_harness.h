/* Starts any real service binary for integration tests: a fresh data
 * folder, ephemeral loopback ports reported through --ready-file, stops
 * with a bound, restarts on the same folder (and, when asked, the same
 * ports), and a watchdog that never leaves a service behind: when the test
 * process goes, however it goes, its services are killed. */
#ifndef FC_TEST_SERVICE_HARNESS_H
#define FC_TEST_SERVICE_HARNESS_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct {
    pid_t pid;
    char dir[256];          /* data folder (mkdtemp under /tmp) */
    char endpoint[128];     /* request ROUTER, e.g. tcp://127.0.0.1:40123 */
    char pub_endpoint[128]; /* event PUB */
    bool keep_ports;        /* a restart binds the endpoints of the last start */
    bool stop_timed_out;    /* the last stop had to fall back to SIGKILL */
} fc_harness_t;

/* How long a stop waits for the process to exit before SIGKILL. */
#define FC_HARNESS_STOP_WAIT_MS 3000

/* Starts `binary` with --data <dir> --bind --publish --ready-file <dir>/ready
 * plus the NULL-terminated extra_args (may be NULL). Uses h->dir when
 * already set (a restart), else creates one. Waits until the ready file
 * names both endpoints. 0, or -1 when the service did not come up in 10 s. */
int fc_harness_start(fc_harness_t *h, const char *binary, const char *const *extra_args);

/* Sends `sig` (SIGTERM for a clean stop, SIGKILL for a crash), waits at most
 * FC_HARNESS_STOP_WAIT_MS (then SIGKILL, and stop_timed_out says so) and
 * reaps it. Returns the status from waitpid. */
int fc_harness_stop(fc_harness_t *h, int sig);

/* Stops the service if running and removes the data folder. */
void fc_harness_cleanup(fc_harness_t *h);

/* Waits until `done(arg)` is true, polling every 10 ms, at most timeout_ms.
 * True when it became true. */
bool fc_harness_wait(bool (*done)(void *arg), void *arg, int timeout_ms);

#endif
