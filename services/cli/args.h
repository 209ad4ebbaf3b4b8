/* Command-line flags of one command: "--name VALUE", "--name=VALUE" or a
 * bare "--flag" for booleans; everything else is positional. */
#ifndef FC_CLI_ARGS_H
#define FC_CLI_ARGS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define CLI_MAX_ARGS 64

typedef enum {
    FLAG_STRING,  /* JSON string */
    FLAG_ID,      /* an id: unsigned integer */
    FLAG_NUM,     /* a count: unsigned integer */
    FLAG_INT,     /* signed integer */
    FLAG_BOOL,    /* no value: true when present */
    FLAG_LIST,    /* comma-separated unsigned integers -> JSON array */
    FLAG_DATE     /* a calendar date YYYY-MM-DD -> JSON string */
} cli_flag_type_t;

typedef struct {
    const char *name;  /* without "--": "org-number" */
    const char *key;   /* JSON key it fills: "org_number"; NULL: not mapped */
    cli_flag_type_t type;
    const char *help;
} cli_flag_t;

typedef struct {
    const cli_flag_t *flag;
    const char *value;  /* NULL for a boolean */
} cli_given_t;

typedef struct {
    cli_given_t given[CLI_MAX_ARGS];
    size_t n_given;
    const char *positional[CLI_MAX_ARGS];
    size_t n_positional;
    bool help;          /* --help or -h was given */
} cli_args_t;

/* Parses argv against flags (terminated by a zero entry). Prints the problem
 * to stderr and returns -1 on an unknown flag or a missing value. */
int cli_args_parse(int argc, char **argv, const cli_flag_t *flags, cli_args_t *out);

/* The last value given for flag `name`, or NULL. */
const char *cli_arg(const cli_args_t *a, const char *name);
bool cli_arg_has(const cli_args_t *a, const char *name);

/* Sets obj[key] for every given flag with a key, converting by type.
 * Prints the problem and returns -1 when a value does not convert; a date
 * says why: "--date 2024-02-30: 2024-02-30 is not a date: February 2024 has
 * 29 days". */
int cli_args_to_json(const cli_args_t *a, json_t *obj);

/* Parses an unsigned id ("12"); -1 on anything else. */
int cli_parse_id(const char *text, unsigned long long *out);

/* Prints "  --name VALUE   help" lines for the flags. */
void cli_print_flags(const cli_flag_t *flags);

#endif
