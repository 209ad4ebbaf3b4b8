#include "service_harness.h"

#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int read_ready(fc_harness_t *h, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    h->endpoint[0] = h->pub_endpoint[0] = '\0';
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "request=", 8) == 0)
            snprintf(h->endpoint, sizeof h->endpoint, "%s", line + 8);
        else if (strncmp(line, "publish=", 8) == 0)
            snprintf(h->pub_endpoint, sizeof h->pub_endpoint, "%s", line + 8);
    }
    fclose(f);
    return h->endpoint[0] && h->pub_endpoint[0] ? 0 : -1;
}

int fc_harness_start(fc_harness_t *h, const char *binary, const char *const *extra_args)
{
    if (!h->dir[0]) {
        snprintf(h->dir, sizeof h->dir, "/tmp/fcavtal-test-XXXXXX");
        if (!mkdtemp(h->dir))
            return -1;
    }
    char data[512], ready[512];
    snprintf(data, sizeof data, "%s/data", h->dir);
    snprintf(ready, sizeof ready, "%s/ready", h->dir);
    unlink(ready);
    const char *argv[64] = { binary, "--data", data, "--bind", "tcp://127.0.0.1:*",
                             "--publish", "tcp://127.0.0.1:*", "--ready-file", ready,
                             "--log-level", "warn" };
    size_t n = 11;
    for (size_t i = 0; extra_args && extra_args[i] && n < 62; i++)
        argv[n++] = extra_args[i];
    argv[n] = NULL;
    if (posix_spawn(&h->pid, binary, NULL, NULL, (char *const *)argv, environ))
        return -1;
    for (int i = 0; i < 1000; i++) {
        if (read_ready(h, ready) == 0)
            return 0;
        int status;
        if (waitpid(h->pid, &status, WNOHANG) == h->pid) {
            h->pid = 0;
            return -1;
        }
        nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
    }
    return -1;
}

int fc_harness_stop(fc_harness_t *h, int sig)
{
    int status = -1;
    if (h->pid <= 0)
        return status;
    kill(h->pid, sig);
    waitpid(h->pid, &status, 0);
    h->pid = 0;
    return status;
}

void fc_harness_cleanup(fc_harness_t *h)
{
    fc_harness_stop(h, SIGKILL);
    if (h->dir[0]) {
        char cmd[600];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", h->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", h->dir);
        h->dir[0] = '\0';
    }
}
