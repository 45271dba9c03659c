"""Offline geography: country facts, the gazetteer index, toponym resolution."""

from khabar.geo.countries import Country, CountryTable, load_countries

__all__ = ["Country", "CountryTable", "load_countries"]
