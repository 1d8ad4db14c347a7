"""Buku notulensi rapat: personas, form with daftar hadir and keputusan, open decisions on the
WKSBM dashboard, the register and each meeting's own notulen PDF."""

from datetime import date, time, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from registry.models import Keputusan, Peserta, Rapat
from tests import bookcheck

pytestmark = pytest.mark.django_db


def rapat(wksbm, n=1, *, peserta=2, keputusan=(), **kwargs) -> list[Rapat]:
    """`n` meetings, each with `peserta` attendees and the given decisions (dicts)."""
    rows = []
    for i in range(n):
        data = {
            "wksbm": wksbm,
            "jenis": Rapat.Jenis.PENGURUS,
            "judul": f"Rapat {i:03d}",
            "tanggal": date(2026, 3, i % 28 + 1),
            "jam_mulai": time(19, 30),
            "jam_selesai": time(21, 45),
            "tempat": "Balai Padukuhan Kuwaru",
            "pimpinan": "Suparno Hadi",
            "notulis": "Sri Lestari",
            "susunan_acara": "Pembukaan\nLaporan bendahara\nPenutup",
            "pembahasan": "Pendataan lansia telantar di Padukuhan Kuwaru.",
        }
        data.update(kwargs)
        obj = Rapat.objects.create(**data)
        for j in range(peserta):
            Peserta.objects.create(rapat=obj, nama=f"Peserta {i:03d}-{j}", unsur="Seksi")
        for k in keputusan:
            Keputusan.objects.create(rapat=obj, **k)
        rows.append(obj)
    return rows


def selesai_url(wksbm, rapat) -> str:
    return bookcheck.url("notulen", "keputusan-selesai", wksbm, rapat)


def isian(**overrides) -> dict:
    """A valid POST of the meeting form with two attendees and one decision."""
    data = {
        "jenis": "pengurus",
        "judul": "Persiapan penyaluran sembako",
        "tanggal": "2026-11-20",
        "jam_mulai": "19:30",
        "jam_selesai": "21:00",
        "tempat": "Rumah Ketua, Padukuhan Kuwaru",
        "pimpinan": "Suparno Hadi",
        "notulis": "Sri Lestari",
        "susunan_acara": "Pembukaan\nPembahasan\nPenutup",
        "pembahasan": "Daftar penerima disepakati 25 KK.",
        "rapat_berikutnya": "2026-12-18",
        "keterangan": "",
        "peserta-TOTAL_FORMS": "3",
        "peserta-INITIAL_FORMS": "0",
        "peserta-MIN_NUM_FORMS": "0",
        "peserta-MAX_NUM_FORMS": "1000",
        "peserta-0-nama": "Suparno Hadi",
        "peserta-0-unsur": "Ketua",
        "peserta-0-hadir": "on",
        "peserta-1-nama": "Mbah Karto",
        "peserta-1-unsur": "Tokoh masyarakat",
        "peserta-2-nama": "",
        "peserta-2-hadir": "on",  # an empty extra row: the browser sends the default tick
        "keputusan-TOTAL_FORMS": "2",
        "keputusan-INITIAL_FORMS": "0",
        "keputusan-MIN_NUM_FORMS": "0",
        "keputusan-MAX_NUM_FORMS": "1000",
        "keputusan-0-uraian": "Belanja beras 250 kg di Pasar Bantul",
        "keputusan-0-penanggung_jawab": "Bendahara",
        "keputusan-0-tenggat": "2026-11-27",
        "keputusan-1-uraian": "",
    }
    data.update(overrides)
    return data


def test_persona_buku_notulen(client, dunia):
    a = dunia.a.wksbm
    (obj,) = rapat(a, keputusan=[{"uraian": "Survei rumah Mbah Sastro"}])
    bookcheck.check_personas(client, dunia, "notulen", obj)
    client.force_login(dunia.lurah_a)
    detail = client.get(bookcheck.url("notulen", "detail", a, obj)).content.decode()
    assert "Survei rumah Mbah Sastro" in detail and "Tandai selesai" not in detail

    cetak = bookcheck.url("notulen", "cetak", a, obj)
    for user, status in [
        (dunia.pengurus_a, 200),
        (dunia.lurah_a, 200),
        (dunia.dinsos, 200),
        (dunia.pengurus_b, 404),
    ]:
        assert bookcheck.status_of(client, user, "get", cetak) == status, user
    client.logout()
    assert client.get(cetak)["Location"].startswith("/masuk/")

    k = obj.keputusan.get()
    selesai = selesai_url(a, obj)
    for user, status in [(dunia.lurah_a, 403), (dunia.dinsos, 403), (dunia.pengurus_b, 404)]:
        client.force_login(user)
        assert client.post(selesai, {"keputusan": k.pk}).status_code == status, user
    client.logout()
    assert client.post(selesai, {"keputusan": k.pk})["Location"].startswith("/masuk/")
    assert bookcheck.status_of(client, dunia.pengurus_a, "get", selesai) == 405
    k.refresh_from_db()
    assert not k.selesai  # nobody above could change it


def test_pengurus_mencatat_notulen_dengan_daftar_hadir_dan_keputusan(client, dunia):
    a = dunia.a.wksbm
    client.force_login(dunia.pengurus_a)
    response = client.post(bookcheck.url("notulen", "create", a), isian())
    obj = Rapat.objects.get(judul="Persiapan penyaluran sembako")
    assert response.status_code == 302 and obj.wksbm == a
    assert [(p.nama, p.unsur, p.hadir) for p in obj.peserta.all()] == [
        ("Suparno Hadi", "Ketua", True),
        ("Mbah Karto", "Tokoh masyarakat", False),
    ]
    (k,) = obj.keputusan.all()
    assert (k.uraian, k.penanggung_jawab, k.tenggat, k.selesai) == (
        "Belanja beras 250 kg di Pasar Bantul",
        "Bendahara",
        date(2026, 11, 27),
        False,
    )

    # Edit: rename an attendee, delete the other, add a decision already done.
    p0, p1 = obj.peserta.all()
    data = isian(
        **{
            "peserta-TOTAL_FORMS": "2",
            "peserta-INITIAL_FORMS": "2",
            "peserta-0-id": str(p0.pk),
            "peserta-0-nama": "Suparno Hadi, S.Pd.",
            "peserta-1-id": str(p1.pk),
            "peserta-1-DELETE": "on",
            "keputusan-TOTAL_FORMS": "2",
            "keputusan-INITIAL_FORMS": "1",
            "keputusan-0-id": str(k.pk),
            "keputusan-1-uraian": "Undangan rapat dikirim",
            "keputusan-1-selesai": "on",
            "keputusan-1-tanggal_selesai": "2026-11-21",
        }
    )
    response = client.post(bookcheck.url("notulen", "edit", a, obj), data)
    assert response.status_code == 302
    assert list(obj.peserta.values_list("nama", flat=True)) == ["Suparno Hadi, S.Pd."]
    assert obj.keputusan.filter(selesai=True, tanggal_selesai=date(2026, 11, 21)).count() == 1

    html = client.get(bookcheck.url("notulen", "detail", a, obj)).content.decode()
    assert "Suparno Hadi → Suparno Hadi, S.Pd." in html  # the attendee row's history
    assert "dihapus · Peserta (daftar hadir): Mbah Karto" in html  # deletions are shown too
    assert "Selesai 21 November 2026" in html
    assert "Jumat, 20 November 2026" in html and "19.30 – 21.00 WIB" in html
    form = client.get(bookcheck.url("notulen", "edit", a, obj)).content.decode()
    assert 'value="19:30"' in form and 'value="21:00"' in form  # what <input type=time> reads


def test_jam_selesai_sebelum_jam_mulai_ditolak_dengan_nilai_tetap(client, dunia):
    client.force_login(dunia.pengurus_a)
    data = isian(jam_mulai="20:00", jam_selesai="19:15")
    response = client.post(bookcheck.url("notulen", "create", dunia.a.wksbm), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Jam selesai harus setelah jam mulai." in html
    assert 'value="19:15"' in html and 'value="20:00"' in html
    assert "Persiapan penyaluran sembako" in html and "Mbah Karto" in html
    assert "Belanja beras 250 kg di Pasar Bantul" in html
    assert not Rapat.objects.exists() and not Peserta.objects.exists()
    assert not Keputusan.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"keputusan-0-tenggat": "2026-11-01"}, "Tanggal tidak boleh sebelum tanggal rapat."),
        ({"peserta-1-nama": "suparno hadi "}, "Nama ini sudah ada di daftar hadir."),
        ({"keputusan-0-selesai": "on"}, "Isi tanggal selesai bila keputusan sudah selesai."),
        ({"rapat_berikutnya": "2026-11-20"}, "Rapat berikutnya harus setelah tanggal rapat ini."),
    ],
)
def test_aturan_notulen_menolak_isian_yang_tidak_masuk_akal(client, dunia, overrides, message):
    client.force_login(dunia.pengurus_a)
    response = client.post(bookcheck.url("notulen", "create", dunia.a.wksbm), isian(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Rapat.objects.exists() and not Keputusan.objects.exists()


def test_daftar_notulen_jumlah_kueri_tetap_dan_pencarian(
    client, dunia, django_assert_max_num_queries
):
    keputusan = [{"uraian": "Tindak lanjut"}, {"uraian": "Laporan"}]
    rapat(dunia.a.wksbm, 3, keputusan=keputusan)
    rapat(dunia.b.wksbm, 2, judul="Rapat WKSBM lain")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("notulen", "list", dunia.a.wksbm)
    sedikit = bookcheck.queries(client, target)
    rapat(dunia.a.wksbm, 57, peserta=5, keputusan=keputusan)
    # session, user, roles, WKSBM, count, page rows with their counts (+ test-client savepoints)
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert "Rapat WKSBM lain" not in html
    found = client.get(target, {"q": "Rapat 042"}).content.decode()
    assert "Rapat 042" in found and "Rapat 041" not in found


def test_rincian_dan_cetak_notulen_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    (kecil,) = rapat(dunia.a.wksbm, peserta=2, keputusan=[{"uraian": "Satu"}])
    (besar,) = rapat(dunia.a.wksbm, peserta=40, keputusan=[{"uraian": f"K{i}"} for i in range(15)])
    client.force_login(dunia.pengurus_a)
    for action in ("detail", "cetak"):
        sedikit = bookcheck.queries(client, bookcheck.url("notulen", action, dunia.a.wksbm, kecil))
        # session, user, roles, WKSBM, the meeting, attendees, decisions, row history
        # (detail) or kop, board and SK (print)
        with django_assert_max_num_queries(sedikit):
            client.get(bookcheck.url("notulen", action, dunia.a.wksbm, besar))


def test_excel_notulen_bertipe(client, dunia):
    rapat(dunia.a.wksbm, 2, peserta=3, keputusan=[{"uraian": "A"}, {"uraian": "B"}])
    Peserta.objects.create(rapat=Rapat.objects.first(), nama="Absen", hadir=False)
    rapat(dunia.a.wksbm, 1, tanggal=date(2025, 6, 1), judul="Rapat lama")
    client.force_login(dunia.pengurus_a)
    target = bookcheck.url("notulen", "xlsx", dunia.a.wksbm)
    sheet = bookcheck.xlsx_sheet(client.get(target, {"dari": "2026-01-01"}))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Buku Notulensi Rapat"
    assert rows[4][:5] == ("Hari/Tanggal", "Mulai", "Selesai", "Jenis rapat", "Judul/acara pokok")
    data = rows[5:]
    assert sorted(r[4] for r in data) == ["Rapat 000", "Rapat 001"]
    first = sheet.cell(row=6, column=1)  # oldest first, as on paper
    assert first.is_date and first.value.date() == date(2026, 3, 1)
    assert sheet.cell(row=6, column=2).value == time(19, 30)
    hadir = sorted(r[8] for r in data)
    assert hadir == [3, 3]  # the absent attendee is not counted
    assert all(r[9] == 2 and r[10] == 2 for r in data)


def test_pdf_buku_notulen_berkop_dan_bertanda_tangan(client, dunia):
    rapat(dunia.a.wksbm, 2)
    client.force_login(dunia.dinsos)
    text = bookcheck.pdf_text(client.get(bookcheck.url("notulen", "pdf", dunia.a.wksbm)))
    assert "Buku Notulensi Rapat" in text
    assert "WKSBM NGUDI RAHAYU" in text
    assert "Rapat 001" in text and "Kuwaru" in text  # cells wrap: "Balai Padukuhan\nKuwaru"
    ketua = dunia.a.kepengurusan.anggota.get(jabatan="ketua")
    sekretaris = dunia.a.kepengurusan.anggota.get(jabatan="sekretaris")
    assert ketua.nama in text and sekretaris.nama in text


def test_pdf_satu_rapat_memuat_hadir_keputusan_dan_tanda_tangan(client, dunia):
    (obj,) = rapat(
        dunia.a.wksbm,
        peserta=2,
        pimpinan="Drs. Suparno Hadi",
        notulis="Sri Lestari Wulandari",
        tanggal=date(2026, 11, 20),
        rapat_berikutnya=date(2026, 12, 18),
        keputusan=[
            {
                "uraian": "Belanja beras 250 kg",
                "penanggung_jawab": "Bu Tumini",
                "tenggat": date(2026, 11, 27),
            }
        ],
    )
    client.force_login(dunia.lurah_a)
    response = client.get(bookcheck.url("notulen", "cetak", dunia.a.wksbm, obj))
    assert (
        f"notulen-rapat_wksbm-ngudi-rahayu_2026-11-20_{obj.pk}.pdf"
        in response["Content-Disposition"]
    )
    text = bookcheck.pdf_text(response)
    assert "WKSBM NGUDI RAHAYU" in text and "Notulen Rapat Pengurus" in text
    assert "Jumat, 20 November 2026" in text and "19.30 – 21.45 WIB" in text
    assert "Peserta 000-0" in text and "Peserta 000-1" in text
    assert "Belanja beras 250 kg" in text and "Bu Tumini" in text and "27 November 2026" in text
    assert "Pembukaan" in text and "Pendataan lansia telantar" in text
    assert "Jumat, 18 Desember 2026" in text
    assert "Pimpinan rapat" in text and "Notulis" in text
    assert "Drs. Suparno Hadi" in text and "Sri Lestari Wulandari" in text
    assert "Halaman 1 dari" in text


def test_keputusan_terbuka_di_ringkasan_sampai_ditandai_selesai(client, dunia):
    hari_ini = timezone.localdate()
    a, b = dunia.a.wksbm, dunia.b.wksbm
    (obj,) = rapat(
        a,
        tanggal=hari_ini - timedelta(days=30),
        keputusan=[
            {
                "uraian": "Sosialisasi jimpitan",
                "penanggung_jawab": "Seksi humas",
                "tenggat": hari_ini - timedelta(days=3),
            },
            {"uraian": "Susun proposal CSR", "tenggat": hari_ini + timedelta(days=10)},
            {"uraian": "Sudah beres", "selesai": True, "tanggal_selesai": hari_ini},
        ],
    )
    rapat(b, keputusan=[{"uraian": "Keputusan WKSBM B"}])
    dashboard_a = reverse("registry:wksbm-detail", args=[a.pk])

    client.force_login(dunia.pengurus_a)
    html = client.get(dashboard_a).content.decode()
    assert "Sosialisasi jimpitan" in html and "Seksi humas" in html
    assert "Susun proposal CSR" in html
    assert html.count("Lewat tenggat") == 1  # only the overdue one is flagged
    assert "Sudah beres" not in html and "Keputusan WKSBM B" not in html
    assert html.index("Sosialisasi jimpitan") < html.index("Susun proposal CSR")

    client.force_login(dunia.pengurus_b)
    html_b = client.get(reverse("registry:wksbm-detail", args=[b.pk])).content.decode()
    assert "Keputusan WKSBM B" in html_b and "Sosialisasi jimpitan" not in html_b
    assert client.get(dashboard_a).status_code == 404

    k = obj.keputusan.get(uraian="Sosialisasi jimpitan")
    target = selesai_url(a, obj)
    client.force_login(dunia.pengurus_a)
    response = client.post(target, {"keputusan": k.pk, "kembali": "ringkasan"})
    assert response.status_code == 302 and response["Location"] == dashboard_a
    k.refresh_from_db()
    assert k.selesai and k.tanggal_selesai == hari_ini
    entry = LogEntry.objects.get_for_object(k).first()
    assert entry.actor == dunia.pengurus_a and entry.changes_dict["selesai"] == ["False", "True"]

    html = client.get(dashboard_a).content.decode()
    assert "“Sosialisasi jimpitan” ditandai selesai" in html  # the message
    daftar = html[html.index('id="judul-keputusan-terbuka"') :]
    assert "Sosialisasi jimpitan" not in daftar and "Susun proposal CSR" in daftar
    assert "Lewat tenggat" not in daftar

    again = client.post(target, {"keputusan": k.pk}, follow=True).content.decode()
    assert "sudah ditandai selesai" in again


def test_tandai_selesai_hanya_untuk_keputusan_rapat_itu(client, dunia):
    (obj_a,) = rapat(dunia.a.wksbm)
    (obj_b,) = rapat(dunia.b.wksbm, keputusan=[{"uraian": "Milik B"}])
    k_b = obj_b.keputusan.get()
    client.force_login(dunia.pengurus_a)
    target = selesai_url(dunia.a.wksbm, obj_a)
    assert client.post(target, {"keputusan": k_b.pk}).status_code == 404
    assert client.post(target, {"keputusan": "x"}).status_code == 404
    assert client.post(target).status_code == 404
    k_b.refresh_from_db()
    assert not k_b.selesai


def test_tanggal_selesai_tidak_boleh_sebelum_rapat_atau_masa_depan(client, dunia):
    (obj,) = rapat(dunia.a.wksbm, tanggal=date(2026, 3, 1), keputusan=[{"uraian": "X"}])
    k = obj.keputusan.get()
    client.force_login(dunia.pengurus_a)
    target = selesai_url(dunia.a.wksbm, obj)
    data = {"keputusan": k.pk, "tanggal": "2026-02-01"}
    html = client.post(target, data, follow=True).content.decode()
    assert "Tanggal selesai tidak boleh sebelum tanggal rapat." in html
    besok = timezone.localdate() + timedelta(days=1)
    data["tanggal"] = besok.isoformat()
    html = client.post(target, data, follow=True).content.decode()
    assert "tidak boleh di masa depan" in html
    k.refresh_from_db()
    assert not k.selesai


def test_ringkasan_jumlah_kueri_tidak_bergantung_pada_keputusan(
    client, dunia, django_assert_max_num_queries
):
    rapat(dunia.a.wksbm, keputusan=[{"uraian": "Satu"}])
    client.force_login(dunia.pengurus_a)
    target = reverse("registry:wksbm-detail", args=[dunia.a.wksbm.pk])
    sedikit = bookcheck.queries(client, target)
    rapat(dunia.a.wksbm, 5, keputusan=[{"uraian": f"K{i}"} for i in range(4)])
    # the dashboard's own queries + one for the open decisions with their meetings
    with django_assert_max_num_queries(sedikit):
        html = client.get(target).content.decode()
    assert html.count("Tandai selesai<span") == 20  # the nearest 20


def test_terbuka_untuk_urut_tenggat_terdekat_tanpa_tenggat_terakhir(dunia):
    (obj,) = rapat(
        dunia.a.wksbm,
        keputusan=[
            {"uraian": "tanpa tenggat"},
            {"uraian": "nanti", "tenggat": date(2026, 12, 30)},
            {"uraian": "segera", "tenggat": date(2026, 4, 1)},
            {"uraian": "beres", "selesai": True, "tanggal_selesai": date(2026, 3, 5)},
        ],
    )
    rapat(dunia.b.wksbm, keputusan=[{"uraian": "lain"}])
    urutan = [k.uraian for k in Keputusan.objects.terbuka_untuk(dunia.a.wksbm)]
    assert urutan == ["segera", "nanti", "tanpa tenggat"]


def test_penulisan_massal_ditolak_agar_riwayat_lengkap(dunia):
    from wksbm.books.audit import BulkWriteRefused

    rapat(dunia.a.wksbm, keputusan=[{"uraian": "X"}])
    with pytest.raises(BulkWriteRefused):
        Keputusan.objects.filter(selesai=False).update(selesai=True)
    with pytest.raises(BulkWriteRefused):
        Peserta.objects.all().delete()
    with pytest.raises(BulkWriteRefused):
        Rapat.objects.all().update(judul="X")


def test_data_contoh_notulen(dunia):
    from registry.contoh import notulen

    notulen.isi(dunia.a.wksbm, user=dunia.pengurus_a)
    rapat_a = Rapat.objects.filter(wksbm=dunia.a.wksbm)
    assert 6 <= rapat_a.count() <= 10
    assert all(r.tanggal.year == 2026 for r in rapat_a)
    assert Peserta.objects.filter(rapat__wksbm=dunia.a.wksbm).count() >= 5 * rapat_a.count()
    terbuka = list(Keputusan.objects.terbuka_untuk(dunia.a.wksbm))
    assert terbuka and any(k.terlambat() for k in terbuka)
    assert Keputusan.objects.milik(dunia.a.wksbm).filter(selesai=True).exists()

    notulen.isi(dunia.a.wksbm, user=dunia.pengurus_a)  # idempotent
    assert Rapat.objects.filter(wksbm=dunia.a.wksbm).count() == rapat_a.count()
