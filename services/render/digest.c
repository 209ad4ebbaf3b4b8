/* SHA-256 of rendered documents, through libsodium. */
#include <ctype.h>
#include <string.h>

#include <sodium.h>

#include "fcavtal/render.h"

void rnd_sha256_hex(const void *bytes, size_t size, char hex[65])
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, bytes, size);
    sodium_bin2hex(hex, 65, hash, sizeof hash);
}

bool rnd_sha256_verify(const void *bytes, size_t size, const char *hex)
{
    if (!hex || strlen(hex) != 64)
        return false;
    char want[65];
    for (size_t i = 0; i < 64; i++) {
        if (!isxdigit((unsigned char)hex[i]))
            return false;
        want[i] = (char)tolower((unsigned char)hex[i]);
    }
    want[64] = '\0';
    char got[65];
    rnd_sha256_hex(bytes, size, got);
    /* Constant time: a stored hash is not a secret, but it costs nothing. */
    return sodium_memcmp(got, want, 64) == 0;
}
