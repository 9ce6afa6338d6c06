"""Secrets never show: credentials, tokens, requests, responses, exceptions, logs."""

from __future__ import annotations

import logging
import pickle
from typing import Any

import pytest

import storesubmit

SECRET = "s3cr3t-Value+/="


def test_credential_and_secret_reprs() -> None:
    cred = storesubmit.ClientSecretCredential("tenant", "client", SECRET)
    for text in (repr(cred), str(cred), repr(vars(cred)), repr(cred._secret), str(cred._secret), repr(storesubmit.Client(cred))):
        assert SECRET not in text
    assert "<redacted>" in repr(cred)
    with pytest.raises(TypeError):
        pickle.dumps(cred)
    with pytest.raises(TypeError):
        pickle.dumps(cred._secret)
    token = storesubmit.AccessToken("eyJ.secret.token", 123)
    assert "eyJ" not in repr(token) and "eyJ" not in str(token)
    assert tuple(token) == ("eyJ.secret.token", 123)


def test_request_and_response_reprs_redact() -> None:
    req = storesubmit.build_request(
        "token.v2", {"tenantId": "t", "clientId": "c", "clientSecret": SECRET, "scope": "https://api.store.microsoft.com/.default"})
    assert SECRET.split("+")[0] not in repr(req) and SECRET.split("+")[0] not in str(req)
    authed = storesubmit.Request("GET", "https://x.blob.core.windows.net/c/b?sv=2021-12-02&sig=SIGSECRET",
                                 [("Authorization", "Bearer tok-SECRET")])
    for text in (repr(authed), str(authed)):
        assert "SIGSECRET" not in text and "tok-SECRET" not in text
    resp = storesubmit.Response(200, [("Content-Type", "application/json")], b'{"access_token": "tok-SECRET", "expires_in": 3600}')
    assert "tok-SECRET" not in repr(resp)
    assert "SIGSECRET" not in storesubmit.redact("see https://a/b?sig=SIGSECRET&x=1")


def test_exceptions_redact_server_echoes() -> None:
    body = ('{"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided: '
            f'client_secret={SECRET}"}}').encode()
    with pytest.raises(storesubmit.AuthenticationError) as info:
        storesubmit.parse_response(storesubmit.Response(401, None, body))
    e = info.value
    for text in (str(e), repr(e), e.message, repr(e.server_errors)):
        assert SECRET not in text


def test_auth_failure_with_secret_in_logs_and_exception(emu: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="storesubmit")
    bad = storesubmit.ClientSecretCredential(emu.tenant_id, emu.client_id, SECRET, authority=emu.token_url)
    client = emu.client(bad)
    with pytest.raises(storesubmit.AuthenticationError) as info:
        client.devcenter.list_apps()
    text = "\n".join(r.getMessage() for r in caplog.records) + str(info.value) + repr(info.value) + repr(client)
    assert SECRET not in text and SECRET.split("+")[0] not in text
    good = emu.client()
    good.devcenter.list_apps()
    assert emu.info["client_secret"] not in "\n".join(r.getMessage() for r in caplog.records)
