"""A photo on an issued document (a chaperone's card, a licensed child): checked by what its
bytes are, then made fit to print.

A photo arrives as someone's upload, so it is checked like any evidence (by its content,
not its name) and then opened for real: a file that starts like a JPG but is not one is
refused here, with a message, rather than failing half way through drawing a PDF. What is
printed is a fresh JPEG: turned upright as the camera meant (EXIF orientation), flattened
onto white (a PNG's transparency), scaled to what a 45mm box needs, and without the
original's metadata (a phone photo's EXIF can hold where it was taken).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image, ImageOps, UnidentifiedImageError

from casework.documents import MAX_BYTES, content_type_of
from casework.issued.errors import PhotoError

ACCEPTED = {"image/jpeg": "JPEG", "image/png": "PNG"}
# A 48-megapixel phone photo is accepted; anything much larger would take hundreds of MB
# to decode in a web process.
MAX_PIXELS = 50_000_000
# Enough for a passport-sized box (45mm tall) at 300 dots per inch, with room to spare.
PRINT_PIXELS = (800, 1000)


def photo_problem(content: bytes) -> str | None:
    """Why these bytes cannot be printed as a photo, or None if they can."""
    try:
        _printable(content)
    except PhotoError as exc:
        return str(exc)
    return None


def _printable(content: bytes) -> bytes:
    if not content:
        raise PhotoError("The photo is empty")
    if len(content) > MAX_BYTES:
        raise PhotoError("The photo must be smaller than 10MB")
    content_type = content_type_of(content)
    if content_type not in ACCEPTED:
        raise PhotoError("The photo must be a JPG or PNG")
    try:
        with Image.open(io.BytesIO(content), formats=[ACCEPTED[content_type]]) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoError("The photo must be smaller than 50 megapixels")
            # A JPEG decodes at a fraction of its size when that is all we need.
            image.draft("RGB", PRINT_PIXELS)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except PhotoError:
        raise
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        # Pillow's ways of saying the bytes are not a whole image of the type they claim.
        raise PhotoError(
            "The photo must be a JPG or PNG that opens: this file is damaged"
        ) from None
    upright.thumbnail(PRINT_PIXELS)
    if upright.mode in ("RGBA", "LA", "P", "PA"):
        upright = upright.convert("RGBA")
        flat = Image.new("RGB", upright.size, "white")
        flat.paste(upright, mask=upright.getchannel("A"))
        upright = flat
    out = io.BytesIO()
    upright.convert("RGB").save(out, format="JPEG", quality=88)
    return out.getvalue()


@dataclass(frozen=True)
class Photo:
    """A photo and what it shows, in words, for people who cannot see it ("Photo of Zoë
    Łukasz-Nguyễn"). Refuses bytes that are not a JPG or PNG that opens (``PhotoError``)."""

    content: bytes = field(repr=False)
    description: str
    printable: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "printable", _printable(self.content))
