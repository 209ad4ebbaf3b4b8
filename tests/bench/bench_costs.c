/* fcavtal-bench-costs: a yearly settlement of 5 000 centres with 5 items a
 * month each (300 000 items), computed and persisted by the real costs
 * service over ZeroMQ, beside the same settlement as one SQL statement in
 * SQLite (libsqlite3), the reference a finance team would reach for, both
 * persisted with a full fsync, in the same run.
 *
 * Both services are the real binaries on loopback, their data on disk
 * under the build folder. After loading (the registry's import, costs'
 * read model, the items), one warm-up of each, then rounds that alternate
 * costs and SQLite; the figures quoted are medians, and the ratio is taken
 * within each round before the median. The SQLite result is checked
 * against the service's, party by party. Peak memory is the service's
 * VmHWM over the timed runs (reset after loading through clear_refs).
 *
 * Usage: fcavtal-bench-costs [--centres N] [--per-month K] [--rounds R]
 *                            [--threads T] [--strict]
 * --strict exits 1 when the median run takes 1 s or more.
 * Results: docs/performance.md, "Costs". */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fcavtal/date.h"
#include "service_fixture.h"

#ifndef FC_BENCH_TMP
#define FC_BENCH_TMP "."
#endif

#define TARGET_MS 1000.0
#define MAX_ROUNDS 50

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static long proc_kb(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0)
            kb = strtol(line + n + 1, NULL, 10);
    if (f)
        fclose(f);
    return kb;
}

/* CPU time (user + system, all threads) the process has used, in ms. */
static double cpu_ms(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')');
    unsigned long long ut = 0, st = 0;
    /* Fields after the command: state is 3, utime 14, stime 15. */
    if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) == 2)
        return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
    return -1;
}

/* Peak RSS starts again from the current RSS (Linux, proc(5) clear_refs). */
static void reset_peak(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/clear_refs", (int)pid);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

/* ------------------------------------------------------------ SQLite */

static int exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n", err);
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static int64_t day_number(const Fcavtal__V1__Date *d)
{
    fc_date_t x = {d->year, d->month, d->day};
    return fc_date_to_days(x);
}

/* The items as costs has them, every page of list_cost_items. */
static int load_items(sf_t *f, sqlite3 *db)
{
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(db, "INSERT INTO items VALUES (?,?,?,?,?,?,?)", -1, &ins, NULL))
        return -1;
    uint64_t after = 0;
    size_t n = 0;
    for (;;) {
        Fcavtal__V1__ListCostItems q = FCAVTAL__V1__LIST_COST_ITEMS__INIT;
        q.limit = 10000;
        q.after_id = after;
        sf_rep_t *rep = sf_call(f, "list_cost_items", &q.base, NULL);
        if (!rep || rep->status->code != 0) {
            sf_free(rep);
            return -1;
        }
        for (size_t i = 0; i < rep->items->n_items; i++) {
            const Fcavtal__V1__CostItem *it = rep->items->items[i];
            sqlite3_bind_int64(ins, 1, (sqlite3_int64)it->id);
            sqlite3_bind_int64(ins, 2, (sqlite3_int64)it->centre_id);
            sqlite3_bind_int(ins, 3, it->category);
            sqlite3_bind_int64(ins, 4, it->amount->ore);
            sqlite3_bind_int64(ins, 5, (sqlite3_int64)it->paid_by_operation_id);
            sqlite3_bind_int64(ins, 6, day_number(it->from));
            sqlite3_bind_int64(ins, 7, day_number(it->to));
            if (sqlite3_step(ins) != SQLITE_DONE)
                return -1;
            sqlite3_reset(ins);
            n++;
        }
        after = rep->items->next_after_id;
        sf_free(rep);
        if (!after)
            break;
    }
    sqlite3_finalize(ins);
    return n ? 0 : -1;
}

static int load_world(sqlite3 *db, size_t centres, const uint64_t *cids, const uint64_t *ops)
{
    sqlite3_stmt *p, *o;
    if (sqlite3_prepare_v2(db, "INSERT INTO parts VALUES (?,?,?,?,?)", -1, &p, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO ops VALUES (?,?)", -1, &o, NULL))
        return -1;
    int64_t joined = fc_date_to_days((fc_date_t){2024, 1, 1});
    for (size_t c = 0; c < centres; c++)
        for (int k = 0; k < 4; k++) {
            /* As sf_bulk_world made them: BVC, BMM of the region (1), OFS,
             * SOC of the municipality; kinds 1..4, all since 2024-01-01. */
            sqlite3_bind_int64(p, 1, (sqlite3_int64)cids[c]);
            sqlite3_bind_int64(p, 2, (sqlite3_int64)ops[4 * c + (size_t)k]);
            sqlite3_bind_int(p, 3, k + 1);
            sqlite3_bind_int64(p, 4, joined);
            sqlite3_bind_int64(p, 5, INT32_MAX);
            sqlite3_bind_int64(o, 1, (sqlite3_int64)ops[4 * c + (size_t)k]);
            sqlite3_bind_int64(o, 2, k < 2 ? 0 : (sqlite3_int64)(c % 290) + 1);
            if (sqlite3_step(p) != SQLITE_DONE || sqlite3_step(o) != SQLITE_DONE)
                return -1;
            sqlite3_reset(p);
            sqlite3_reset(o);
        }
    sqlite3_finalize(p);
    sqlite3_finalize(o);
    return 0;
}

/* The settlement in one statement: each item's accrual on the period's
 * days (the öre left over to the earliest days), split among the base
 * operations taking part by their days in it, largest remainder with ties
 * to the lower operation id, summed per operation with what it paid. */
static const char *SETTLE =
    "INSERT INTO result (op, share, paid, balance) "
    "WITH it AS (SELECT id, centre, amount, paid_by, jfrom, jto, max(jfrom, :p0) AS a, "
    "              min(jto, :p1) AS b, jto - jfrom + 1 AS nd "
    "            FROM items WHERE jto >= :p0 AND jfrom <= :p1), "
    "acc AS (SELECT *, (amount / nd) * (b - a + 1) "
    "          + max(0, min(amount % nd, b - jfrom + 1) - (a - jfrom)) AS accrued FROM it), "
    "w AS (SELECT acc.id, p.op, min(acc.b, p.jleft) - max(acc.a, p.jjoined) + 1 AS wd, "
    "             acc.accrued FROM acc JOIN parts p ON p.centre = acc.centre "
    "        AND p.kind BETWEEN 1 AND 4 AND p.jjoined <= acc.b AND p.jleft >= acc.a), "
    "base AS (SELECT id, op, wd, accrued, accrued * wd / sum(wd) OVER (PARTITION BY id) AS fl, "
    "                accrued * wd % sum(wd) OVER (PARTITION BY id) AS rem FROM w), "
    "ranked AS (SELECT op, fl, accrued - sum(fl) OVER (PARTITION BY id) AS left_over, "
    "                  row_number() OVER (PARTITION BY id ORDER BY rem DESC, wd DESC, op) AS rk "
    "           FROM base), "
    "shares AS (SELECT op, sum(fl + (rk <= left_over)) AS share FROM ranked GROUP BY op), "
    "paid AS (SELECT paid_by AS op, sum(accrued) AS paid FROM acc GROUP BY paid_by) "
    "SELECT o.id, coalesce(s.share, 0), coalesce(p.paid, 0), "
    "       coalesce(p.paid, 0) - coalesce(s.share, 0) "
    "FROM ops o LEFT JOIN shares s ON s.op = o.id LEFT JOIN paid p ON p.op = o.id";

static double sqlite_run(sqlite3 *db, sqlite3_stmt *settle)
{
    double t0 = now_ms();
    if (exec(db, "BEGIN; DELETE FROM result;"))
        return -1;
    if (sqlite3_step(settle) != SQLITE_DONE) {
        fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_reset(settle);
    if (exec(db, "COMMIT;"))
        return -1;
    return now_ms() - t0;
}

static sqlite3 *sqlite_open(const char *dir, size_t centres, const uint64_t *cids,
                            const uint64_t *ops, sf_t *f, sqlite3_stmt **settle)
{
    char path[512];
    snprintf(path, sizeof path, "%s/reference.sqlite", dir);
    unlink(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return NULL;
    if (exec(db, "PRAGMA synchronous = FULL; PRAGMA journal_mode = WAL;"
                 "CREATE TABLE items (id INTEGER PRIMARY KEY, centre INT, category INT, "
                 "  amount INT, paid_by INT, jfrom INT, jto INT);"
                 "CREATE TABLE parts (centre INT, op INT, kind INT, jjoined INT, jleft INT);"
                 "CREATE TABLE ops (id INTEGER PRIMARY KEY, org INT);"
                 "CREATE TABLE result (op INTEGER PRIMARY KEY, share INT, paid INT, balance INT);"
                 "CREATE INDEX parts_by_centre ON parts (centre);"
                 "BEGIN;") ||
        load_world(db, centres, cids, ops) || load_items(f, db) || exec(db, "COMMIT; ANALYZE;") ||
        sqlite3_prepare_v2(db, SETTLE, -1, settle, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_bind_int64(*settle, 1, fc_date_to_days((fc_date_t){2025, 1, 1}));
    sqlite3_bind_int64(*settle, 2, fc_date_to_days((fc_date_t){2025, 12, 31}));
    return db;
}

/* Every party line of the run against SQLite's result. */
static long compare(sf_t *f, sqlite3 *db, uint64_t run, size_t *checked)
{
    sqlite3_stmt *q;
    sqlite3_prepare_v2(db, "SELECT share, paid, balance FROM result WHERE op = ?", -1, &q, NULL);
    long differ = 0;
    *checked = 0;
    for (uint32_t page = 0;; page++) {
        Fcavtal__V1__ShowRun s = FCAVTAL__V1__SHOW_RUN__INIT;
        s.run_id = run;
        s.part = FCAVTAL__V1__RUN_PART__RUN_PART_PARTIES;
        s.page = page;
        sf_rep_t *rep = sf_call(f, "show_run", &s.base, NULL);
        if (!rep || rep->status->code != 0) {
            sf_free(rep);
            return -1;
        }
        for (size_t i = 0; i < rep->run->n_parties; i++) {
            const Fcavtal__V1__SettlementPartyLine *l = rep->run->parties[i];
            sqlite3_bind_int64(q, 1, (sqlite3_int64)l->operation_id);
            if (sqlite3_step(q) != SQLITE_ROW || sqlite3_column_int64(q, 0) != l->share->ore ||
                sqlite3_column_int64(q, 1) != l->paid->ore ||
                sqlite3_column_int64(q, 2) != l->balance->ore)
                differ++;
            sqlite3_reset(q);
            (*checked)++;
        }
        bool last = page + 1 >= rep->run->page->pages;
        sf_free(rep);
        if (last)
            break;
    }
    sqlite3_finalize(q);
    return differ;
}

/* ------------------------------------------------------------ costs */

static double costs_run(sf_t *f, const char *id, uint64_t *run)
{
    double t0 = now_ms();
    sf_rep_t *rep = sf_run(f, "year", 2025, 0, NULL, 0, id);
    double ms = now_ms() - t0;
    if (!rep || rep->status->code != 0) {
        fprintf(stderr, "run: %s\n", rep ? rep->status->message : "no reply");
        sf_free(rep);
        return -1;
    }
    *run = rep->run->id;
    sf_free(rep);
    return ms;
}

static long db_kb(const char *dir)
{
    char cmd[600], out[64] = "";
    snprintf(cmd, sizeof cmd, "du -sk '%s' 2>/dev/null | cut -f1", dir);
    FILE *p = popen(cmd, "r");
    if (p && fgets(out, sizeof out, p) == NULL)
        out[0] = '\0';
    if (p)
        pclose(p);
    return atol(out);
}

int main(int argc, char **argv)
{
    size_t centres = 5000;
    int per_month = 5, rounds = 5;
    const char *threads = "2";
    bool strict = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--centres") && i + 1 < argc)
            centres = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--per-month") && i + 1 < argc)
            per_month = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = argv[++i];
        else if (!strcmp(argv[i], "--strict"))
            strict = true;
        else {
            fprintf(stderr, "usage: %s [--centres N] [--per-month K] [--rounds R] "
                            "[--threads T] [--strict]\n", argv[0]);
            return 2;
        }
    }
    if (rounds < 1 || rounds > MAX_ROUNDS || centres < 1 || centres > 10000 || per_month < 1)
        return 2;
    uint64_t *cids = calloc(centres, sizeof *cids), *ops = calloc(4 * centres, sizeof *ops);
    sf_t f;
    double t0 = now_ms();
    if (!cids || !ops || sf_start_in(&f, threads, FC_BENCH_TMP, FC_REGISTRY_BIN, FC_COSTS_BIN) ||
        sf_bulk_world(&f, centres, cids, ops) || !sf_sync(&f)) {
        fprintf(stderr, "cannot start or load the registry\n");
        return 1;
    }
    double t_world = now_ms() - t0;
    t0 = now_ms();
    if (sf_bulk_items(&f, centres, cids, ops, 2025, per_month)) {
        sf_cleanup(&f);
        return 1;
    }
    double t_items = now_ms() - t0;
    sqlite3_stmt *settle = NULL;
    t0 = now_ms();
    sqlite3 *db = sqlite_open(FC_BENCH_TMP, centres, cids, ops, &f, &settle);
    double t_sqlite_load = now_ms() - t0;
    if (!db) {
        sf_cleanup(&f);
        return 1;
    }
    FILE *la = fopen("/proc/loadavg", "r");
    char load[64] = "?";
    if (la && fgets(load, sizeof load, la))
        load[strcspn(load, " ")] = '\0';
    if (la)
        fclose(la);
    printf("machine: %ld cores, load average %s at the start\n", sysconf(_SC_NPROCESSORS_ONLN),
           load);
    printf("fcavtal-bench-costs: %zu centres, %d items a month each (%zu items), year 2025, "
           "%s worker threads\n", centres, per_month, centres * 12 * (size_t)per_month, threads);
    printf("loading: registry import and follow %.0f ms, items %.0f ms, SQLite copy %.0f ms\n",
           t_world, t_items, t_sqlite_load);
    uint64_t run = 0;
    int rc = 0;
    char id[32];
    /* Warm-up: page cache, allocator, SQLite's statement. */
    if (costs_run(&f, "warm-up", &run) < 0 || sqlite_run(db, settle) < 0) {
        rc = 1;
        goto out;
    }
    sf_free(sf_action(&f, "discard_run", run));
    reset_peak(f.costs.h.pid);
    double tc[MAX_ROUNDS], ts[MAX_ROUNDS], ratio[MAX_ROUNDS], cpu[MAX_ROUNDS], best = 1e18;
    for (int r = 0; r < rounds; r++) {
        snprintf(id, sizeof id, "bench-%d", r);
        double c0 = cpu_ms(f.costs.h.pid);
        tc[r] = costs_run(&f, id, &run);
        cpu[r] = cpu_ms(f.costs.h.pid) - c0;
        best = tc[r] < best ? tc[r] : best;
        ts[r] = sqlite_run(db, settle);
        if (tc[r] < 0 || ts[r] < 0) {
            rc = 1;
            goto out;
        }
        ratio[r] = tc[r] / ts[r];
        printf("round %d: costs %.0f ms (%.0f ms CPU), SQLite %.0f ms\n", r + 1, tc[r], cpu[r],
               ts[r]);
        if (r + 1 < rounds)
            sf_free(sf_action(&f, "discard_run", run));
    }
    long hwm = proc_kb(f.costs.h.pid, "VmHWM:");
    size_t checked = 0;
    long differ = compare(&f, db, run, &checked);
    double mc = median(tc, rounds), ms = median(ts, rounds), mr = median(ratio, rounds);
    double mcpu = median(cpu, rounds);
    printf("costs (persisted, fsync): median %.0f ms over %d rounds (fastest %.0f ms), "
           "%.0f ms CPU on all threads; peak memory (VmHWM) %ld MiB\n",
           mc, rounds, best, mcpu, hwm / 1024);
    printf("SQLite, one INSERT ... SELECT (persisted, synchronous=FULL): median %.0f ms\n", ms);
    printf("ratio costs / SQLite: %.2f (median of per-round ratios)\n", mr);
    printf("check: %zu party lines, %ld differ from SQLite's\n", checked, differ);
    /* Finalising reads every centre's page and publishes one
     * centre_settlement per centre (what render follows). */
    double f0 = now_ms();
    sf_rep_t *fin = sf_action(&f, "finalise_run", run);
    double fms = now_ms() - f0;
    if (!fin || fin->status->code != 0) {
        fprintf(stderr, "finalise: %s\n", fin ? fin->status->message : "no reply");
        rc = 1;
    } else {
        printf("finalise: %.0f ms for %zu centres (a centre_settlement record and event each)\n",
               fms, (size_t)fin->run->n_centre_ids);
    }
    sf_free(fin);
    printf("store: costs %ld MiB on disk\n", db_kb(f.costs.h.dir) / 1024);
    printf("target: under %.0f ms: %s\n", TARGET_MS, mc < TARGET_MS ? "met" : "MISSED");
    if (differ != 0 || (strict && mc >= TARGET_MS))
        rc = 1;
out:
    sqlite3_finalize(settle);
    sqlite3_close(db);
    char path[512];
    snprintf(path, sizeof path, "%s/reference.sqlite", FC_BENCH_TMP);
    unlink(path);
    strcat(path, "-wal");
    unlink(path);
    snprintf(path, sizeof path, "%s/reference.sqlite-shm", FC_BENCH_TMP);
    unlink(path);
    sf_cleanup(&f);
    free(cids);
    free(ops);
    return rc;
}
