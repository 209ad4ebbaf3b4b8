#include "notify_fixture.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const ntf_party_t framework_parties[] = {
    {"Västra Götalandsregionen", "232100-0131"},
    {"Göteborgs kommun", "212000-1355"},
};

const ntf_deadline_t ntf_test_framework_deadline = {
    .key = "agreement-1.notice.2024-12-31",
    .kind = NTF_KIND_NOTICE,
    .agreement_id = 1,
    .agreement_title = "Samverkansavtal familjecentraler och familjecentralsliknande "
                       "verksamheter i Västra Götaland",
    .case_number = "RS 2019-0829",
    .nominal = {2024, 12, 31},
    .safe_day = {2024, 12, 30},
    .rule_text = "Avtalet förlängs automatiskt med två år om det inte sägs upp skriftligen "
                 "senast tolv månader före avtalstidens utgång.",
    .rule_source = "VG §4",
    .parties = framework_parties,
    .n_parties = 2,
};

static const ntf_party_t local_parties[] = {
    {"Västra Götalandsregionen, barnhälsovård och mödrahälsovård", "232100-0131"},
    {"Göteborgs kommun, öppen förskola och förebyggande socialtjänst", "212000-1355"},
};

const ntf_deadline_t ntf_test_local_deadline = {
    .key = "agreement-17.notice.2026-02-28",
    .kind = NTF_KIND_NOTICE,
    .agreement_id = 17,
    .agreement_title = "Samverkansavtal avseende Bergsjöns familjecentral i Göteborgs kommun",
    .case_number = "SLK-2023-00875",
    .centre_name = "Familjecentralen Bergsjön",
    .nominal = {2026, 2, 28},
    .safe_day = {2026, 2, 27},
    .rule_text = "Uppsägning eller omförhandling av avtalet ska ske skriftligen med sex "
                 "månaders uppsägningstid.",
    .rule_source = "Bilaga 1 §2",
    .parties = local_parties,
    .n_parties = 2,
};

const char *ntf_test_python(void)
{
    return FC_PYTHON3[0] && access(FC_PYTHON3, X_OK) == 0 ? FC_PYTHON3 : NULL;
}

int ntf_test_spawn(const char *const argv[], pid_t *pid)
{
    return posix_spawn(pid, argv[0], NULL, NULL, (char *const *)argv, environ) ? -1 : 0;
}

int ntf_test_stop(pid_t *pid, int sig)
{
    int status = -1;
    if (*pid <= 0)
        return status;
    kill(*pid, sig);
    waitpid(*pid, &status, 0);
    *pid = 0;
    return status;
}

int ntf_test_run(const char *const argv[], char **out)
{
    *out = NULL;
    int fds[2];
    if (pipe(fds))
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc) {
        close(fds[0]);
        return -1;
    }
    size_t len = 0;
    FILE *mem = open_memstream(out, &len);
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        fwrite(buf, 1, (size_t)n, mem);
    fclose(mem);
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    return status;
}

int ntf_test_wait_value(const char *path, const char *key, char *value, size_t len, int timeout_ms)
{
    size_t klen = strlen(key);
    for (int waited = 0; waited <= timeout_ms; waited += 10) {
        FILE *f = fopen(path, "r");
        char line[512];
        while (f && fgets(line, sizeof line, f)) {
            line[strcspn(line, "\n")] = '\0';
            if (strncmp(line, key, klen) == 0 && line[klen] == '=') {
                snprintf(value, len, "%s", line + klen + 1);
                fclose(f);
                return 0;
            }
        }
        if (f)
            fclose(f);
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
    }
    return -1;
}

int ntf_test_tmpdir(char *buf, size_t len)
{
    snprintf(buf, len, "/tmp/fcavtal-notify-XXXXXX");
    return mkdtemp(buf) ? 0 : -1;
}

void ntf_test_rmdir(const char *dir)
{
    if (!dir[0])
        return;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

int ntf_test_count_files(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    size_t slen = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > slen && strcmp(e->d_name + len - slen, suffix) == 0)
            n++;
    }
    closedir(d);
    return n;
}

/* Below the kernel's ephemeral range (32768 and up), so no wildcard bind
 * of a test running in parallel can take it before it is used. */
int ntf_test_free_port(void)
{
    srand((unsigned)getpid() ^ (unsigned)time(NULL));
    for (int attempt = 0; attempt < 200; attempt++) {
        int port = 20000 + rand() % 10000;
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int ok = fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
        if (fd >= 0)
            close(fd);
        if (ok)
            return port;
    }
    return -1;
}

int ntf_smtp_sink_start(ntf_smtp_sink_t *sink)
{
    memset(sink, 0, sizeof *sink);
    const char *python = ntf_test_python();
    if (!python || ntf_test_tmpdir(sink->dir, sizeof sink->dir))
        return -1;
    char ready[300], port[16];
    snprintf(ready, sizeof ready, "%s/ready", sink->dir);
    const char *argv[] = {python, FC_NOTIFY_TEST_DIR "/smtp_sink.py", sink->dir, ready, NULL};
    if (ntf_test_spawn(argv, &sink->pid))
        return -1;
    if (ntf_test_wait_value(ready, "port", port, sizeof port, 10000))
        return -1;
    snprintf(sink->url, sizeof sink->url, "smtp://127.0.0.1:%s", port);
    return 0;
}

void ntf_smtp_sink_stop(ntf_smtp_sink_t *sink)
{
    ntf_test_stop(&sink->pid, SIGTERM);
    ntf_test_rmdir(sink->dir);
    sink->dir[0] = '\0';
}

int ntf_receiver_start(ntf_receiver_proc_t *r, const char *bind)
{
    if (!r->dir[0]) {
        char base[256];
        if (ntf_test_tmpdir(base, sizeof base))
            return -1;
        snprintf(r->dir, sizeof r->dir, "%s/inbox", base);
        snprintf(r->ready, sizeof r->ready, "%s/ready", base);
        snprintf(r->log, sizeof r->log, "%s/receiver.log", base);
    }
    unlink(r->ready);
    const char *argv[] = {FC_CASE_RECEIVER_BIN, "--bind", bind, "--dir", r->dir, "--ready-file",
                          r->ready, "--log-level", r->log_level ? r->log_level : "warn", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, r->log, O_WRONLY | O_CREAT | O_APPEND, 0644);
    int rc = posix_spawn(&r->pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc)
        return -1;
    return ntf_test_wait_value(r->ready, "request", r->endpoint, sizeof r->endpoint, 10000);
}

int ntf_receiver_stop(ntf_receiver_proc_t *r)
{
    return ntf_test_stop(&r->pid, SIGTERM);
}

void ntf_receiver_cleanup(ntf_receiver_proc_t *r)
{
    ntf_test_stop(&r->pid, SIGKILL);
    char *slash = strrchr(r->dir, '/');
    if (slash && strcmp(slash, "/inbox") == 0) {
        *slash = '\0';
        ntf_test_rmdir(r->dir);
    }
    r->dir[0] = '\0';
}
