/* Aligned text tables: cells are collected first, widths computed last. */
#include "table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>

#include "fcavtal/text.h"
#include <stdlib.h>
#include <string.h>

struct cli_table {
    size_t n_columns;
    char **cells;        /* headers first, then rows, row-major */
    size_t n_cells;
    size_t capacity;
    bool failed;
};

static int push_cell(cli_table_t *self, char *text)
{
    if (self->n_cells == self->capacity) {
        size_t cap = self->capacity ? self->capacity * 2 : 64;
        char **cells = realloc(self->cells, cap * sizeof *cells);
        if (!cells)
            return -1;
        self->cells = cells;
        self->capacity = cap;
    }
    self->cells[self->n_cells++] = text;
    return 0;
}

cli_table_t *table_new(const char *const *headers, size_t n_columns)
{
    cli_table_t *self = calloc(1, sizeof *self);
    if (!self)
        return NULL;
    self->n_columns = n_columns;
    for (size_t i = 0; i < n_columns; i++)
        table_cellf(self, "%s", headers[i]);
    if (self->failed)
        table_destroy(&self);
    return self;
}

void table_destroy(cli_table_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    cli_table_t *self = *self_p;
    for (size_t i = 0; i < self->n_cells; i++)
        free(self->cells[i]);
    free(self->cells);
    free(self);
    *self_p = NULL;
}

void table_cellf(cli_table_t *self, const char *fmt, ...)
{
    if (!self || self->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = fc_vformat(fmt, ap);
    va_end(ap);
    if (!text) {
        self->failed = true;
        return;
    }
    /* Newlines would break the row layout. */
    for (char *p = text; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    if (push_cell(self, text) != 0) {
        free(text);
        self->failed = true;
    }
}

/* Characters, not bytes: UTF-8 continuation bytes do not count. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void print_row(const cli_table_t *self, size_t first, const size_t *widths, FILE *out)
{
    for (size_t c = 0; c < self->n_columns; c++) {
        const char *text = first + c < self->n_cells ? self->cells[first + c] : "";
        fputs(text, out);
        if (c + 1 == self->n_columns)
            break;
        for (size_t pad = display_width(text); pad < widths[c] + 2; pad++)
            fputc(' ', out);
    }
    fputc('\n', out);
}

int table_print(const cli_table_t *self, FILE *out)
{
    if (!self || self->failed)
        return -1;
    size_t *widths = calloc(self->n_columns ? self->n_columns : 1, sizeof *widths);
    if (!widths)
        return -1;
    for (size_t i = 0; i < self->n_cells; i++) {
        size_t w = display_width(self->cells[i]);
        if (w > widths[i % self->n_columns])
            widths[i % self->n_columns] = w;
    }
    for (size_t row = 0; row < self->n_cells; row += self->n_columns)
        print_row(self, row, widths, out);
    if (self->n_cells <= self->n_columns)
        fputs("(none)\n", out);
    free(widths);
    return ferror(out) ? -1 : 0;
}
