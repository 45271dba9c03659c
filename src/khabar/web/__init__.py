"""The browser UI of ``khabar serve``: server-rendered pages plus small plain-JS/SVG views.

Everything it needs ships in the package (templates, scripts, styles and the country
outlines of the offline base map); nothing is fetched from the network at run time.
"""

from khabar.web.pages import mount_ui

__all__ = ["mount_ui"]
