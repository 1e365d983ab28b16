"""A stand-in passport photo (a head-and-shoulders silhouette), drawn rather than stored,
for sample applications, demo approvals and tests: never a real person's face."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw


def silhouette(colour: tuple[int, int, int] = (96, 110, 120)) -> bytes:
    """A 350 × 450 JPEG, the shape of a UK passport photo."""
    image = Image.new("RGB", (350, 450), (236, 238, 240))
    draw = ImageDraw.Draw(image)
    draw.ellipse((115, 80, 235, 230), fill=colour)  # head
    draw.ellipse((55, 250, 295, 520), fill=colour)  # shoulders
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()
