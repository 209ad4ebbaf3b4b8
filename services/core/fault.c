#include "fault.h"

#ifdef FC_FAULT_INJECTION
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"

#define MAX_POINTS 8

static struct {
    char name[32];
    long fire_at, hits;
} points[MAX_POINTS];
static int n_points = -1;

static void load(void)
{
    n_points = 0;
    const char *spec = getenv("FCAVTAL_FAULT");
    while (spec && *spec && n_points < MAX_POINTS) {
        const char *colon = strchr(spec, ':'), *comma = strchr(spec, ',');
        if (!colon || (comma && comma < colon))
            break;
        size_t len = (size_t)(colon - spec);
        if (len >= sizeof points[0].name)
            len = sizeof points[0].name - 1;
        memcpy(points[n_points].name, spec, len);
        points[n_points].name[len] = '\0';
        points[n_points].fire_at = strtol(colon + 1, NULL, 10);
        n_points++;
        spec = comma ? comma + 1 : NULL;
    }
}

bool fc__fault(const char *point)
{
    if (n_points < 0)
        load();
    for (int i = 0; i < n_points; i++)
        if (strcmp(points[i].name, point) == 0 && ++points[i].hits == points[i].fire_at) {
            fc_warn("fault injected at %s (hit %ld)", point, points[i].hits);
            return true;
        }
    return false;
}
#endif
