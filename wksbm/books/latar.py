"""The books' background exports: the producers wksbm.ekspor runs for a book's PDF and Excel.

The worker rebuilds the request the user made (their filters, as the requesting user, the
tenant checked again) and makes the same file the view would have made; a big PDF renders
in parallel chunks (wksbm.ekspor.pdf).
"""

from wksbm.ekspor import jobs as ekspor
from wksbm.ekspor.pdf import render_chunked

from .core import all_books
from .views import _file_name, _filtered, _tenant, pdf_context, print_rows, xlsx_file


def _replay(job):
    """The book, tenant, filtered rows and widgets of the job's request, as its requester."""
    book = next(b for b in all_books() if b.slug == job.sumber)
    request = ekspor.permintaan(job)
    tenant = _tenant(request, job.tenant_id, book)
    qs, widgets = _filtered(request, book, tenant)
    return request, book, tenant, qs, widgets


@ekspor.producer("buku-pdf")
def buku_pdf(job, progress) -> ekspor.Hasil:
    _, book, tenant, qs, widgets = _replay(job)
    progress(0, qs.count())
    pdf = render_chunked(
        book.print_template,
        pdf_context(book, tenant, qs, widgets, user=job.user),
        print_rows(book, qs),
        progress=progress,
    )
    return ekspor.Hasil(pdf, _file_name(book, tenant, widgets["periode"], "pdf"))


@ekspor.producer("buku-xlsx")
def buku_xlsx(job, progress) -> ekspor.Hasil:
    request, book, tenant, qs, widgets = _replay(job)
    total = qs.count()
    progress(0, total)
    out = xlsx_file(request, book, tenant, qs, widgets)
    progress(total)
    return ekspor.Hasil(out, _file_name(book, tenant, widgets["periode"], "xlsx"))
