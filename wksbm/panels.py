"""Sections an app adds to another app's page without the page's app importing it.

The registry's PPKS page and WKSBM dashboard know nothing of distribution; distribution hands
its sections in at start-up:

    panels.add("ppks-detail", bantuan_ppks)   # (request, wksbm, obj) -> Panel | None

and the page renders them with `{% panels "ppks-detail" wksbm obj %}`. A panel's function runs
its own (constant number of) queries and returns None when it has nothing to show.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


PanelFunction = Callable[..., Panel | None]

_places: dict[str, list[PanelFunction]] = {}


def add(place: str, function: PanelFunction) -> None:
    functions = _places.setdefault(place, [])
    if function not in functions:
        functions.append(function)


def for_place(place: str, request, wksbm, obj=None) -> list[Panel]:
    shown = (function(request, wksbm, obj) for function in _places.get(place, ()))
    return [panel for panel in shown if panel is not None]
