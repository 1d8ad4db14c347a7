"""Checks and storage names for uploaded files.

Files are judged by their content (Pillow / PDF signature), never by their extension, and
stored under generated names so a user-chosen name never reaches the file system or a URL.
"""

import uuid

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}


@deconstructible
class GeneratedPath:
    """upload_to callable: `<folder>/<uuid>.<ext from content>`."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if ext not in CONTENT_TYPES:
            ext = "bin"
        return f"{self.folder}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other):
        return isinstance(other, GeneratedPath) and other.folder == self.folder


def _image_ext(upload) -> str | None:
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return IMAGE_FORMATS.get(fmt)


def _is_pdf(upload) -> bool:
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    return head.lstrip().startswith(b"%PDF-")


def _check_size(upload, max_bytes: int) -> None:
    if upload.size > max_bytes:
        raise ValidationError(
            "Ukuran berkas %(ukuran)s melebihi batas %(batas)s.",
            code="terlalu_besar",
            params={"ukuran": _human(upload.size), "batas": _human(max_bytes)},
        )


def _human(size: int) -> str:
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".", ",")
    return f"{max(1, size // 1024)} KB"


def check_image(upload, *, max_bytes: int = MB):
    """Validate a PNG/JPEG image by content; rename it to the extension its content has."""
    _check_size(upload, max_bytes)
    ext = _image_ext(upload)
    if ext is None:
        raise ValidationError("Berkas bukan gambar PNG atau JPEG yang sah.", code="bukan_gambar")
    upload.name = f"gambar.{ext}"
    return upload


def check_document(upload, *, max_bytes: int = 5 * MB):
    """Validate a PDF, PNG or JPEG by content; rename it to the extension its content has."""
    _check_size(upload, max_bytes)
    ext = "pdf" if _is_pdf(upload) else _image_ext(upload)
    if ext is None:
        raise ValidationError(
            "Berkas harus berupa PDF, JPEG, atau PNG yang sah.", code="jenis_berkas"
        )
    upload.name = f"dokumen.{ext}"
    return upload


CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
