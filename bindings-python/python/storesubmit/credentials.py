"""Credentials: the built-in :class:`ClientSecretCredential` and the azure-identity protocol.

Any object with ``get_token(*scopes)`` returning something with ``.token`` and ``.expires_on`` (unix
seconds) is accepted as a credential — ``azure.identity`` credentials (managed identity, workload
identity, certificates, the Azure CLI) work as they are, sync ones with :class:`storesubmit.Client`,
sync or async ones with :class:`storesubmit.aio.Client`. The workflows ask for one scope per API family
(``<resource>/.default``, the resource the core's token requests name for devcenter, MSI/EXE or ingestion),
keep the token and ask again before it expires (the core's token cache).

:class:`ClientSecretCredential` is special-cased: the workflows fetch its tokens themselves (v1 or v2
token endpoint of the client's token service), so the secret goes straight from the extension into the
token request. Its secret lives in the extension (:class:`storesubmit._native.Secret`) and never shows in
``repr()``, ``str()``, ``vars()``, pickles, logs or exceptions.
"""

from __future__ import annotations

import time
from typing import Any, Dict, Iterator, Optional, Protocol, Tuple, Union, runtime_checkable

from . import _native

__all__ = ["AccessToken", "TokenCredential", "AsyncTokenCredential", "ClientSecretCredential", "AccessTokenLike"]


class AccessToken:
    """An access token and its expiry (unix seconds), like ``azure.core.credentials.AccessToken``.

    ``repr()`` and ``str()`` never show the token; it unpacks as ``token, expires_on``.
    """

    __slots__ = ("token", "expires_on")

    def __init__(self, token: str, expires_on: int) -> None:
        #: The bearer token (a secret: never log it).
        self.token: str = token
        #: When it expires, unix seconds.
        self.expires_on: int = int(expires_on)

    def __iter__(self) -> Iterator[Union[str, int]]:
        return iter((self.token, self.expires_on))

    def __repr__(self) -> str:
        return f"AccessToken(token='<redacted>', expires_on={self.expires_on})"

    __str__ = __repr__


@runtime_checkable
class AccessTokenLike(Protocol):
    """What ``get_token`` returns: anything with ``token`` and ``expires_on``."""

    @property
    def token(self) -> str:
        """The bearer token."""

    @property
    def expires_on(self) -> int:
        """Expiry, unix seconds."""


@runtime_checkable
class TokenCredential(Protocol):
    """The azure-identity credential protocol (sync)."""

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessTokenLike:
        """A token for the scopes (storesubmit asks for one scope at a time)."""


@runtime_checkable
class AsyncTokenCredential(Protocol):
    """The azure-identity credential protocol (``azure.identity.aio``)."""

    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessTokenLike:
        """A token for the scopes (storesubmit asks for one scope at a time)."""


class ClientSecretCredential:
    """An Azure AD application's client credentials (tenant id, client id, client secret).

    ``authority`` is the token service root (default ``https://login.microsoftonline.com``; the
    emulator's ``token_url`` in tests). ``token_version`` picks the v2 (``scope=``, default) or v1
    (``resource=``) endpoint. ``get_token`` makes it usable wherever an azure-identity credential is.
    """

    def __init__(
        self,
        tenant_id: str,
        client_id: str,
        client_secret: str,
        *,
        authority: Optional[str] = None,
        token_version: str = "v2",
    ) -> None:
        for name, value in (("tenant_id", tenant_id), ("client_id", client_id), ("client_secret", client_secret)):
            if not isinstance(value, str) or not value.strip():
                from ._errors import InvalidArgumentError

                raise InvalidArgumentError(f"ClientSecretCredential: `{name}` must be a non-empty str")
        if token_version not in ("v1", "v2"):
            from ._errors import InvalidArgumentError

            raise InvalidArgumentError('ClientSecretCredential: token_version must be "v1" or "v2"')
        #: Directory (tenant) id.
        self.tenant_id = tenant_id
        #: Application (client) id.
        self.client_id = client_id
        #: Token service root, or ``None`` for production (or the client's ``endpoints["token"]``).
        self.authority = authority.rstrip("/") if authority else None
        #: ``"v2"`` or ``"v1"``.
        self.token_version = token_version
        self._secret = _native.Secret(client_secret)
        self._transport: Any = None

    def __repr__(self) -> str:
        return (
            f"ClientSecretCredential(tenant_id={self.tenant_id!r}, client_id={self.client_id!r}, "
            f"client_secret='<redacted>')"
        )

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("a ClientSecretCredential cannot be pickled (it holds a secret)")

    def _token_request(self, scope: str, token_root: Optional[str]) -> "_native.Request":
        root = token_root or self.authority
        endpoints = {"token": root} if root else None
        args: Dict[str, Any] = {"tenantId": self.tenant_id, "clientId": self.client_id, "clientSecret": self._secret.expose()}
        if self.token_version == "v2":
            return _native.build_request("token.v2", dict(args, scope=scope), endpoints)
        resource = scope[: -len("/.default")] if scope.endswith("/.default") else scope
        return _native.build_request("token.v1", dict(args, resource=resource), endpoints)

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        """A new token for ``scopes[0]`` (one API family's ``<resource>/.default``) from the token service
        (the client's workflows fetch and keep this credential's tokens themselves). Raises
        ``AuthenticationError`` when the service refuses the credentials."""
        if len(scopes) != 1:
            from ._errors import InvalidArgumentError

            raise InvalidArgumentError("ClientSecretCredential.get_token takes exactly one scope")
        if self._transport is None:
            from .transport import BundledTransport

            self._transport = BundledTransport()
        now = int(time.time())
        response = self._transport.send(self._token_request(scopes[0], None))
        return AccessToken(*_native.parse_token_response(response, now))

    def _native_parts(self) -> Tuple[str, str, "_native.Secret"]:
        return self.tenant_id, self.client_id, self._secret
