/* fcavtal-bench: request rate and p50/p99 latency of the registry's
 * get_organisation and put_organisation over tcp loopback, with 1 and with 64
 * requests in flight, beside a raw ZeroMQ echo of the reply's size measured in
 * the same run, and an fdatasync loop in the data folder.
 *
 * The registry is the real binary, started through the service harness on
 * ephemeral loopback ports; the echo server is this binary started again with
 * --echo-server. Runs alternate (echo, get, echo, get, put 1, put 64, fsync)
 * for several rounds after a warm-up; the figures quoted are medians over the
 * rounds, and each ratio is taken within a round (against the baseline run
 * beside it) before the median. Every loop is bounded by count and time.
 *
 * Each run also reports the CPU time the server process and this process
 * spent per request (all threads, from /proc/<pid>/task/<tid>/schedstat) and
 * the share of CPU time the hypervisor stole meanwhile (/proc/stat).
 *
 * Usage: fcavtal-bench [--rounds N] [--seconds S] [--dir PARENT] [--strict]
 *                      [--only RUN]
 * --strict makes a missed target exit 1; otherwise the exit code says only
 * whether the benchmark ran. --only repeats one run (e.g. get64) so that a
 * profiler can be attached to the pid printed at the start.
 * Results: docs/performance.md. */
#include <czmq.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "fcavtal/v1/registry.pb-c.h"
#include "service_harness.h"

#ifndef FC_REGISTRY_BIN
#error "FC_REGISTRY_BIN must name the fcavtal-registry binary"
#endif
#ifndef FC_BENCH_TMP
#define FC_BENCH_TMP "."
#endif

#define MAX_DEPTH 64
#define MAX_SAMPLES 200000      /* per run: bounds every loop by count */
#define REPLY_TIMEOUT_MS 10000
#define N_SEED 1000             /* organisations read by the get runs */
#define FSYNC_PAGES 64
#define PAGE 4096

/* Targets from the issue. */
#define TARGET_GET_P50_RATIO 1.15    /* get p50 / echo p50, 1 in flight: at most */
#define TARGET_GET_RATE_RATIO 0.45   /* get rate / echo rate, 64 in flight: at least */
#define TARGET_PUT_BATCHING 10.0     /* put rate 64 / put rate 1: at least */

typedef Fcavtal__V1__RegistryRequest Req;
typedef Fcavtal__V1__RegistryReply Rep;

/* ------------------------------------------------------------ clock */

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ------------------------------------------------------------ workloads */

typedef enum { W_ECHO, W_GET, W_PUT } wkind_t;

typedef struct {
    wkind_t kind;
    uint8_t *buf;           /* the request being sent */
    size_t len, cap;
    uint64_t next_seq;      /* never reused: request ids and org numbers stay unique */
    size_t echo_size;       /* W_ECHO: payload bytes, both ways */
    const uint64_t *ids;    /* W_GET: organisations to read, in turn */
    size_t n_ids;
    uint64_t *created;      /* W_PUT: when set, ids of created organisations */
    size_t n_created, max_created;
    uint64_t last_id;       /* W_PUT: last organisation acknowledged */
    size_t req_size, rep_size;  /* of the last request and reply */
} workload_t;

static int reserve(workload_t *w, size_t size)
{
    if (size <= w->cap)
        return 0;
    size_t cap = w->cap ? w->cap : 256;
    while (cap < size)
        cap *= 2;
    uint8_t *buf = realloc(w->buf, cap);
    if (!buf)
        return -1;
    w->buf = buf;
    w->cap = cap;
    return 0;
}

static int pack(workload_t *w, const Req *req)
{
    size_t size = fcavtal__v1__registry_request__get_packed_size(req);
    if (reserve(w, size))
        return -1;
    w->len = fcavtal__v1__registry_request__pack(req, w->buf);
    return 0;
}

/* A valid, unique organisation number: "55" and 7 digits of seq, then the
 * Luhn check digit (weights 2,1,2,... from the first digit). */
static void org_number(uint64_t seq, char out[12])
{
    char d[11];
    snprintf(d, sizeof d, "55%07llu", (unsigned long long)(seq % 10000000u));
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    d[9] = (char)('0' + (10 - sum % 10) % 10);
    d[10] = '\0';
    snprintf(out, 12, "%.6s-%.4s", d, d + 6);
}

static int make_request(workload_t *w, uint64_t seq)
{
    char rid[32];
    switch (w->kind) {
    case W_ECHO:
        if (reserve(w, w->echo_size))
            return -1;
        memset(w->buf, 'x', w->echo_size);
        memcpy(w->buf, &seq, sizeof seq);
        w->len = w->echo_size;
        return 0;
    case W_GET: {
        snprintf(rid, sizeof rid, "g-%llu", (unsigned long long)seq);
        Fcavtal__V1__GetById get = FCAVTAL__V1__GET_BY_ID__INIT;
        get.id = w->ids[seq % w->n_ids];
        Req req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
        req.request_id = rid;
        req.actor = (char *)"bench";
        req.body_case = FCAVTAL__V1__REGISTRY_REQUEST__BODY_GET_ORGANISATION;
        req.get_organisation = &get;
        return pack(w, &req);
    }
    case W_PUT: {
        snprintf(rid, sizeof rid, "p-%llu", (unsigned long long)seq);
        char number[12], name[64];
        org_number(seq, number);
        snprintf(name, sizeof name, "Bench Vårdcentral %llu AB", (unsigned long long)seq);
        Fcavtal__V1__OrgNumber orgnr = FCAVTAL__V1__ORG_NUMBER__INIT;
        orgnr.value = number;
        Fcavtal__V1__Contact contact = FCAVTAL__V1__CONTACT__INIT;
        contact.name = (char *)"Anna Andersson";
        contact.email = (char *)"anna.andersson@example.se";
        contact.phone = (char *)"+46 31 123 45 67";
        contact.role = (char *)"samordnare";
        Fcavtal__V1__Contact *contacts[1] = { &contact };
        Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
        org.org_number = &orgnr;
        org.name = name;
        org.kind = FCAVTAL__V1__ORG_KIND__ORG_KIND_COMPANY;
        org.n_contacts = 1;
        org.contacts = contacts;
        Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
        put.organisation = &org;
        Req req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
        req.request_id = rid;
        req.actor = (char *)"bench";
        req.body_case = FCAVTAL__V1__REGISTRY_REQUEST__BODY_PUT_ORGANISATION;
        req.put_organisation = &put;
        return pack(w, &req);
    }
    }
    return -1;
}

/* 0 when data is the right reply to request seq. */
static int check_reply(workload_t *w, uint64_t seq, const uint8_t *data, size_t len)
{
    w->rep_size = len;
    if (w->kind == W_ECHO)
        return len == w->echo_size && memcmp(data, &seq, sizeof seq) == 0 ? 0 : -1;
    Rep *rep = fcavtal__v1__registry_reply__unpack(NULL, len, data);
    if (!rep)
        return -1;
    char rid[32];
    snprintf(rid, sizeof rid, "%c-%llu", w->kind == W_GET ? 'g' : 'p', (unsigned long long)seq);
    int rc = -1;
    if (rep->status && rep->status->code != FCAVTAL__V1__CODE__OK)
        fprintf(stderr, "bench: %s: %s\n", rid, rep->status->message);
    else if (strcmp(rep->request_id, rid) != 0)
        fprintf(stderr, "bench: reply for %s where %s was due\n", rep->request_id, rid);
    else if (rep->body_case == FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATION && rep->organisation
             && rep->organisation->id != 0) {
        rc = 0;
        if (w->kind == W_GET && rep->organisation->id != w->ids[seq % w->n_ids])
            rc = -1;
        if (w->kind == W_PUT) {
            w->last_id = rep->organisation->id;
            if (w->created && w->n_created < w->max_created)
                w->created[w->n_created++] = rep->organisation->id;
        }
    }
    fcavtal__v1__registry_reply__free_unpacked(rep, NULL);
    return rc;
}

/* ------------------------------------------------------------ runs */

typedef struct {
    size_t n;
    double rate;        /* replies per second */
    double p50_us, p99_us;
    double srv_cpu_us;  /* server process CPU time (all threads) per request */
    double cli_cpu_us;  /* this process's CPU time (all threads) per request */
    double steal_pct;   /* CPU time the hypervisor took, machine-wide, during the run */
} result_t;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted samples, in microseconds. */
static double percentile_us(const uint64_t *sorted, size_t n, unsigned pct)
{
    if (n == 0)
        return 0;
    size_t rank = (n * pct + 99) / 100;
    return (double)sorted[rank ? rank - 1 : 0] / 1000.0;
}

static void summarise(uint64_t *lat, size_t n, uint64_t elapsed_ns, result_t *r)
{
    qsort(lat, n, sizeof *lat, cmp_u64);
    r->n = n;
    r->rate = elapsed_ns ? (double)n * 1e9 / (double)elapsed_ns : 0;
    r->p50_us = percentile_us(lat, n, 50);
    r->p99_us = percentile_us(lat, n, 99);
}

static int send_request(void *sock, const workload_t *w)
{
    if (zmq_send(sock, "", 0, ZMQ_SNDMORE) < 0 || zmq_send(sock, w->buf, w->len, 0) < 0)
        return -1;
    return 0;
}

/* Waits for [empty][payload]; the payload is left in *payload (to close). */
static int recv_reply(void *sock, zmq_msg_t *payload)
{
    zmq_pollitem_t item = { sock, 0, ZMQ_POLLIN, 0 };
    int ready = zmq_poll(&item, 1, REPLY_TIMEOUT_MS);
    if (ready <= 0) {
        if (ready < 0 && zmq_errno() == EINTR)
            fprintf(stderr, "bench: interrupted\n");
        else
            fprintf(stderr, "bench: no reply within %d ms\n", REPLY_TIMEOUT_MS);
        return -1;
    }
    zmq_msg_t delim;
    zmq_msg_init(&delim);
    int rc = zmq_msg_recv(&delim, sock, 0);
    bool ok = rc == 0 && zmq_msg_more(&delim);
    zmq_msg_close(&delim);
    if (!ok)
        return -1;
    zmq_msg_init(payload);
    if (zmq_msg_recv(payload, sock, 0) < 0 || zmq_msg_more(payload)) {
        zmq_msg_close(payload);
        return -1;
    }
    return 0;
}

/* Keeps `depth` requests outstanding on one DEALER until `seconds` have
 * passed or max_n were sent, then collects the rest. Replies come back in
 * order on one connection (the server answers a batch in arrival order), so
 * the i-th reply answers the i-th request. */
static int run(void *sock, workload_t *w, int depth, double seconds, size_t max_n,
               uint64_t *lat, result_t *r)
{
    struct { uint64_t seq, sent_at; } ring[MAX_DEPTH];
    if (depth < 1 || depth > MAX_DEPTH || max_n > MAX_SAMPLES)
        return -1;
    uint64_t start = now_ns();
    uint64_t deadline = start + (uint64_t)(seconds * 1e9);
    size_t sent = 0, done = 0;
    for (;;) {
        while (sent < max_n && sent - done < (size_t)depth && (sent == 0 || now_ns() < deadline)) {
            uint64_t seq = w->next_seq++;
            if (make_request(w, seq))
                return -1;
            w->req_size = w->len;
            size_t slot = sent % (size_t)depth;
            ring[slot].seq = seq;
            ring[slot].sent_at = now_ns();
            if (send_request(sock, w))
                return -1;
            sent++;
        }
        if (done == sent)
            break;
        zmq_msg_t payload;
        if (recv_reply(sock, &payload))
            return -1;
        uint64_t t = now_ns();
        size_t slot = done % (size_t)depth;
        int bad = check_reply(w, ring[slot].seq, zmq_msg_data(&payload), zmq_msg_size(&payload));
        zmq_msg_close(&payload);
        if (bad) {
            fprintf(stderr, "bench: wrong reply to request %llu\n",
                    (unsigned long long)ring[slot].seq);
            return -1;
        }
        lat[done++] = t - ring[slot].sent_at;
    }
    summarise(lat, done, now_ns() - start, r);
    return 0;
}

/* write 4 KiB + fdatasync in the data folder: the disk's cost of one sync. */
static int run_fsync(const char *dir, double seconds, size_t max_n, uint64_t *lat, result_t *r)
{
    char path[600];
    snprintf(path, sizeof path, "%s/fsync-probe", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    static char page[PAGE];
    memset(page, 'f', sizeof page);
    int rc = 0;
    for (int i = 0; i < FSYNC_PAGES && !rc; i++)
        rc = pwrite(fd, page, sizeof page, (off_t)i * PAGE) == PAGE ? 0 : -1;
    if (!rc)
        rc = fsync(fd);
    uint64_t start = now_ns();
    uint64_t deadline = start + (uint64_t)(seconds * 1e9);
    size_t n = 0;
    while (!rc && n < max_n && (n == 0 || now_ns() < deadline)) {
        uint64_t t0 = now_ns();
        page[0] = (char)('a' + n % 26);
        if (pwrite(fd, page, sizeof page, (off_t)(n % FSYNC_PAGES) * PAGE) != PAGE
            || fdatasync(fd))
            rc = -1;
        else
            lat[n++] = now_ns() - t0;
    }
    uint64_t elapsed = now_ns() - start;
    close(fd);
    unlink(path);
    if (rc)
        return -1;
    summarise(lat, n, elapsed, r);
    return 0;
}

/* CPU time of every thread of a process (0: this one), in ns, from
 * /proc/<pid>/task/<tid>/schedstat. */
static uint64_t cpu_ns(pid_t pid)
{
    char path[64];
    if (pid)
        snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    else
        snprintf(path, sizeof path, "/proc/self/task");
    DIR *d = opendir(path);
    if (!d)
        return 0;
    uint64_t sum = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char file[400];
        snprintf(file, sizeof file, "%s/%s/schedstat", path, e->d_name);
        FILE *f = fopen(file, "r");
        unsigned long long ns;
        if (f && fscanf(f, "%llu", &ns) == 1)
            sum += ns;
        if (f)
            fclose(f);
    }
    closedir(d);
    return sum;
}

/* Steal and total jiffies of all CPUs, from /proc/stat. */
static void cpu_stat(uint64_t *steal, uint64_t *total)
{
    unsigned long long v[8] = { 0 };
    *steal = *total = 0;
    FILE *f = fopen("/proc/stat", "r");
    if (!f)
        return;
    int n = fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2],
                   &v[3], &v[4], &v[5], &v[6], &v[7]);
    fclose(f);
    if (n != 8)
        return;
    for (int i = 0; i < 8; i++)
        *total += v[i];
    *steal = v[7];
}

/* ------------------------------------------------------------ the machine */

static const char *fs_name(const char *path)
{
    struct statfs st;
    if (statfs(path, &st))
        return "unknown";
    switch ((unsigned long)st.f_type) {
    case 0xEF53UL: return "ext2/3/4";
    case 0x58465342UL: return "xfs";
    case 0x9123683EUL: return "btrfs";
    case 0x01021994UL: return "tmpfs";
    case 0x794C7630UL: return "overlayfs";
    case 0x2FC12FC1UL: return "zfs";
    case 0xF2F52010UL: return "f2fs";
    case 0x6969UL: return "nfs";
    default: return "other";
    }
}

static void cpu_model(char *out, size_t len)
{
    snprintf(out, len, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) == 0) {
            const char *v = strchr(line, ':');
            if (v) {
                v++;
                while (*v == ' ' || *v == '\t')
                    v++;
                snprintf(out, len, "%.*s", (int)strcspn(v, "\n"), v);
            }
            break;
        }
    }
    fclose(f);
}

static void print_machine(const char *dir)
{
    char cpu[256];
    cpu_model(cpu, sizeof cpu);
    struct utsname u;
    if (uname(&u))
        memset(&u, 0, sizeof u);
    int major, minor, patch;
    zmq_version(&major, &minor, &patch);
    printf("machine:  %ld cpus online, %s; %s %s\n", sysconf(_SC_NPROCESSORS_ONLN), cpu,
           u.sysname, u.release);
    printf("data:     %s (%s)\n", dir, fs_name(dir));
    printf("libzmq:   %d.%d.%d, tcp loopback\n", major, minor, patch);
}

/* ------------------------------------------------------------ the plan */

enum { R_ECHO1, R_GET1, R_ECHO64, R_GET64, R_PUT1, R_PUT64, R_FSYNC, N_RUNS };

static const struct {
    const char *name;
    int depth;
} RUNS[N_RUNS] = {
    [R_ECHO1] = { "echo", 1 },  [R_GET1] = { "get", 1 },   [R_ECHO64] = { "echo", 64 },
    [R_GET64] = { "get", 64 },  [R_PUT1] = { "put", 1 },   [R_PUT64] = { "put", 64 },
    [R_FSYNC] = { "fdatasync", 1 },
};

typedef struct {
    void *echo_sock, *reg_sock;
    pid_t echo_pid, reg_pid;
    workload_t echo, get, put;
    char data_dir[600];
    uint64_t *lat;
} bench_t;

static int run_workload(bench_t *b, int which, double seconds, result_t *r)
{
    switch (which) {
    case R_ECHO1:
    case R_ECHO64:
        return run(b->echo_sock, &b->echo, RUNS[which].depth, seconds, MAX_SAMPLES, b->lat, r);
    case R_GET1:
    case R_GET64:
        return run(b->reg_sock, &b->get, RUNS[which].depth, seconds, MAX_SAMPLES, b->lat, r);
    case R_PUT1:
    case R_PUT64:
        return run(b->reg_sock, &b->put, RUNS[which].depth, seconds, MAX_SAMPLES, b->lat, r);
    case R_FSYNC:
        return run_fsync(b->data_dir, seconds, MAX_SAMPLES, b->lat, r);
    }
    return -1;
}

/* One run, with the CPU time both sides spent on it. */
static int run_one(bench_t *b, int which, double seconds, result_t *r)
{
    pid_t server = which == R_ECHO1 || which == R_ECHO64 ? b->echo_pid
                   : which == R_FSYNC                    ? 0
                                                         : b->reg_pid;
    uint64_t st0, tot0, st1, tot1;
    cpu_stat(&st0, &tot0);
    uint64_t srv0 = server ? cpu_ns(server) : 0, cli0 = cpu_ns(0);
    if (run_workload(b, which, seconds, r))
        return -1;
    uint64_t srv1 = server ? cpu_ns(server) : 0, cli1 = cpu_ns(0);
    cpu_stat(&st1, &tot1);
    r->steal_pct = tot1 > tot0 ? 100.0 * (double)(st1 - st0) / (double)(tot1 - tot0) : 0;
    double n = r->n ? (double)r->n : 1;
    r->srv_cpu_us = (double)(srv1 - srv0) / 1000.0 / n;
    r->cli_cpu_us = (double)(cli1 - cli0) / 1000.0 / n;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(const double *v, int n)
{
    double s[64];
    if (n < 1 || n > 64)
        return 0;
    memcpy(s, v, (size_t)n * sizeof *v);
    qsort(s, (size_t)n, sizeof *s, cmp_double);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static void print_row(const char *label, int which, const double v[6])
{
    printf("| %-5s | %-9s | %3d | %9.0f | %8.1f | %8.1f | %6.1f | %6.1f | %4.0f |\n", label,
           RUNS[which].name, RUNS[which].depth, v[0], v[1], v[2], v[3], v[4], v[5]);
}

#define TABLE_HEAD                                                                         \
    "| %-5s | run       | in flight | rate (req/s) | p50 (us) | p99 (us) "                \
    "| server cpu (us/req) | client cpu (us/req) | steal %% |\n"                           \
    "|-------|-----------|----:|----------:|---------:|---------:|-------:|-------:|----:|\n"

/* A run pair counts as quiet when the hypervisor stole at most this share of
 * CPU time during both runs. */
#define QUIET_STEAL_PCT 5.0

typedef struct {
    const char *label;
    int num, den;       /* runs compared within each round */
    bool by_p50;        /* p50 latency rather than rate */
    double v[64];       /* per round */
    double quiet_median;
    int n_quiet;
} ratio_t;

static double ratio_of(ratio_t *q, result_t (*res)[N_RUNS], int rounds)
{
    double quiet[64];
    q->n_quiet = 0;
    for (int i = 0; i < rounds; i++) {
        const result_t *x = &res[i][q->num], *y = &res[i][q->den];
        q->v[i] = q->by_p50 ? x->p50_us / y->p50_us : x->rate / y->rate;
        if (x->steal_pct <= QUIET_STEAL_PCT && y->steal_pct <= QUIET_STEAL_PCT)
            quiet[q->n_quiet++] = q->v[i];
    }
    q->quiet_median = q->n_quiet ? median(quiet, q->n_quiet) : 0;
    return median(q->v, rounds);
}

static void print_ratio(const ratio_t *q, int rounds, double m, const char *target,
                        const char *verdict)
{
    printf("| %s | %.2f | %s | %s |", q->label, m, target, verdict);
    if (q->n_quiet)
        printf(" %.2f (%d) |", q->quiet_median, q->n_quiet);
    else
        printf(" - (0) |");
    for (int i = 0; i < rounds; i++)
        printf(" %.2f", q->v[i]);
    printf(" |\n");
}

static void *connect_dealer(zsock_t **sock, const char *endpoint)
{
    *sock = zsock_new(ZMQ_DEALER);
    if (!*sock)
        return NULL;
    zsock_set_linger(*sock, 0);
    if (zsock_connect(*sock, "%s", endpoint)) {
        zsock_destroy(sock);
        return NULL;
    }
    return zsock_resolve(*sock);
}

typedef struct {
    int rounds;
    double seconds;
    const char *parent;
    bool strict;
    int only;           /* -1: the whole plan; else one run, for profiling */
} opts_t;

/* Names for --only: echo1 get1 echo64 get64 put1 put64 fdatasync. */
static int run_by_name(const char *name)
{
    for (int i = 0; i < N_RUNS; i++) {
        char full[32];
        snprintf(full, sizeof full, "%s%d", RUNS[i].name, RUNS[i].depth);
        if (strcmp(name, full) == 0 || (i == R_FSYNC && strcmp(name, RUNS[i].name) == 0))
            return i;
    }
    return -1;
}

static int parse_args(int argc, char **argv, opts_t *o)
{
    o->rounds = 7;
    o->seconds = 1.0;
    o->parent = NULL;
    o->strict = false;
    o->only = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--strict") == 0) {
            o->strict = true;
        } else if (strcmp(a, "--rounds") == 0 && v) {
            o->rounds = atoi(v);
            i++;
        } else if (strcmp(a, "--seconds") == 0 && v) {
            o->seconds = atof(v);
            i++;
        } else if (strcmp(a, "--dir") == 0 && v) {
            o->parent = v;
            i++;
        } else if (strcmp(a, "--only") == 0 && v && run_by_name(v) >= 0) {
            o->only = run_by_name(v);
            i++;
        } else {
            fprintf(stderr,
                    "usage: %s [--rounds N (1-64, default 7)] [--seconds S per run (0.1-10, "
                    "default 1)]\n"
                    "       [--dir PARENT of the data folder] [--strict (exit 1 on a missed "
                    "target)]\n"
                    "       [--only echo1|get1|echo64|get64|put1|put64|fdatasync (one run, "
                    "e.g. to profile)]\n",
                    argv[0]);
            return -1;
        }
    }
    if (o->rounds < 1 || o->rounds > 64 || !(o->seconds >= 0.1 && o->seconds <= 10)) {
        fprintf(stderr, "bench: --rounds 1..64, --seconds 0.1..10\n");
        return -1;
    }
    return 0;
}

/* The data folder must be on a real disk for fsync to cost what it costs:
 * /tmp unless that is tmpfs, then the build folder. */
static const char *data_parent(const opts_t *o)
{
    struct statfs st;
    if (o->parent)
        return o->parent;
    if (statfs("/tmp", &st) == 0 && (unsigned long)st.f_type == 0x01021994UL)
        return FC_BENCH_TMP;
    return "/tmp";
}

/* Acknowledged puts survive a crash: SIGKILL the registry, start it again on
 * the same folder and read the last organisation it acknowledged. */
static int check_durable(fc_harness_t *reg, zsock_t **reg_zsock, bench_t *b)
{
    uint64_t id = b->put.last_id;
    fc_harness_stop(reg, SIGKILL);
    zsock_destroy(reg_zsock);
    b->reg_sock = NULL;
    if (fc_harness_start(reg, FC_REGISTRY_BIN, NULL)) {
        fprintf(stderr, "bench: the registry did not restart\n");
        return -1;
    }
    b->reg_sock = connect_dealer(reg_zsock, reg->endpoint);
    if (!b->reg_sock)
        return -1;
    workload_t w = { .kind = W_GET, .ids = &id, .n_ids = 1, .next_seq = 1u << 30 };
    result_t r;
    int rc = run(b->reg_sock, &w, 1, 1.0, 1, b->lat, &r);
    free(w.buf);
    printf("durability: organisation %llu, acknowledged before SIGKILL, %s after restart\n",
           (unsigned long long)id, rc ? "NOT FOUND" : "found");
    return rc;
}

static int measure(bench_t *b, const opts_t *o)
{
    result_t res[64][N_RUNS];
    /* Alternate within each pair, and swap the pair's order every other
     * round so that drift does not always favour the same side. */
    static const int plan[][2] = { { R_ECHO1, R_GET1 }, { R_ECHO64, R_GET64 },
                                   { R_PUT1, R_PUT64 }, { R_FSYNC, -1 } };
    const int only[][2] = { { o->only, -1 }, { -1, -1 }, { -1, -1 }, { -1, -1 } };
    const int(*pairs)[2] = o->only >= 0 ? only : plan;
    bool ran[N_RUNS] = { false };
    for (int p = 0; p < 4; p++)
        for (int k = 0; k < 2; k++)
            if (pairs[p][k] >= 0)
                ran[pairs[p][k]] = true;
    printf("\nwarm-up...\n");
    for (int p = 0; p < 4; p++)
        for (int k = 0; k < 2; k++) {
            result_t r;
            if (pairs[p][k] >= 0 && run_one(b, pairs[p][k], 0.4, &r))
                return -1;
        }
    printf("\nper round:\n\n");
    printf(TABLE_HEAD, "round");
    for (int round = 0; round < o->rounds; round++) {
        for (int p = 0; p < 4; p++)
            for (int k = 0; k < 2; k++) {
                int which = pairs[p][round % 2 ? 1 - k : k];
                if (which < 0)
                    continue;
                if (run_one(b, which, o->seconds, &res[round][which]))
                    return -1;
            }
        char label[16];
        snprintf(label, sizeof label, "%d", round + 1);
        for (int which = 0; which < N_RUNS; which++) {
            if (!ran[which])
                continue;
            const result_t *r = &res[round][which];
            const double v[6] = { r->rate,       r->p50_us,     r->p99_us,
                                  r->srv_cpu_us, r->cli_cpu_us, r->steal_pct };
            print_row(label, which, v);
        }
        fflush(stdout);
    }

    double v[6][64];
    printf("\nmedians over %d rounds:\n\n", o->rounds);
    printf(TABLE_HEAD, "");
    for (int which = 0; which < N_RUNS; which++) {
        if (!ran[which])
            continue;
        for (int i = 0; i < o->rounds; i++) {
            v[0][i] = res[i][which].rate;
            v[1][i] = res[i][which].p50_us;
            v[2][i] = res[i][which].p99_us;
            v[3][i] = res[i][which].srv_cpu_us;
            v[4][i] = res[i][which].cli_cpu_us;
            v[5][i] = res[i][which].steal_pct;
        }
        double m[6];
        for (int k = 0; k < 6; k++)
            m[k] = median(v[k], o->rounds);
        print_row("", which, m);
    }

    double steal[N_RUNS * 64];
    int n_steal = 0;
    for (int i = 0; i < o->rounds; i++)
        for (int which = 0; which < N_RUNS; which++)
            if (ran[which])
                steal[n_steal++] = res[i][which].steal_pct;
    double steal_max = 0;
    for (int i = 0; i < n_steal; i++)
        steal_max = steal[i] > steal_max ? steal[i] : steal_max;
    if (steal_max > 10)
        printf("\nnote: the hypervisor took up to %.0f%% of the CPU time during a run (steal);\n"
               "      rounds with high steal are noise, compare the quiet ones.\n", steal_max);
    if (o->only >= 0)
        return 0;
    /* Ratios within each round, then the median. */
    ratio_t q[] = {
        { .label = "get p50 / echo p50, 1 in flight", .num = R_GET1, .den = R_ECHO1,
          .by_p50 = true },
        { .label = "get rate / echo rate, 64 in flight", .num = R_GET64, .den = R_ECHO64 },
        { .label = "put rate 64 / put rate 1 (one commit per put)", .num = R_PUT64,
          .den = R_PUT1 },
        { .label = "put rate 64 / fdatasync rate (one bare sync per put)", .num = R_PUT64,
          .den = R_FSYNC },
        { .label = "put p50 / fdatasync p50, 1 in flight", .num = R_PUT1, .den = R_FSYNC,
          .by_p50 = true },
    };
    double m[5];
    for (int i = 0; i < 5; i++)
        m[i] = ratio_of(&q[i], res, o->rounds);
    bool ok_p50 = m[0] <= TARGET_GET_P50_RATIO;
    bool ok_rate = m[1] >= TARGET_GET_RATE_RATIO;
    bool ok_batch = m[2] >= TARGET_PUT_BATCHING;
    char t_p50[16], t_rate[16], t_batch[16];
    snprintf(t_p50, sizeof t_p50, "<= %.3g", TARGET_GET_P50_RATIO);
    snprintf(t_rate, sizeof t_rate, ">= %.2f", TARGET_GET_RATE_RATIO);
    snprintf(t_batch, sizeof t_batch, ">= %.3g", TARGET_PUT_BATCHING);
    printf("\nratios: median of the per-round ratios (the verdict); the median over the\n"
           "quiet rounds (steal <= %.0f%% in both runs; how many); each round's ratio:\n\n",
           QUIET_STEAL_PCT);
    printf("| ratio | median | target | | quiet | per round |\n|---|---:|---:|---|---:|---|\n");
    print_ratio(&q[0], o->rounds, m[0], t_p50, ok_p50 ? "PASS" : "FAIL");
    print_ratio(&q[1], o->rounds, m[1], t_rate, ok_rate ? "PASS" : "FAIL");
    print_ratio(&q[2], o->rounds, m[2], t_batch, ok_batch ? "PASS" : "FAIL");
    print_ratio(&q[3], o->rounds, m[3], "", "reference");
    print_ratio(&q[4], o->rounds, m[4], "", "reference");
    int least_quiet = o->rounds;
    for (int i = 0; i < 3; i++)
        least_quiet = q[i].n_quiet < least_quiet ? q[i].n_quiet : least_quiet;
    if (least_quiet * 2 < o->rounds)
        printf("\nwarning: only %d of %d rounds were quiet for some ratio: the host was busy and\n"
               "         the verdicts are unreliable; run again when steal is low.\n",
               least_quiet, o->rounds);
    return ok_p50 && ok_rate && ok_batch ? 0 : 1;
}

static int seed(bench_t *b, uint64_t *ids)
{
    /* Organisations for the get runs, created through the service. */
    b->put.created = ids;
    b->put.max_created = N_SEED;
    result_t r;
    uint64_t t0 = now_ns();
    int rc = run(b->reg_sock, &b->put, MAX_DEPTH, 60.0, N_SEED, b->lat, &r);
    double seed_s = (double)(now_ns() - t0) / 1e9;
    b->put.created = NULL;
    if (rc || b->put.n_created != N_SEED) {
        fprintf(stderr, "bench: seeding failed\n");
        return -1;
    }
    b->get.ids = ids;
    b->get.n_ids = N_SEED;
    /* Sizes: the echo carries the get reply's size both ways. */
    if (run(b->reg_sock, &b->get, 1, 1.0, 1, b->lat, &r))
        return -1;
    b->echo.echo_size = b->get.rep_size;
    printf("seeded:   %d organisations in %.2f s\n", N_SEED, seed_s);
    printf("sizes:    get request %zu B, get reply %zu B; put request %zu B, put reply %zu B;\n"
           "          echo payload %zu B both ways (the get reply's size)\n",
           b->get.req_size, b->get.rep_size, b->put.req_size, b->put.rep_size,
           b->echo.echo_size);
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--echo-server") == 0)
            return bench_echo_main(argc, argv);
    opts_t o;
    if (parse_args(argc, argv, &o))
        return 2;

    char self_exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self_exe, sizeof self_exe - 1);
    if (n <= 0)
        return 1;
    self_exe[n] = '\0';

    fc_harness_t reg, echo;
    memset(&reg, 0, sizeof reg);
    memset(&echo, 0, sizeof echo);
    snprintf(reg.dir, sizeof reg.dir, "%s/fcavtal-bench-XXXXXX", data_parent(&o));
    if (!mkdtemp(reg.dir)) {
        fprintf(stderr, "bench: cannot create a folder in %s: %s\n", data_parent(&o),
                strerror(errno));
        return 1;
    }
    bench_t b;
    memset(&b, 0, sizeof b);
    b.echo.kind = W_ECHO;
    b.get.kind = W_GET;
    b.put.kind = W_PUT;
    snprintf(b.data_dir, sizeof b.data_dir, "%s/data", reg.dir);
    b.lat = malloc(MAX_SAMPLES * sizeof *b.lat);
    uint64_t *ids = malloc(N_SEED * sizeof *ids);
    zsock_t *reg_zsock = NULL, *echo_zsock = NULL;
    int rc = 1;
    if (!b.lat || !ids)
        goto done;
    const char *const echo_args[] = { "--echo-server", NULL };
    if (fc_harness_start(&reg, FC_REGISTRY_BIN, NULL)) {
        fprintf(stderr, "bench: %s did not start\n", FC_REGISTRY_BIN);
        goto done;
    }
    if (fc_harness_start(&echo, self_exe, echo_args)) {
        fprintf(stderr, "bench: the echo server did not start\n");
        goto done;
    }
    b.reg_pid = reg.pid;
    b.echo_pid = echo.pid;
    b.reg_sock = connect_dealer(&reg_zsock, reg.endpoint);
    b.echo_sock = connect_dealer(&echo_zsock, echo.endpoint);
    if (!b.reg_sock || !b.echo_sock)
        goto done;

    printf("fcavtal-bench: %d rounds of %.1f s per run\n", o.rounds, o.seconds);
    print_machine(b.data_dir);
    printf("registry: %s on %s, pid %d\necho:     %s --echo-server on %s, pid %d\n",
           FC_REGISTRY_BIN, reg.endpoint, (int)reg.pid, self_exe, echo.endpoint, (int)echo.pid);
    if (seed(&b, ids))
        goto done;
    int missed = measure(&b, &o);
    if (missed < 0)
        goto done;
    printf("\n");
    if (check_durable(&reg, &reg_zsock, &b))
        goto done;
    rc = o.strict ? missed : 0;
done:
    if (rc == 1 && !b.lat)
        fprintf(stderr, "bench: out of memory\n");
    zsock_destroy(&reg_zsock);
    zsock_destroy(&echo_zsock);
    fc_harness_cleanup(&echo);
    fc_harness_cleanup(&reg);
    free(b.echo.buf);
    free(b.get.buf);
    free(b.put.buf);
    free(b.lat);
    free(ids);
    return rc;
}
