/* storesubmit_native: the C ABI of storesubmit (ABI version 1). Conventions (src/lib.rs):
 * - every function returns 0 on success, else the manifest's stable error number (1 = invalid_argument for a
 *   null, malformed or stale argument); on failure *err (when err is not NULL) receives the error as UTF-8 JSON
 *   {code, number, message, status, retryable, retryAfter, correlationId, serverErrors, issues};
 * - strings in are NUL-terminated UTF-8; bytes in are a pointer and a length (NULL allowed with length 0);
 * - every ss_buf handed out is freed once with storesubmit_buf_free; the empty buffer is {NULL, 0};
 * - handles (flow, pack, tokens) are opaque numbers freed with storesubmit_free; a freed or unknown handle is
 *   refused with invalid_argument, never dereferenced; no panic crosses the boundary. */
#ifndef STORESUBMIT_H
#define STORESUBMIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ss_buf { uint8_t *ptr; size_t len; } ss_buf;

uint32_t storesubmit_abi_version(void);
uint32_t storesubmit_version(ss_buf *out, ss_buf *err);
/* storesubmit::wire::call: validate, guessKind, packageEntries, buildRequest, parseResponse, parseJson, redact,
 * redactUrl, manifest, tables, documentKinds, blobVector */
uint32_t storesubmit_call(const char *name, const char *args_json, ss_buf *out, ss_buf *err);

uint32_t storesubmit_tokens_new(uint64_t *out, ss_buf *err);
uint32_t storesubmit_flow_start(const char *options_json, const uint8_t *secret, size_t secret_len,
                                const char *request_json, uint64_t tokens, uint64_t *out, ss_buf *err);
uint32_t storesubmit_flow_step(uint64_t flow, const char *event_json, const uint8_t *data, size_t data_len,
                               uint64_t now, double jitter, ss_buf *out, ss_buf *err);
uint32_t storesubmit_flow_take_body(uint64_t flow, uint64_t task_id, ss_buf *out, ss_buf *err);
uint32_t storesubmit_flow_save_tokens(uint64_t flow, uint64_t tokens, ss_buf *err);
uint32_t storesubmit_flow_resume_token(uint64_t flow, ss_buf *out, ss_buf *err);
uint32_t storesubmit_flow_stage(uint64_t flow, ss_buf *out, ss_buf *err);

uint32_t storesubmit_pack_start(const char *request_json, uint64_t *out, ss_buf *err);
uint32_t storesubmit_pack_step(uint64_t pack, const char *event_json, const uint8_t *data, size_t data_len,
                               ss_buf *out, ss_buf *err);
uint32_t storesubmit_pack_take_body(uint64_t pack, uint64_t task_id, ss_buf *out, ss_buf *err);

/* a host's answers to stat and read tasks from a local folder (names resolved and confined by the core) */
uint32_t storesubmit_files_stat(const char *folder, const char *names_json, ss_buf *out, ss_buf *err);
uint32_t storesubmit_files_read(const char *folder, const char *name, uint64_t offset, uint64_t len, ss_buf *out,
                                ss_buf *err);
/* checks before a workflow's first request: kind app-submission | addon-submission | flight-submission | win32 */
uint32_t storesubmit_preflight(const char *kind, const char *spec_json, const char *folder, ss_buf *err);

uint32_t storesubmit_free(uint64_t handle, ss_buf *err);
uint32_t storesubmit_buf_free(uint8_t *ptr, size_t len);

#ifdef __cplusplus
}
#endif
#endif
