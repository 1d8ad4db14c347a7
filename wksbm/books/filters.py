"""Base FilterSet of the books: knows the WKSBM (to limit choices) and uses Bootstrap widgets."""

import django_filters
from django import forms


class BookFilterSet(django_filters.FilterSet):
    def __init__(self, data=None, queryset=None, *, wksbm=None, **kwargs):
        self.wksbm = wksbm
        super().__init__(data, queryset=queryset, **kwargs)
        for field in self.form.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if select else "form-control")
            if hasattr(field, "empty_label") and select:
                field.empty_label = "Semua"
