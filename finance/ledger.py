"""The keyed hash chain of each WKSBM's journal (tamper evidence anchored outside the DB).

Each entry's hash is HMAC-SHA256, with a key from the environment (never stored in the
database), over its canonical fields and the previous entry's hash. Someone who edits a row
with the triggers dropped cannot recompute a valid hash without the key; the chain head is
printed on each month's closing report, so rewriting the whole chain shows too.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timezone as dt_timezone

from django.conf import settings

AWAL = "0" * 64
FIELDS = [
    "wksbm_id",
    "nomor",
    "tanggal",
    "arah",
    "jenis",
    "sumber",
    "kegiatan",
    "dana_id",
    "kas_id",
    "jumlah",
    "uraian",
    "donatur_id",
    "mitra_id",
    "ppks_id",
    "penerima",
    "asnaf",
    "nomor_bukti",
    "nomor_kuitansi",
    "membatalkan_id",
    "pasangan_id",
    "alasan",
    "dicatat_oleh_id",
    "dicatat_pada",
    "hash_sebelum",
]
# Fields added after entries were first hashed: in the text only when set, so an entry
# hashed before a field existed keeps its hash.
FIELDS_KEMUDIAN = ["nomor_tanda_terima"]


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def canonical(entry) -> bytes:
    values = []
    for name in FIELDS:
        value = getattr(entry, name)
        if name == "jumlah":
            value = f"{value:.2f}"
        elif name == "dicatat_pada":
            value = (
                value.astimezone(dt_timezone.utc).replace(microsecond=0).isoformat()
                if value
                else ""
            )
        values.append(_escape(_text(value)))
    values += [f"{name}={_escape(v)}" for name in FIELDS_KEMUDIAN if (v := getattr(entry, name))]
    return "|".join(values).encode()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def tanda(entry) -> str:
    return hmac.new(settings.LEDGER_KEY.encode(), canonical(entry), hashlib.sha256).hexdigest()


@dataclass
class HasilPeriksa:
    jumlah_entri: int
    rusak: object | None  # the first entry whose hash or link is wrong
    alasan: str = ""
    kepala: str = AWAL

    @property
    def utuh(self) -> bool:
        return self.rusak is None


def periksa(entries) -> HasilPeriksa:
    """Walk a WKSBM's entries in journal order and name the first broken one."""
    prev, count = AWAL, 0
    for entry in entries:
        count += 1
        if entry.hash_sebelum != prev:
            return HasilPeriksa(count, entry, "tautan ke entri sebelumnya putus", prev)
        if not hmac.compare_digest(entry.hash, tanda(entry)):
            return HasilPeriksa(count, entry, "isi entri tidak cocok dengan tandanya", prev)
        prev = entry.hash
    return HasilPeriksa(count, None, "", prev)
