/* Ids that every receiving system can use as they are: as a file name, in a
 * Message-ID (a dot-atom: no leading, trailing or double dot) and in a
 * calendar UID. A narrow alphabet is checked here rather than escaped in
 * three places. */
#include "reminder.h"

#include <stdio.h>
#include <string.h>

static bool id_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-';
}

bool ntf_id_valid(const char *key, size_t max)
{
    if (!key || !key[0] || key[0] == '.')
        return false;
    size_t n = 0;
    for (; key[n]; n++)
        if (n >= max || !id_char(key[n]) || (key[n] == '.' && key[n + 1] == '.'))
            return false;
    return key[n - 1] != '.';
}

int ntf_notification_id(const char *key, ntf_lead_t lead, char *buf, size_t len)
{
    if (!ntf_id_valid(key, NTF_KEY_MAX) || !ntf_lead_valid(lead))
        return -1;
    char code[24];
    int n = snprintf(buf, len, "%s.%s", key, ntf_lead_code(lead, code, sizeof code));
    return n < 0 || (size_t)n >= len ? -1 : 0;
}
