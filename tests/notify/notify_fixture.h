/* Shared by the notify tests: two deadlines from the agreements in
 * ../shared/domain.md, and the real processes the tests talk to (an SMTP
 * server in Python's aiosmtpd, fcavtal-case-receiver). */
#ifndef FC_TEST_NOTIFY_FIXTURE_H
#define FC_TEST_NOTIFY_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "reminder.h"

/* VG framework (VG §4): valid to 2025-12-31, notice 12 months before:
 * 2024-12-31, New Year's eve, so the safe day is Monday 2024-12-30. */
extern const ntf_deadline_t ntf_test_framework_deadline;
/* A local agreement (Bilaga 1 §2) ending 2026-08-31, six months' notice:
 * 2026-02-28 is a Saturday, so the safe day is Friday 2026-02-27. */
extern const ntf_deadline_t ntf_test_local_deadline;

/* Path of /usr/bin/python3 with aiosmtpd, or NULL (tests skip). */
const char *ntf_test_python(void);

/* Starts argv[0] with argv; 0 or -1. */
int ntf_test_spawn(const char *const argv[], pid_t *pid);
/* Sends sig and reaps; the exit status as from waitpid. */
int ntf_test_stop(pid_t *pid, int sig);
/* Runs argv to completion with its stdout in *out (owned); exit status. */
int ntf_test_run(const char *const argv[], char **out);
/* Waits up to timeout_ms for `path` to hold a line "key=value"; copies the
 * value. 0 or -1. */
int ntf_test_wait_value(const char *path, const char *key, char *value, size_t len, int timeout_ms);
/* A fresh folder under /tmp in buf; 0 or -1. */
int ntf_test_tmpdir(char *buf, size_t len);
void ntf_test_rmdir(const char *dir);
/* Number of regular files in dir ending with suffix. */
int ntf_test_count_files(const char *dir, const char *suffix);
/* A loopback TCP port nobody listens on right now, outside the ephemeral
 * range. */
int ntf_test_free_port(void);

/* An aiosmtpd server writing each message to dir/NNNN.eml with its
 * envelope in dir/NNNN.json. Recipients starting with "refuse" get
 * 550 5.1.1, those starting with "busy" 450 4.2.1. */
typedef struct {
    pid_t pid;
    char dir[256];
    char url[64];   /* smtp://127.0.0.1:PORT */
} ntf_smtp_sink_t;

int ntf_smtp_sink_start(ntf_smtp_sink_t *sink);
void ntf_smtp_sink_stop(ntf_smtp_sink_t *sink);

/* fcavtal-case-receiver on `bind` writing to dir (created when empty). */
typedef struct {
    pid_t pid;
    char dir[256];       /* the notification folder */
    char ready[300];
    char log[300];       /* its stderr */
    char endpoint[128];
    const char *log_level;  /* its --log-level; NULL: warn ("info" logs every receipt) */
} ntf_receiver_proc_t;

int ntf_receiver_start(ntf_receiver_proc_t *r, const char *bind);
/* SIGTERM; the exit status. */
int ntf_receiver_stop(ntf_receiver_proc_t *r);
/* Kills it if running and removes its folders. */
void ntf_receiver_cleanup(ntf_receiver_proc_t *r);

#endif
