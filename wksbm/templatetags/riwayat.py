"""`{{ entry|perubahan }}`: a history entry's changes as labels and readable values."""

from django import template

from wksbm.books.audit import perubahan

register = template.Library()
register.filter("perubahan", perubahan)
