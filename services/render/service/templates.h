/* The template folder and the templates loaded from it at start: one per
 * (agreement kind, rule set) that rnd_template_choose knows, each checked
 * for the sections its rules require, so a template a coordinator broke is
 * reported when the service starts (file and line), not when a document is
 * asked for. Editing a template takes a restart. */
#ifndef RSV_TEMPLATES_H
#define RSV_TEMPLATES_H

#include "service.h"

/* Opens `dir` and loads every template. FC_OK, or the engine's error (the
 * message names the file and line) in err. */
fc_status_t rsv_templates_open(const char *dir, rsv_templates_t **out, rnd_error_t *err);
void rsv_templates_destroy(rsv_templates_t **set_p);

/* The template for `kind` under `rules` and the rules' source; NULL with
 * the reason (FC_NOT_FOUND: "framework agreements are ...") in err. */
const rnd_template_t *rsv_templates_for(const rsv_templates_t *set, rnd_agreement_kind_t kind,
                                        rnd_rule_set_t rules, rnd_error_t *err);

#endif
