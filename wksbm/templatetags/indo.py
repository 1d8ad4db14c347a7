"""Template filters for Indonesian formats; loaded as a builtin in every template."""

from django import template

from wksbm import formatting

register = template.Library()

register.filter("rupiah", formatting.rupiah)
register.filter("terbilang", formatting.terbilang_rupiah)
register.filter("samarkan", formatting.samarkan)
register.filter("tanggal_jam", formatting.tanggal_jam)


@register.filter("tanggal")
def tanggal(value, hari=False):
    return formatting.tanggal(value, hari=bool(hari))


@register.filter("verbose_name_plural")
def verbose_name_plural(model) -> str:
    return model._meta.verbose_name_plural
