"""Country facts (names, ISO codes, demonyms, capitals) from PyPI data packages.

Data: ``pycountry`` (ISO 3166, LGPL-2.1 package, ISO data) and ``countryinfo`` (MIT).
Built in memory on first use (about 0.1 s); nothing is downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

#: Everyday names that ISO's official lists lack (facts, written by the khabar project).
_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "ARE": ("UAE", "U.A.E.", "United Arab Emirates", "Emirates"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "RUS": ("Russia", "Russian Federation", "Soviet Union", "USSR"),
    "IRN": ("Iran",),
    "SYR": ("Syria",),
    "KOR": ("South Korea",),
    "PRK": ("North Korea", "DPRK", "D.P.R.K."),
    "VNM": ("Vietnam",),
    "LAO": ("Laos",),
    "BOL": ("Bolivia",),
    "VEN": ("Venezuela",),
    "TZA": ("Tanzania",),
    "MDA": ("Moldova",),
    "CZE": ("Czech Republic", "Czechia"),
    "TWN": ("Taiwan",),
    "PSE": ("Palestine", "Palestinian territories", "West Bank", "Gaza", "Gaza Strip"),
    "COD": ("DR Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "DRC"),
    "COG": ("Republic of the Congo", "Congo-Brazzaville"),
    "CIV": ("Ivory Coast", "Cote d'Ivoire"),
    "MMR": ("Myanmar", "Burma"),
    "TUR": ("Turkey", "Turkiye", "Türkiye"),
    "MKD": ("Macedonia", "North Macedonia"),
    "SWZ": ("Swaziland", "Eswatini"),
    "TLS": ("East Timor", "Timor-Leste"),
    "CPV": ("Cape Verde", "Cabo Verde"),
    "VAT": ("Vatican", "Vatican City", "Holy See"),
    "CHN": ("China", "PRC", "P.R.C.", "People's Republic of China", "Mainland China"),
    "UKR": ("Ukraine",),
    "AFG": ("Afghanistan",),
    "TJK": ("Tajikistan",),
}

#: Plural and alternative demonyms (facts; the data packages give one singular form).
_EXTRA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "TJK": ("Tajik", "Tajiks", "Tajikistani"),
    "AFG": ("Afghan", "Afghans", "Afghani"),
    "USA": ("American", "Americans", "US", "U.S."),
    "GBR": ("British", "Briton", "Britons", "English", "Scottish", "Welsh"),
    "RUS": ("Russian", "Russians"),
    "CHN": ("Chinese",),
    "UZB": ("Uzbek", "Uzbeks"),
    "TKM": ("Turkmen",),
    "PAK": ("Pakistani", "Pakistanis"),
    "IRN": ("Iranian", "Iranians", "Persian"),
    "ISR": ("Israeli", "Israelis"),
    "PSE": ("Palestinian", "Palestinians"),
    "UKR": ("Ukrainian", "Ukrainians"),
    "FRA": ("French",),
    "DEU": ("German", "Germans"),
    "NLD": ("Dutch",),
    "JPN": ("Japanese",),
    "KOR": ("South Korean", "South Koreans", "Korean", "Koreans"),
    "PHL": ("Filipino", "Filipinos", "Philippine"),
    "IND": ("Indian", "Indians"),
    "SAU": ("Saudi", "Saudis"),
    "EGY": ("Egyptian", "Egyptians"),
    "MEX": ("Mexican", "Mexicans"),
    "CAN": ("Canadian", "Canadians"),
    "PRK": ("North Korean", "North Koreans"),
    "TUR": ("Turkish", "Turk", "Turks"),
    "SYR": ("Syrian", "Syrians"),
    "IRQ": ("Iraqi", "Iraqis"),
    "SRB": ("Serb", "Serbs", "Serbian", "Serbians"),
    "KAZ": ("Kazakh", "Kazakhs", "Kazakhstani"),
    "HRV": ("Croat", "Croats", "Croatian"),
    "BIH": ("Bosnian", "Bosnians", "Bosniak", "Bosniaks"),
    "KGZ": ("Kyrgyz",),
}


def fold(text: str) -> str:
    """Accent- and case-insensitive key: 'Bāzārak' -> 'bazarak'."""
    if text.isascii():
        return text.casefold().strip()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


class Country(BaseModel):
    model_config = ConfigDict(frozen=True)

    alpha3: str
    alpha2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    lat: float | None
    lon: float | None
    population: int | None


class CountryTable(BaseModel):
    """All countries, with folded-name lookups for names and demonyms."""

    model_config = ConfigDict(frozen=True)

    countries: dict[str, Country]
    by_name: dict[str, str]
    by_demonym: dict[str, str]

    def lookup_name(self, text: str) -> Country | None:
        code = self.by_name.get(fold(_strip_article(text)))
        return self.countries.get(code) if code else None

    def lookup_demonym(self, text: str) -> Country | None:
        code = self.by_demonym.get(fold(text))
        return self.countries.get(code) if code else None

    def get(self, alpha3: str) -> Country | None:
        return self.countries.get(alpha3)


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _plural(demonym: str) -> list[str]:
    if demonym.endswith(("ese", "ish", "ch", "ss")) or demonym.endswith("i"):
        return [demonym]
    return [demonym, demonym + "s"]


@lru_cache(maxsize=1)
def load_countries() -> CountryTable:
    import pycountry
    from countryinfo import CountryInfo

    info_by_a3: dict[str, dict[str, object]] = {}
    for item in CountryInfo.all().values():
        iso = item.get("ISO") or {}
        a3 = iso.get("alpha3") if isinstance(iso, dict) else None
        if isinstance(a3, str):
            info_by_a3[a3] = dict(item)

    countries: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    for rec in pycountry.countries:
        a3 = rec.alpha_3
        info = info_by_a3.get(a3, {})
        names = {
            rec.name,
            getattr(rec, "common_name", rec.name),
            getattr(rec, "official_name", rec.name),
        }
        alt_spellings = info.get("altSpellings")
        for alt in alt_spellings if isinstance(alt_spellings, list) else []:
            if isinstance(alt, str) and len(alt) > 3:
                names.add(alt)
        if isinstance(info.get("name"), str):
            names.add(str(info["name"]))
        names.update(_EXTRA_ALIASES.get(a3, ()))
        demonyms: set[str] = set()
        dem = info.get("demonym")
        for part in re.split(r"[,/]", dem) if isinstance(dem, str) else []:
            if part.strip():  # "Bosnian,Herzegovinian", "Serbian/Montenegrin"
                demonyms.update(_plural(part.strip()))
        demonyms.update(_EXTRA_DEMONYMS.get(a3, ()))
        raw_latlng = info.get("latlng")
        latlng: list[float | None] = (
            [float(x) for x in raw_latlng[:2]]
            if isinstance(raw_latlng, list) and len(raw_latlng) >= 2
            else [None, None]
        )
        pop = info.get("population")
        capital = info.get("capital")
        country = Country(
            alpha3=a3,
            alpha2=rec.alpha_2,
            name=getattr(rec, "common_name", None) or rec.name,
            aliases=tuple(sorted(names)),
            demonyms=tuple(sorted(demonyms)),
            capital=capital if isinstance(capital, str) else None,
            lat=latlng[0],
            lon=latlng[1],
            population=int(pop) if isinstance(pop, int) else None,
        )
        countries[a3] = country
        for name in names:
            by_name.setdefault(fold(name), a3)
        for d in demonyms:
            by_demonym.setdefault(fold(d), a3)
    # Curated aliases win over package alt spellings that collide (e.g. 'Congo').
    for a3, extra in _EXTRA_ALIASES.items():
        for name in extra:
            by_name[fold(name)] = a3
    # Likewise curated demonyms: 'American' is the USA's, not American Samoa's.
    for a3, extra in _EXTRA_DEMONYMS.items():
        for name in extra:
            by_demonym[fold(name)] = a3
    return CountryTable(countries=countries, by_name=by_name, by_demonym=by_demonym)
