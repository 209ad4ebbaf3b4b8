#include "service_harness.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------ watchdog */

/* A test that crashes, is killed or exits without its .fini would leave the
 * service running, holding the test's stdout open (ctest then waits for
 * ever). Each service gets a watchdog: a forked process holding one end of a
 * socket pair whose other end only this test process has (close-on-exec, so
 * later services do not inherit it). When the test process goes, however it
 * goes, the watchdog reads end-of-file and kills the service (still unreaped,
 * so its pid cannot have been reused). A normal stop disarms it first. */
#define MAX_LIVE 16
static struct {
    pid_t service, watchdog;
    int fd;
} live[MAX_LIVE];

static void watch(pid_t service)
{
    int slot = -1;
    for (int i = 0; i < MAX_LIVE && slot < 0; i++)
        if (live[i].service <= 0)
            slot = i;
    int fds[2];
    if (slot < 0 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds))
        return;
    pid_t w = fork();
    if (w == 0) {
        /* Only async-signal-safe calls after fork in a threaded process. */
        for (int fd = 0; fd < 1024; fd++)
            if (fd != fds[0])
                close(fd);
        char c;
        ssize_t n;
        while ((n = read(fds[0], &c, 1)) < 0 && errno == EINTR)
            ;
        if (n == 0)
            kill(service, SIGKILL);
        _exit(0);
    }
    close(fds[0]);
    if (w < 0) {
        close(fds[1]);
        return;
    }
    live[slot].service = service;
    live[slot].watchdog = w;
    live[slot].fd = fds[1];
}

static void unwatch(pid_t service)
{
    for (int i = 0; i < MAX_LIVE; i++) {
        if (live[i].service != service || service <= 0)
            continue;
        while (send(live[i].fd, "d", 1, MSG_NOSIGNAL) < 0 && errno == EINTR)
            ;
        close(live[i].fd);
        while (waitpid(live[i].watchdog, NULL, 0) < 0 && errno == EINTR)
            ;
        live[i].service = 0;
        return;
    }
}

/* ------------------------------------------------------------ start, stop */

static void sleep_ms(int ms)
{
    nanosleep(&(struct timespec){ ms / 1000, (long)(ms % 1000) * 1000000L }, NULL);
}

bool fc_harness_wait(bool (*done)(void *arg), void *arg, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 10) {
        if (done(arg))
            return true;
        sleep_ms(10);
    }
    return done(arg);
}

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

static pid_t spawn(const char *binary, const char *const *argv)
{
    pid_t pid = fork();
    if (pid == 0) {
        execv(binary, (char *const *)argv);
        _exit(127);
    }
    return pid;
}

static int start_once(fc_harness_t *h, const char *binary, const char *const *extra_args,
                      const char *bind, const char *publish);

/* Ports kept across restarts are chosen below the kernel's ephemeral range
 * (32768 and up): there another test binding "tcp://127.0.0.1:*" can never
 * take them while this service is down between a stop and a start. */
static int start_on_fixed_ports(fc_harness_t *h, const char *binary,
                                const char *const *extra_args)
{
    static unsigned seed;
    if (!seed)
        seed = (unsigned)getpid() ^ (unsigned)time(NULL);
    for (int attempt = 0; attempt < 8; attempt++) {
        int port = 20000 + (int)(rand_r(&seed) % 6000) * 2;
        char bind[64], publish[64];
        snprintf(bind, sizeof bind, "tcp://127.0.0.1:%d", port);
        snprintf(publish, sizeof publish, "tcp://127.0.0.1:%d", port + 1);
        if (start_once(h, binary, extra_args, bind, publish) == 0)
            return 0;
    }
    return -1;
}

int fc_harness_start(fc_harness_t *h, const char *binary, const char *const *extra_args)
{
    bool same = h->keep_ports && h->endpoint[0] && h->pub_endpoint[0];
    if (h->keep_ports && !same)
        return start_on_fixed_ports(h, binary, extra_args);
    char bind[128], publish[128];
    snprintf(bind, sizeof bind, "%s", same ? h->endpoint : "tcp://127.0.0.1:*");
    snprintf(publish, sizeof publish, "%s", same ? h->pub_endpoint : "tcp://127.0.0.1:*");
    return start_once(h, binary, extra_args, bind, publish);
}

static int start_once(fc_harness_t *h, const char *binary, const char *const *extra_args,
                      const char *bind, const char *publish)
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
    const char *argv[64] = { binary, "--data", data, "--bind", bind, "--publish", publish,
                             "--ready-file", ready, "--log-level", "warn" };
    size_t n = 11;
    for (size_t i = 0; extra_args && extra_args[i] && n < 62; i++)
        argv[n++] = extra_args[i];
    argv[n] = NULL;
    h->pid = spawn(binary, argv);
    if (h->pid < 0)
        return -1;
    watch(h->pid);
    for (int i = 0; i < 1000; i++) {
        if (read_ready(h, ready) == 0)
            return 0;
        int status;
        if (waitpid(h->pid, &status, WNOHANG) == h->pid) {
            unwatch(h->pid);
            h->pid = 0;
            return -1;
        }
        sleep_ms(10);
    }
    return -1;
}

int fc_harness_stop(fc_harness_t *h, int sig)
{
    int status = -1;
    h->stop_timed_out = false;
    if (h->pid <= 0)
        return status;
    pid_t pid = h->pid;
    unwatch(pid);
    kill(pid, sig);
    /* Bounded: a service that ignores the signal must fail a test, not hang
     * the suite. */
    bool gone = false;
    for (int i = 0; i < FC_HARNESS_STOP_WAIT_MS / 5 && !gone; i++) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        gone = w == pid || (w < 0 && errno != EINTR);
        if (!gone)
            sleep_ms(5);
    }
    if (!gone) {
        h->stop_timed_out = true;
        kill(pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
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
