/* Aligned text tables for list output. Width is counted in characters,
 * not bytes, so Swedish names line up. */
#ifndef FC_CLI_TABLE_H
#define FC_CLI_TABLE_H

#include <stddef.h>
#include <stdio.h>

typedef struct cli_table cli_table_t;

/* A table with the given column headers. NULL when out of memory. */
cli_table_t *table_new(const char *const *headers, size_t n_columns);
void table_destroy(cli_table_t **self_p);

/* Appends the next cell, row by row. An error (out of memory) is kept and
 * reported by table_print, so callers can fill without checking each cell. */
void table_cellf(cli_table_t *self, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints header and rows; an empty table prints "(none)". 0, or -1 after
 * any earlier error. */
int table_print(const cli_table_t *self, FILE *out);

#endif
