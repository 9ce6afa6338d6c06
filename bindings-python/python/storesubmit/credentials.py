"""Credentials: the built-in :class:`ClientSecretCredential` and the azure-identity protocol.

Any object with ``get_token(*scopes)`` returning something with ``.token`` and ``.expires_on`` (unix
seconds) is a credential: ``azure.identity`` credentials (managed identity, workload identity,
certificates, the Azure CLI) work as they are — sync ones with both clients, async ones
(``azure.identity.aio``) with :class:`storesubmit.aio.Client`. A run asks for one scope per API family and
keeps each token until shortly before it expires.

A :class:`ClientSecretCredential`'s tokens are requested by the core itself, so its secret goes straight
from the extension into the token request; it lives in the extension and never shows in ``repr()``,
``vars()``, pickles, logs or exceptions.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional, Protocol, Union, runtime_checkable

from . import _native

__all__ = ["AccessToken", "AccessTokenLike", "TokenCredential", "AsyncTokenCredential", "ClientSecretCredential"]


class AccessToken:
    """A token and its expiry (unix seconds), like ``azure.core.credentials.AccessToken``; ``repr()``
    hides the token; it unpacks as ``token, expires_on``."""

    __slots__ = ("token", "expires_on")

    def __init__(self, token: str, expires_on: int) -> None:
        #: The bearer token (a secret: never log it).
        self.token = token
        #: When it expires, unix seconds.
        self.expires_on = int(expires_on)

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
    """An Azure AD application's client credentials. ``authority`` is the token service root (default
    ``https://login.microsoftonline.com``; the emulator's ``token_url`` in tests); ``token_version`` picks
    the v2 (``scope=``, default) or v1 (``resource=``) endpoint."""

    def __init__(self, tenant_id: str, client_id: str, client_secret: str, *, authority: Optional[str] = None,
                 token_version: str = "v2") -> None:
        from ._errors import InvalidArgumentError

        for name, value in (("tenant_id", tenant_id), ("client_id", client_id), ("client_secret", client_secret)):
            if not isinstance(value, str) or not value.strip():
                raise InvalidArgumentError(f"ClientSecretCredential: `{name}` must be a non-empty str")
        if token_version not in ("v1", "v2"):
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

    def __repr__(self) -> str:
        return f"ClientSecretCredential(tenant_id={self.tenant_id!r}, client_id={self.client_id!r}, client_secret='<redacted>')"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("a ClientSecretCredential cannot be pickled (it holds a secret)")

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        """A new token for ``scopes[0]`` from the token service, so this credential works wherever an
        azure-identity one does (a client's runs request its tokens themselves). Raises
        ``AuthenticationError`` when the service refuses the credentials."""
        if len(scopes) != 1:
            from ._errors import InvalidArgumentError

            raise InvalidArgumentError("ClientSecretCredential.get_token takes exactly one scope")
        return AccessToken(*_native.fetch_token(self.tenant_id, self.client_id, self._secret, scopes[0],
                                                self.token_version, self.authority))
