/* Reading JSON documents given on the command line, with errors a person
 * can act on: which file, which line and column. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

json_t *cli_load_json(const char *path)
{
    json_error_t err;
    /* Duplicate keys are almost always a copy-paste slip: refuse them. */
    size_t flags = JSON_REJECT_DUPLICATES;
    json_t *doc = strcmp(path, "-") == 0 ? json_loadf(stdin, flags, &err)
                                         : json_load_file(path, flags, &err);
    if (doc)
        return doc;
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (err.line > 0)
        fprintf(stderr, "error: %s:%d:%d: %s\n", name, err.line, err.column, err.text);
    else
        fprintf(stderr, "error: %s: %s\n", name, err.text);
    return NULL;
}

int cli_id_arg(const char *text, const char *what, json_int_t *out)
{
    unsigned long long id;
    if (cli_parse_id(text, &id) != 0 || id == 0 || id > (unsigned long long)LLONG_MAX) {
        fprintf(stderr, "error: %s must be a positive number, not \"%s\"\n", what, text);
        return -1;
    }
    *out = (json_int_t)id;
    return 0;
}
