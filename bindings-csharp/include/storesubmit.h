/* storesubmit_native: the C ABI of storesubmit (ABI version 2). Conventions (src/lib.rs):
 * - every function returns 0 on success, else the manifest's stable error number (1 = invalid_argument for a
 *   null, malformed or stale argument); on failure *err (when err is not NULL) receives the error as UTF-8 JSON
 *   {code, number, message, status, retryable, retryAfter, correlationId, serverErrors, issues, request,
 *   resumeToken};
 * - strings in are NUL-terminated UTF-8; bytes in are a pointer and a length (NULL allowed with length 0);
 * - every ss_buf handed out is freed once with storesubmit_buf_free; the empty buffer is {NULL, 0};
 * - handles (session, run, tokens) are opaque numbers freed with storesubmit_free; a freed or unknown handle is
 *   refused with invalid_argument, never dereferenced; freeing a session stops its run; no panic crosses the
 *   boundary; only storesubmit_session_next blocks (up to its timeout), and no library thread calls the host. */
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
/* storesubmit::wire::call: validate, guessKind, packageEntries, loadProject, resolveConnection, buildRequest,
 * parseResponse, parseJson, redact, redactUrl, manifest, tables, documentKinds, summary, blobVector, … */
uint32_t storesubmit_call(const char *name, const char *args_json, ss_buf *out, ss_buf *err);

uint32_t storesubmit_tokens_new(uint64_t *out, ss_buf *err);

/* a workflow or a ZIP job on the core's executor (storesubmit::host::Session); host_json is
 * {"files", "output", "keep": {"send", "token", "write"}, "userAgent", "connectTimeout"} */
uint32_t storesubmit_session_start(const char *options_json, const uint8_t *secret, size_t secret_len,
                                   const char *request_json, uint64_t tokens, const char *host_json, uint64_t *out,
                                   ss_buf *err);
/* {"progress": [...], "tasks": [...], "done": null | {"outcome"} | {"error"}} within timeout_ms */
uint32_t storesubmit_session_next(uint64_t session, uint32_t timeout_ms, ss_buf *out, ss_buf *err);
uint32_t storesubmit_session_take_body(uint64_t session, uint64_t task_id, ss_buf *out, ss_buf *err);
uint32_t storesubmit_session_complete(uint64_t session, const char *completion_json, const uint8_t *data,
                                      size_t data_len, ss_buf *err);
uint32_t storesubmit_session_cancel(uint64_t session, ss_buf *err);

/* a job the host steps with its own clock (storesubmit::wire::Run): every task is the host's */
uint32_t storesubmit_run_start(const char *options_json, const uint8_t *secret, size_t secret_len,
                               const char *request_json, uint64_t *out, ss_buf *err);
uint32_t storesubmit_run_step(uint64_t run, const char *event_json, const uint8_t *data, size_t data_len,
                              uint64_t now, double jitter, ss_buf *out, ss_buf *err);
uint32_t storesubmit_run_take_body(uint64_t run, uint64_t task_id, ss_buf *out, ss_buf *err);

uint32_t storesubmit_free(uint64_t handle, ss_buf *err);
uint32_t storesubmit_buf_free(uint8_t *ptr, size_t len);

#ifdef __cplusplus
}
#endif
#endif
