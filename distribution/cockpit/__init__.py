"""The Dinas Sosial cockpit (issue 10 §2): an area's figures for any period, drilled down to
one WKSBM's submitted laporan, its downloads, and the reports inbox. Its place on the home
page comes in through wksbm.panels (registered at start-up by distribution's AppConfig)."""

from wksbm import panels


def panel_beranda(request, wksbm=None, obj=None):
    """The way into the cockpit, on the home page of the Dinas Sosial (and the admin)."""
    from registry.access import akses

    a = akses(request.user)
    if not (a.admin or a.kabupaten or a.provinsi):
        return None
    return panels.Panel("distribution/_cockpit_beranda.html")


panels.add("home", panel_beranda)
