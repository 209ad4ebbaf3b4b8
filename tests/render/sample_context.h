/* Realistic contexts for the shipped templates, as the render service will
 * fill them from the registry and costs: a VG family centre with four
 * parties (the benchmark document, about six pages), a use-right agreement
 * for its premises, and an Örebro centre. */
#ifndef SAMPLE_CONTEXT_H
#define SAMPLE_CONTEXT_H

#include "fcavtal/render.h"

#define SAMPLE_TEMPLATE_DIR FC_SOURCE_DIR "/deploy/templates"

/* Each returns an owned context, or NULL when out of memory. */
rnd_value_t *sample_vg_local(void);
rnd_value_t *sample_vg_use_right(void);
rnd_value_t *sample_orebro_local(void);

/* Header data for the VG local agreement, version `version`. */
rnd_meta_t sample_vg_meta(unsigned version, bool draft);

/* The four parties of the VG sample, as the PDF must show them. */
extern const char *const SAMPLE_VG_PARTIES[4];
extern const char *const SAMPLE_VG_ORGNR[4];

#endif
