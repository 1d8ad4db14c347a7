"""Serving stored files through views (never through a public media URL)."""

from django.http import FileResponse, Http404

from .uploads import content_type


def serve_file(field_file, *, download_name: str, inline: bool = True) -> FileResponse:
    """Stream a stored file; the caller has already applied the record's scoping."""
    if not field_file:
        raise Http404("Berkas tidak ada.")
    ext = field_file.name.rsplit(".", 1)[-1].lower()
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from exc
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=f"{download_name}.{ext}",
        content_type=content_type(field_file.name),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
