"""Attachment checks: size, real type (by content, not by name) and metadata stripping.

Accepted: JPEG, PNG and WebP images, re-encoded by Pillow so EXIF (GPS position, camera serial, time),
XMP, ICC and text chunks are dropped; and plain UTF-8 text. Anything else is refused: we cannot strip
metadata from PDFs or office files reliably, and they can carry active content.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from senim.tips import conf

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes


def _clean_image(raw: bytes) -> tuple[str, bytes] | None:
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            fmt = probe.format or ""
            if fmt not in IMAGE_FORMATS:
                return None
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The picture is too large."))
            probe.verify()
        with Image.open(io.BytesIO(raw)) as opened:
            image = ImageOps.exif_transpose(opened)  # keep the picture upright once the orientation tag goes
            # Copy pixels only into a fresh image: no info dict, no EXIF, no ICC profile, no text chunks.
            mode = image.mode if image.mode in ("RGB", "RGBA", "L", "LA") else ("RGBA" if "A" in image.mode else "RGB")
            pixels = image.convert(mode)
            clean = Image.new(mode, pixels.size)
            clean.paste(pixels)
            out = io.BytesIO()
            if fmt == "JPEG":
                clean.convert("RGB").save(out, format="JPEG", quality=88)
            else:
                clean.save(out, format=fmt)
            return IMAGE_FORMATS[fmt], out.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        return None


def _is_text(raw: bytes) -> bool:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch.isprintable() or ch in "\r\n\t" for ch in text)


def clean_upload(name: str, raw: bytes) -> CleanFile:
    if len(raw) > conf.get("SENIM_TIPS_ATTACHMENT_MAX_BYTES"):
        raise ValidationError(_("A file is too large."))
    if not raw:
        raise ValidationError(_("A file is empty."))
    # Only the extension of the name survives: the rest can identify the reporter ("IMG_2026_Aigerim.jpg").
    image = _clean_image(raw)
    if image is not None:
        content_type, data = image
        extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}[content_type]
        return CleanFile(name=f"attachment.{extension}", content_type=content_type, data=data)
    if _is_text(raw):
        return CleanFile(name="attachment.txt", content_type="text/plain", data=raw)
    raise ValidationError(_("Only photos (JPEG, PNG, WebP) and plain text files can be attached."))
