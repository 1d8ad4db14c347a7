from wksbm import books

app_name = "distribution"

# The kegiatan and penyaluran books, with the round's own pages (distribution.buku.penyaluran).
urlpatterns = books.urlpatterns(app_name)
