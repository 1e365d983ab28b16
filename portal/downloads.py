"""A file sent to be saved, not shown: the headers every download from the portal carries."""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import Response


def content_disposition(kind: str, filename: str) -> str:
    """``attachment`` (or ``inline``) with the file's name: an ASCII fallback for old
    clients, where anything else (quotes, backslashes, "ë") is "_", and the exact UTF-8
    name for the rest (RFC 6266 / RFC 5987)."""
    fallback = (
        "".join(
            ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in filename
        )
        or "document"
    )
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(content: bytes, filename: str, media_type: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": content_disposition("attachment", filename),
            # Opened from the download in a tab, it still runs nothing as the portal.
            "Content-Security-Policy": "sandbox; default-src 'none'",
        },
    )
