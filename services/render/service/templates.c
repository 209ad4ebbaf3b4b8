#include "templates.h"

#include <stdio.h>
#include <stdlib.h>

/* Every kind and rule set a document can be asked for; the engine's table
 * (choose.c) says which of them have a template. */
static const rnd_agreement_kind_t KINDS[] = { RND_AGREEMENT_FRAMEWORK, RND_AGREEMENT_LOCAL,
                                              RND_AGREEMENT_USE_RIGHT };
static const rnd_rule_set_t RULES[] = { RND_RULES_VG, RND_RULES_OREBRO, RND_RULES_NATIONAL };

#define N_KINDS (sizeof KINDS / sizeof KINDS[0])
#define N_RULES (sizeof RULES / sizeof RULES[0])

struct rsv_templates {
    rnd_folder_t *folder;
    rnd_template_t *loaded[N_KINDS][N_RULES];
};

static fc_status_t load_one(rsv_templates_t *set, size_t k, size_t r, rnd_error_t *err)
{
    rnd_template_choice_t choice;
    rnd_error_t ignored = RND_ERROR_INIT;
    if (rnd_template_choose(KINDS[k], RULES[r], &choice, &ignored) != FC_OK) {
        rnd_error_reset(&ignored);
        return FC_OK;   /* no template for this pair: asked for, it is refused by name */
    }
    /* Several pairs may share a file; each gets its own parsed copy. */
    fc_status_t st = rnd_template_load(set->folder, choice.file, &set->loaded[k][r], err);
    if (st == FC_OK)
        st = rnd_template_require_sections(set->loaded[k][r], choice.mandatory,
                                           choice.mandatory_count, err);
    return st;
}

fc_status_t rsv_templates_open(const char *dir, rsv_templates_t **out, rnd_error_t *err)
{
    *out = NULL;
    rsv_templates_t *set = calloc(1, sizeof *set);
    if (!set) {
        err->code = FC_RESOURCE_EXHAUSTED;
        snprintf(err->message, sizeof err->message, "out of memory");
        return FC_RESOURCE_EXHAUSTED;
    }
    fc_status_t st = rnd_folder_open(dir, &set->folder, err);
    for (size_t k = 0; k < N_KINDS && st == FC_OK; k++)
        for (size_t r = 0; r < N_RULES && st == FC_OK; r++)
            st = load_one(set, k, r, err);
    if (st != FC_OK) {
        rsv_templates_destroy(&set);
        return st;
    }
    *out = set;
    return FC_OK;
}

void rsv_templates_destroy(rsv_templates_t **set_p)
{
    if (!set_p || !*set_p)
        return;
    rsv_templates_t *set = *set_p;
    for (size_t k = 0; k < N_KINDS; k++)
        for (size_t r = 0; r < N_RULES; r++)
            rnd_template_destroy(&set->loaded[k][r]);
    rnd_folder_destroy(&set->folder);
    free(set);
    *set_p = NULL;
}

const rnd_template_t *rsv_templates_for(const rsv_templates_t *set, rnd_agreement_kind_t kind,
                                        rnd_rule_set_t rules, rnd_error_t *err)
{
    rnd_template_choice_t choice;
    if (rnd_template_choose(kind, rules, &choice, err) != FC_OK)
        return NULL;
    for (size_t k = 0; k < N_KINDS; k++)
        for (size_t r = 0; r < N_RULES; r++)
            if (KINDS[k] == kind && RULES[r] == rules)
                return set->loaded[k][r];
    err->code = FC_NOT_FOUND;
    snprintf(err->message, sizeof err->message, "no template loaded for this agreement");
    return NULL;
}
