#include "renderings.h"

#include <string.h>

#include "fcavtal/store.h"

bool rsv_format_known(int format)
{
    return format == RND_FORMAT_MARKDOWN || format == RND_FORMAT_HTML || format == RND_FORMAT_PDF;
}

const char *rsv_format_extension(int format)
{
    switch (format) {
    case RND_FORMAT_MARKDOWN: return ".md";
    case RND_FORMAT_HTML: return ".html";
    case RND_FORMAT_PDF: return ".pdf";
    default: return "";
    }
}

void rsv_rendering_key(fc_index_key_t *key, uint64_t agreement_id, uint32_t version, int format,
                       bool draft)
{
    fc_key_put_u64(key->data, agreement_id);
    for (int i = 0; i < 4; i++)
        key->data[8 + i] = (uint8_t)(version >> (24 - 8 * i));
    key->data[12] = (uint8_t)format;
    key->data[13] = draft ? 1 : 0;
    key->len = 14;
}

fc_status_t rsv_rendering_find(fc_call_t *call, uint64_t agreement_id, uint32_t version,
                               int format, bool draft, RenderingInfo **out)
{
    fc_index_key_t key;
    uint64_t id;
    *out = NULL;
    rsv_rendering_key(&key, agreement_id, version, format, draft);
    fc_status_t st = fc_record_index_first(call, REC_RENDERING, IX_RENDERING_KEY, &key, &id);
    return st ? st : fc_record_get(call, REC_RENDERING, id, (ProtobufCMessage **)out);
}

fc_status_t rsv_rendering_store(fc_call_t *call, RenderingInfo *info, const void *bytes,
                                size_t size)
{
    fc_status_t st = fc_record_new_id(call, REC_RENDERING, &info->id);
    if (!st)
        st = fc_record_put(call, REC_RENDERING, &info->base);
    if (st)
        return fc_call_fail(call, st, "cannot store the rendering: %s", fc_status_name(st));
    uint8_t key[8];
    fc_key_put_u64(key, info->id);
    MDB_val k = { sizeof key, key }, v = { size, NULL };
    int rc = mdb_put(fc_call_txn(call), fc_store_dbi(fc_call_store(call), DB_CONTENT), &k, &v,
                     MDB_RESERVE);
    if (rc)
        return fc_call_fail(call, fc_status_from_mdb(rc), "cannot store the document's bytes: %s",
                            mdb_strerror(rc));
    if (size)
        memcpy(v.mv_data, bytes, size);
    return fc_call_emit(call, REC_RENDERING, "created", &info->base);
}

fc_status_t rsv_rendering_content(fc_call_t *call, uint64_t id, const uint8_t **data,
                                  size_t *size)
{
    uint8_t key[8];
    fc_key_put_u64(key, id);
    MDB_val k = { sizeof key, key }, v;
    int rc = mdb_get(fc_call_txn(call), fc_store_dbi(fc_call_store(call), DB_CONTENT), &k, &v);
    if (rc)
        return fc_call_fail(call, rc == MDB_NOTFOUND ? FC_DATA_LOSS : fc_status_from_mdb(rc),
                            "the bytes of rendering %llu cannot be read: %s",
                            (unsigned long long)id, mdb_strerror(rc));
    *data = v.mv_data;
    *size = v.mv_size;
    return FC_OK;
}
