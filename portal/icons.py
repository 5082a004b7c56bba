"""Bootstrap icons for pages that print hundreds of them (the dashboards' matrices):
Bootstrap-Flask's `render_icon` macro is rendered once per (icon, size) and its
markup reused, instead of a macro call and a `url_for` per cell."""

from __future__ import annotations

from flask import current_app, get_template_attribute
from markupsafe import Markup


def icon(name: str, size: str = "1em") -> Markup:
    """The same markup as `render_icon(name, size=size)`."""
    rendered = current_app.extensions.setdefault("portal_icons", {})
    key = (name, size)
    if key not in rendered:
        render_icon = get_template_attribute("base/utils.html", "render_icon")
        rendered[key] = Markup(render_icon(name, size=size))
    return rendered[key]
