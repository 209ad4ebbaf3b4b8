/* Spawning fcavtal with a chosen environment and capturing its output. */
#include "cli_run.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define MAX_ARGS 48

void cli_env_set(cli_env_t *env, const char *fmt, ...)
{
    cr_assert_lt(env->n_vars, CLI_RUN_MAX_VARS, "too many variables");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(env->vars[env->n_vars++], CLI_RUN_VAR_LEN, fmt, ap);
    va_end(ap);
}

static void pass_on(cli_env_t *env, const char *name)
{
    const char *v = getenv(name);
    if (v)
        cli_env_set(env, "%s=%s", name, v);
}

void cli_env_init(cli_env_t *env, const char *dir)
{
    memset(env, 0, sizeof *env);
    snprintf(env->dir, sizeof env->dir, "%s", dir);
    cli_env_set(env, "HOME=%s", dir);
    cli_env_set(env, "USER=tester");
    pass_on(env, "PATH");
    pass_on(env, "ASAN_OPTIONS");
    pass_on(env, "LSAN_OPTIONS");
    pass_on(env, "UBSAN_OPTIONS");
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    size_t cap = 4096, len = 0, n;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
    }
    buf[len] = '\0';
    fclose(f);
    return buf;
}

static cli_result_t exec_v(const cli_env_t *env, const char *first, va_list ap)
{
    const char *argv[MAX_ARGS + 2] = {FC_CLI_BIN};
    size_t n = 1;
    for (const char *a = first; a && n < MAX_ARGS; a = va_arg(ap, const char *))
        argv[n++] = a;
    argv[n] = NULL;
    const char *envp[CLI_RUN_MAX_VARS + 1];
    for (size_t i = 0; i < env->n_vars; i++)
        envp[i] = env->vars[i];
    envp[env->n_vars] = NULL;
    char out_path[512], err_path[512];
    snprintf(out_path, sizeof out_path, "%s/cli-run.out", env->dir);
    snprintf(err_path, sizeof err_path, "%s/cli-run.err", env->dir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    int rc = posix_spawn(&pid, FC_CLI_BIN, &fa, NULL, (char *const *)argv, (char *const *)envp);
    posix_spawn_file_actions_destroy(&fa);
    cr_assert_eq(rc, 0, "cannot start %s", FC_CLI_BIN);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cli_result_t r = {.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1};
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

cli_result_t cli_exec(const cli_env_t *env, const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    cli_result_t r = exec_v(env, first, ap);
    va_end(ap);
    return r;
}

void cli_result_free(cli_result_t *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

json_t *cli_exec_json(const cli_env_t *env, const char *first, ...)
{
    va_list ap;
    va_start(ap, first);
    cli_result_t r = exec_v(env, first, ap);
    va_end(ap);
    cr_assert_eq(r.status, 0, "exit %d\nstdout:\n%s\nstderr:\n%s", r.status, r.out, r.err);
    json_error_t err;
    json_t *doc = json_loads(r.out, JSON_DECODE_ANY, &err);
    cr_assert_not_null(doc, "not JSON (%s at %d:%d):\n%s", err.text, err.line, err.column, r.out);
    cli_result_free(&r);
    return doc;
}

void cli_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    cr_assert_geq(fputs(text, f), 0);
    cr_assert_eq(fclose(f), 0);
}

size_t cli_count_lines(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        if (*p == '\n' || p[1] == '\0')
            n++;
    return n;
}
