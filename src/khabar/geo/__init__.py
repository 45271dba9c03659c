"""Offline geography: country facts, the gazetteer index, toponym resolution.

``index`` (the SQLite gazetteer built from PyPI data by ``merge``), ``names`` (names for an
entity ruler), ``resolve`` (the ``Geocoder``, with ``context`` and ``calibrate``), ``distance``
(the one haversine). Importing does no I/O: open or build the index explicitly.
"""

from khabar.geo.countries import Country, CountryTable, load_countries
from khabar.geo.index import GazetteerEntry, GazetteerIndex, build_index, load_default_index
from khabar.geo.names import GazetteerName, ruler_names
from khabar.geo.resolve import Geocoder

__all__ = [
    "Country",
    "CountryTable",
    "GazetteerEntry",
    "GazetteerIndex",
    "GazetteerName",
    "Geocoder",
    "build_index",
    "load_countries",
    "load_default_index",
    "ruler_names",
]
