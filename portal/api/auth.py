"""Bearer tokens for the JSON API: who is calling, and may they call this route.

Tokens are issued per client (``casework.accounts.create_api_client``) and stored only as
hashes. A missing or unknown token is 401 with ``WWW-Authenticate: Bearer``; a known token
without the route's scope is 403 (RFC 6750).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from casework import accounts, db
from casework.accounts import ApiPrincipal
from portal.api.errors import ApiError

REALM = "portal-api"
# Issued tokens are far shorter; anything longer is not worth a database look-up.
MAX_TOKEN_LENGTH = 512


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def _lookup(token: str) -> ApiPrincipal | None:
    with db.transaction() as session:
        return accounts.authenticate_api_token(session, token)


async def authorise(request: Request, scope: str) -> ApiPrincipal:
    """The calling client, if its token is valid and carries ``scope``; else ApiError."""
    token = bearer_token(request)
    if token is None:
        raise ApiError(
            401,
            "Send an API token in the Authorization header, like: Authorization: Bearer <token>",
            {"WWW-Authenticate": f'Bearer realm="{REALM}"'},
        )
    principal = None if len(token) > MAX_TOKEN_LENGTH else await run_in_threadpool(_lookup, token)
    if principal is None:
        raise ApiError(
            401,
            "The API token is not valid or has been revoked",
            {"WWW-Authenticate": f'Bearer realm="{REALM}", error="invalid_token"'},
        )
    if scope not in principal.scopes:
        raise ApiError(
            403,
            f"This API token does not have the {scope} scope",
            {
                "WWW-Authenticate": (
                    f'Bearer realm="{REALM}", error="insufficient_scope", scope="{scope}"'
                )
            },
        )
    return principal
