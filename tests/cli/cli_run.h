/* Runs the real fcavtal binary for the CLI's integration tests, in an
 * environment of the test's own: nothing of the machine's (a ~/.config
 * file, FCAVTAL_* variables) reaches the command unless the test puts it
 * there. */
#ifndef FC_TEST_CLI_RUN_H
#define FC_TEST_CLI_RUN_H

#include <jansson.h>
#include <stddef.h>

#define CLI_RUN_MAX_VARS 16
#define CLI_RUN_VAR_LEN 700

typedef struct {
    char dir[256];  /* HOME, and where outputs are captured */
    char vars[CLI_RUN_MAX_VARS][CLI_RUN_VAR_LEN];
    size_t n_vars;
} cli_env_t;

typedef struct {
    int status;  /* exit code, or -1 when killed by a signal */
    char *out;
    char *err;
} cli_result_t;

/* HOME=dir, PATH, USER=tester and the sanitizers' options. */
void cli_env_init(cli_env_t *env, const char *dir);
/* Adds "NAME=value" (printf-style). */
void cli_env_set(cli_env_t *env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* fcavtal args... (NULL-terminated), stdout and stderr captured. */
cli_result_t cli_exec(const cli_env_t *env, const char *first, ...);
void cli_result_free(cli_result_t *r);
/* cli_exec that must exit 0 and print JSON: the parsed output. */
json_t *cli_exec_json(const cli_env_t *env, const char *first, ...);

void cli_write_file(const char *path, const char *text);
/* Lines of text (a last line without '\n' counts). */
size_t cli_count_lines(const char *text);

#endif
