/* Starts a real service binary for integration tests: fresh data folder,
 * ephemeral loopback ports reported through --ready-file, kill and restart. */
#ifndef FC_TEST_SERVICE_HARNESS_H
#define FC_TEST_SERVICE_HARNESS_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct {
    pid_t pid;
    char dir[256];          /* data folder (mkdtemp under /tmp) */
    char endpoint[128];     /* request ROUTER, e.g. tcp://127.0.0.1:40123 */
    char pub_endpoint[128]; /* event PUB */
} fc_harness_t;

/* Starts `binary` with --data <dir> --bind tcp://127.0.0.1:* --publish
 * tcp://127.0.0.1:* --ready-file <dir>/ready plus the NULL-terminated
 * extra_args (may be NULL). Uses h->dir when already set (a restart), else
 * creates one. Waits until the ready file names both endpoints.
 * 0 on success, -1 when the service did not come up within 10 s. */
int fc_harness_start(fc_harness_t *h, const char *binary, const char *const *extra_args);

/* Sends `sig` (SIGTERM for a clean stop, SIGKILL for a crash) and reaps it.
 * Returns the exit status as from waitpid. */
int fc_harness_stop(fc_harness_t *h, int sig);

/* Stops the service if running and removes the data folder. */
void fc_harness_cleanup(fc_harness_t *h);

#endif
