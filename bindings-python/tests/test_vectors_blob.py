"""The shared blob vectors (``tests/vectors/blob``, format in its README) through the installed package:
checksums, block ids, the block blob requests, block lists, SAS URLs and blob errors, the same cases the
Rust suite runs. Failure messages show URLs redacted only (the vectors' ``sig`` values are fake, but are
treated as secrets)."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest

import storesubmit
from storesubmit import _native

from _vectors import check_error, load_cases, response_of

ALL = load_cases("blob")


def _file(name: str) -> List[Tuple[str, Dict[str, Any]]]:
    cases = [(n, c) for n, c in ALL if n.startswith(name + ":")]
    assert cases, name
    return cases


def _data(case: Dict[str, Any]) -> bytes:
    one = bytes.fromhex(case["dataHex"]) if "dataHex" in case else str(case.get("data", "")).encode()
    return one * int(case.get("repeat", 1))


def _ids(cases: List[Tuple[str, Dict[str, Any]]]) -> List[str]:
    return [n for n, _ in cases]


CHECKSUMS = _file("checksums.json")
BLOCK_IDS = _file("block-ids.json")
REQUESTS = _file("requests.json")
BLOCK_LISTS = _file("block-lists.json")
SAS = _file("sas.json")
ERRORS = _file("errors.json")


@pytest.mark.parametrize("name,case", CHECKSUMS, ids=_ids(CHECKSUMS))
def test_checksums(name: str, case: Dict[str, Any]) -> None:
    data, exp = _data(case), case["expect"]
    assert len(data) == exp["length"]
    assert _native.blob_crc64(data) == int(exp["crc64"], 16)
    for version, header in exp["checksumHeader"].items():
        assert list(_native.blob_checksum_header(version, data)) == header, version


@pytest.mark.parametrize("name,case", BLOCK_IDS, ids=_ids(BLOCK_IDS))
def test_block_ids(name: str, case: Dict[str, Any]) -> None:
    block_id = _native.blob_block_id(case["index"], int(case["crc64"], 16))
    assert block_id == case["expect"]["id"] and len(block_id) == 32


@pytest.mark.parametrize("name,case", REQUESTS, ids=_ids(REQUESTS))
def test_requests(name: str, case: Dict[str, Any]) -> None:
    req = _native.blob_request(case["request"], case["url"], case["version"], block_id=case.get("blockId"),
                               data=_data(case), ids=case.get("ids"), content_type=case.get("contentType"))
    exp = case["expect"]
    assert req.method == exp["method"]
    assert _native.redact_url(req.url) == exp["url"]
    assert {k.lower(): v for k, v in req.headers} == {k.lower(): v for k, v in exp["headers"].items()}
    assert len(req.headers) == len(exp["headers"])
    assert req.body.decode() == exp["body"]


@pytest.mark.parametrize("name,case", BLOCK_LISTS, ids=_ids(BLOCK_LISTS))
def test_block_lists(name: str, case: Dict[str, Any]) -> None:
    resp, exp = response_of(case["response"]), case["expect"]
    if "error" in exp:
        with pytest.raises(storesubmit.StoreSubmitError) as info:
            _native.blob_parse_block_list(resp)
        check_error(info.value, exp)
        return
    assert _native.blob_parse_block_list(resp) == {"committed": exp["committed"], "uncommitted": exp["uncommitted"]}


@pytest.mark.parametrize("name,case", SAS, ids=_ids(SAS))
def test_sas_urls(name: str, case: Dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(storesubmit.StoreSubmitError) as info:
            _native.blob_sas_info(case["url"])
        assert info.value.code == case["error"]
        return
    info_ = _native.blob_sas_info(case["url"])
    exp = case["expect"]
    got = {k: info_[k] for k in ("base", "expiry_unix", "version", "permissions", "has_signature", "request_version", "redacted")}
    assert got == {"base": exp["base"], "expiry_unix": exp["expiryUnix"], "version": exp["version"],
                   "permissions": exp["permissions"], "has_signature": exp["hasSignature"],
                   "request_version": exp["requestVersion"], "redacted": exp["redacted"]}
    # compared without printing: the query holds the (fake) signature
    assert info_["sent_query"] == exp["sentQuery"], "the query as sent differs from sentQuery"
    for check in case["checkWrite"]:
        if check["expect"] == "ok":
            _native.blob_sas_check_write(case["url"], check["now"])
        else:
            with pytest.raises(storesubmit.StoreSubmitError) as err:
                _native.blob_sas_check_write(case["url"], check["now"])
            assert err.value.code == check["expect"], check["now"]
            assert isinstance(err.value, storesubmit.error_class_for(check["expect"]))


@pytest.mark.parametrize("name,case", ERRORS, ids=_ids(ERRORS))
def test_blob_errors(name: str, case: Dict[str, Any]) -> None:
    resp = response_of(case["response"])
    with pytest.raises(storesubmit.StoreSubmitError) as info:
        if "sasUrl" in case:
            _native.blob_sas_error(case["sasUrl"], resp, case["now"])
        else:
            _native.check_blob_response(resp)
    check_error(info.value, case["expect"])
