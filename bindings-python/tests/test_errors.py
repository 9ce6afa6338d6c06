"""The error catalogue: every core code has its exception class, and errors carry what the core knows."""

from __future__ import annotations

import pickle

import pytest

import storesubmit
from storesubmit import _errors


def test_mapping_covers_every_code() -> None:
    codes = storesubmit.all_error_codes()
    assert len(codes) >= 25
    seen = set()
    for c in codes:
        cls = storesubmit.error_class_for(c["code"])
        assert cls is not storesubmit.StoreSubmitError, f"no exception class for {c['code']}"
        assert cls.code == c["code"]
        assert cls.number == c["number"] > 0
        assert issubclass(cls, storesubmit.StoreSubmitError)
        assert cls.__doc__, cls
        assert cls.__name__ in storesubmit.__all__
        assert getattr(storesubmit, cls.__name__) is cls
        seen.add(cls)
    assert len(seen) == len(codes), "two codes share a class"
    # ...and no class maps a code the core does not have.
    assert set(_errors._CLASSES) == {c["code"] for c in codes}


def test_unknown_code_falls_back_to_the_base_class() -> None:
    e = _errors._from_info({"code": "brand_new", "message": "m", "status": None, "retryable": False})
    assert type(e) is storesubmit.StoreSubmitError and e.code == "brand_new"


def test_an_error_names_its_request_and_keeps_its_resume_token() -> None:
    info = {"code": "cancelled", "number": 24, "message": "stopped", "retryable": False, "correlationId": "c-1",
            "request": {"op": "devcenter.commit_app_submission", "method": "POST", "url": "https://x/commit"},
            "resumeToken": "{}", "serverErrors": [], "issues": []}
    e = _errors._from_info(info)
    assert isinstance(e, storesubmit.OperationCancelledError) and e.resume_token == "{}"
    assert str(e) == "cancelled: stopped (POST https://x/commit; correlation id c-1)"
    copy = pickle.loads(pickle.dumps(e))
    assert (type(copy), copy.request, copy.resume_token, copy.info) == (type(e), e.request, "{}", e.info)
    assert e.info["correlation_id"] == "c-1" and storesubmit.summary(error=e.info)["markdown"]


def test_http_error_carries_status_correlation_and_server_items() -> None:
    body = b'{"code":"InvalidState","message":"A pending submission exists","target":"applicationSubmission"}'
    resp = storesubmit.Response(409, [("X-Correlation-ID", "corr-1")], body)
    with pytest.raises(storesubmit.ConflictError) as info:
        storesubmit.parse_response(resp)
    e = info.value
    assert (e.code, e.status, e.retryable, e.correlation_id) == ("conflict", 409, False, "corr-1")
    assert e.server_errors == [{"code": "InvalidState", "message": "A pending submission exists", "target": "applicationSubmission"}]
    assert "corr-1" in str(e)
    copy = pickle.loads(pickle.dumps(e))
    assert type(copy) is storesubmit.ConflictError and copy.correlation_id == "corr-1" and copy.status == 409


def test_rate_limit_is_retryable_with_retry_after() -> None:
    with pytest.raises(storesubmit.RateLimitedError) as info:
        storesubmit.parse_response(storesubmit.Response(429, {"Retry-After": "7"}, ""))
    assert info.value.retryable and info.value.retry_after == 7.0


def test_win32_envelope_failure_raises_with_op_id() -> None:
    body = b'{"isSuccess": false, "errors": [{"code": "badrequest", "message": "no"}]}'
    ok = storesubmit.parse_response(storesubmit.Response(200, None, body))
    assert ok["isSuccess"] is False
    with pytest.raises(storesubmit.BadRequestError):
        storesubmit.parse_response(storesubmit.Response(200, None, body), "win32.get_packages")


def test_invalid_argument_names_the_argument() -> None:
    with pytest.raises(storesubmit.InvalidArgumentError, match="applicationId") as info:
        storesubmit.build_request("devcenter.get_app", {})
    assert isinstance(info.value, ValueError)
    with pytest.raises(storesubmit.InvalidArgumentError, match="unknown operation"):
        storesubmit.build_request("devcenter.nope")


def test_validation_error_has_issues() -> None:
    with pytest.raises(storesubmit.ValidationError) as info:
        storesubmit.preflight("app-submission", {"changes": {"visibility": "Sometimes"}})
    assert info.value.issues and all("code" in i and "path" in i for i in info.value.issues)
