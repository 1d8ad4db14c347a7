"""`{% panels "place" wksbm obj %}`: the sections other apps add to this page (wksbm.panels)."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from wksbm import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, place: str, wksbm, obj=None) -> str:
    """Each panel renders with the page's own context (e.g. `boleh_ubah`) plus its own."""
    html = []
    for panel in registry.for_place(place, context.get("request"), wksbm, obj):
        with context.push(wksbm=wksbm, obj=obj, **panel.context):
            html.append(get_template(panel.template).template.render(context))
    return mark_safe("".join(html))
