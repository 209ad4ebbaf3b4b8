/* The raw ZeroMQ baseline: a ROUTER that sends every message back as it came,
 * frame for frame, with plain libzmq calls and no decoding. It runs in a
 * process of its own (the bench starts itself with --echo-server through the
 * service harness), so that, like the registry, it has its own ZeroMQ context
 * and I/O thread and the client's process is the same for both. */
#include "bench.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <zmq.h>

/* A request is [identity][empty][payload]; more frames are echoed too. */
#define MAX_FRAMES 8

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* The harness waits for "request=" and "publish=" lines; there is no PUB. */
static int write_ready(const char *path, const char *endpoint)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    int rc = fprintf(f, "request=%s\npublish=none\n", endpoint);
    if (fclose(f) || rc < 0 || rename(tmp, path))
        return -1;
    return 0;
}

static void close_all(zmq_msg_t *parts, int from, int n)
{
    for (int i = from; i < n; i++)
        zmq_msg_close(&parts[i]);
}

/* Receives one whole message into parts (at most MAX_FRAMES; the rest is
 * dropped). The number of frames, or -1 on interrupt or error. */
static int receive(void *sock, zmq_msg_t *parts)
{
    int n = 0;
    int more = 1;
    while (more) {
        zmq_msg_t scratch;
        zmq_msg_t *part = n < MAX_FRAMES ? &parts[n] : &scratch;
        zmq_msg_init(part);
        if (zmq_msg_recv(part, sock, 0) < 0) {
            zmq_msg_close(part);
            close_all(parts, 0, n);
            return -1;
        }
        more = zmq_msg_more(part);
        if (part == &scratch)
            zmq_msg_close(part);
        else
            n++;
    }
    return n;
}

static void serve(void *sock)
{
    zmq_msg_t parts[MAX_FRAMES];
    while (!stop_requested) {
        int n = receive(sock, parts);
        if (n < 0) {
            if (zmq_errno() == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < n; i++) {
            /* zmq_msg_send takes the frame's content without copying. */
            if (zmq_msg_send(&parts[i], sock, i + 1 < n ? ZMQ_SNDMORE : 0) < 0) {
                close_all(parts, i, n);
                break;
            }
        }
    }
}

int bench_echo_main(int argc, char **argv)
{
    const char *bind = "tcp://127.0.0.1:*";
    const char *ready = NULL;
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "--bind") == 0)
            bind = argv[++i];
        else if (strcmp(argv[i], "--ready-file") == 0)
            ready = argv[++i];
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;  /* no SA_RESTART: a blocked receive returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    int rc = 1;
    void *ctx = zmq_ctx_new();
    void *sock = ctx ? zmq_socket(ctx, ZMQ_ROUTER) : NULL;
    if (!sock) {
        fprintf(stderr, "echo: cannot create a ROUTER socket\n");
        goto done;
    }
    int linger = 0;
    zmq_setsockopt(sock, ZMQ_LINGER, &linger, sizeof linger);
    char endpoint[256];
    size_t len = sizeof endpoint;
    if (zmq_bind(sock, bind) != 0
        || zmq_getsockopt(sock, ZMQ_LAST_ENDPOINT, endpoint, &len) != 0) {
        fprintf(stderr, "echo: cannot bind %s: %s\n", bind, zmq_strerror(zmq_errno()));
        goto done;
    }
    if (ready && write_ready(ready, endpoint)) {
        fprintf(stderr, "echo: cannot write %s\n", ready);
        goto done;
    }
    serve(sock);
    rc = 0;
done:
    if (sock)
        zmq_close(sock);
    if (ctx)
        zmq_ctx_term(ctx);
    return rc;
}
