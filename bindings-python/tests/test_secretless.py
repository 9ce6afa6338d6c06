"""Signing in without a secret (issue 27): a client given ``connection=`` instead of a credential object
signs in by the core's token source of the resolved method — here a GitHub Actions job's ID token from the
emulator's issuer, given as a runner gives it (its environment) — and no secret shows in the client."""

import storesubmit
import storesubmit.emulator


def connection(emu: storesubmit.emulator.Emulator, **env: str) -> dict:
    return {
        "explicit": {"tenantId": emu.tenant_id, "clientId": emu.client_id, "devcenterUrl": emu.devcenter_url,
                     "tokenUrl": emu.token_url},
        "env": env,
    }


def test_a_client_signs_in_with_the_jobs_id_token() -> None:
    with storesubmit.emulator.start() as emu:
        client = storesubmit.Client(None, connection=connection(
            emu, ACTIONS_ID_TOKEN_REQUEST_URL=emu.oidc_request_url, ACTIONS_ID_TOKEN_REQUEST_TOKEN=emu.oidc_request_token))
        app = client.devcenter.get_app(emu.app_id)
        assert app["id"] == emu.app_id
        assert emu.oidc_request_token not in repr(client)


def test_a_wrong_subject_is_an_authentication_error_naming_it() -> None:
    import json
    import urllib.request

    with storesubmit.emulator.start() as emu:
        patch = urllib.request.Request(f"{emu.admin_url}/settings", method="PATCH",
                                       data=json.dumps({"oidc": {"github_subject": "repo:someone/else"}}).encode())
        urllib.request.urlopen(patch).read()
        client = storesubmit.Client(None, connection=connection(
            emu, ACTIONS_ID_TOKEN_REQUEST_URL=emu.oidc_request_url, ACTIONS_ID_TOKEN_REQUEST_TOKEN=emu.oidc_request_token))
        try:
            client.devcenter.get_app(emu.app_id)
        except storesubmit.AuthenticationError as e:
            assert "AADSTS70021" in str(e) and "The subject does not match" in str(e)
        else:
            raise AssertionError("the sign-in was refused")
