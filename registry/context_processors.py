from .access import akses


def peran(request):
    """The user's roles for the top bar and menu (one query, cached on the user)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"akses": akses(user)}
