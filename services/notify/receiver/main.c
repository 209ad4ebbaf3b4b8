/* fcavtal-case-receiver: command line, ready file, then the receiver. */
#include <czmq.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "fcavtal/log.h"
#include "receiver.h"

typedef struct {
    const char *bind;
    const char *dir;
    const char *ready_file;
    const char *log_level;
} options_t;

static void usage(FILE *out)
{
    fputs("usage: fcavtal-case-receiver --dir FOLDER [--bind ENDPOINT] [--ready-file FILE]\n"
          "                             [--log-level error|warn|info|debug]\n"
          "Receives deadline notifications from fcavtal-notify (docs/casefeed.md) and\n"
          "stores each once as FOLDER/<id>.json and FOLDER/<id>.pb before acknowledging.\n"
          "  --bind        ROUTER endpoint (default tcp://127.0.0.1:7203; tcp://HOST:* picks a port)\n"
          "  --dir         folder for the notifications (created when missing)\n"
          "  --ready-file  written with \"request=<bound endpoint>\" once receiving\n"
          "  --log-level   default info\n", out);
}

/* 0, 1 after --help, -1 for bad arguments. */
static int parse(options_t *o, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"bind", required_argument, NULL, 'b'},      {"dir", required_argument, NULL, 'd'},
        {"ready-file", required_argument, NULL, 'r'}, {"log-level", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': o->bind = optarg; break;
        case 'd': o->dir = optarg; break;
        case 'r': o->ready_file = optarg; break;
        case 'l': o->log_level = optarg; break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
    }
    if (optind < argc || !o->dir) {
        fprintf(stderr, "error: %s\n", optind < argc ? "unexpected argument" : "--dir is required");
        usage(stderr);
        return -1;
    }
    if (fc_log_set_level(o->log_level) < 0) {
        fprintf(stderr, "error: unknown log level '%s'\n", o->log_level);
        return -1;
    }
    return 0;
}

/* Written whole under a temporary name and renamed, so a reader never
 * sees half a line. */
static int write_ready_file(const char *path, const char *endpoint)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int rc = f ? fprintf(f, "request=%s\n", endpoint) : -1;
    if (f && fclose(f))
        rc = -1;
    return rc < 0 || rename(tmp, path) ? -1 : 0;
}

int main(int argc, char **argv)
{
    options_t o = {"tcp://127.0.0.1:7203", NULL, NULL, "info"};
    int rc = parse(&o, argc, argv);
    if (rc)
        return rc > 0 ? 0 : 2;
    char err[512] = "";
    ntf_receiver_t *receiver = ntf_receiver_new(o.bind, o.dir, err, sizeof err);
    if (!receiver) {
        fc_error("case-receiver: %s", err);
        return 1;
    }
    if (o.ready_file && write_ready_file(o.ready_file, ntf_receiver_endpoint(receiver))) {
        fc_error("case-receiver: cannot write ready file %s", o.ready_file);
        ntf_receiver_destroy(&receiver);
        return 1;
    }
    rc = ntf_receiver_run(receiver);
    if (o.ready_file)
        remove(o.ready_file);   /* "ready" must not outlive the receiver */
    ntf_receiver_destroy(&receiver);
    return rc ? 1 : 0;
}
