"""Read the geoparsing gold corpora: LGL / TR-News, GeoVirus and GeoWebNews XML (the format is
detected), into typed articles with their toponyms' offsets, coordinates and GeoNames ids."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

from pydantic import BaseModel, Field

from khabar.errors import EvaluationError


class GoldToponym(BaseModel):
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    type: str | None = Field(default=None, description="GeoWebNews toponym type")


class GoldArticle(BaseModel):
    id: str
    text: str
    toponyms: list[GoldToponym]
    source: str | None = Field(
        default=None, description="the publishing site's host (LGL's domain, the link's host)"
    )


def _text(el: ET.Element | None) -> str | None:
    return el.text if el is not None and el.text is not None else None


def _float(el: ET.Element | None) -> float | None:
    t = _text(el)
    try:
        return float(t) if t else None
    except ValueError:
        return None


def _align(text: str, start: int, end: int, name: str | None) -> tuple[int, int]:
    """Offsets that point at ``name``: GeoVirus counts from 1, the others from 0."""
    if not name or text[start:end] == name:
        return start, end
    for d in (-1, 1, -2, 2, -3, 3):
        if text[start + d : end + d] == name:
            return start + d, end + d
    return start, end


def _source(art: ET.Element) -> str | None:
    """The host of the site that published the article: LGL's ``domain``, GeoWebNews's
    ``link``, GeoVirus's ``source``."""
    domain = _text(art.find("domain"))
    if domain:
        return domain.strip().lower()
    url = _text(art.find("link")) or _text(art.find("source"))
    host = urlparse(url.strip()).hostname if url else None
    return host.lower() if host else None


def read_corpus(path: str | Path) -> list[GoldArticle]:
    """Read an LGL/TR-News, GeoVirus or GeoWebNews XML file (the format is detected)."""
    p = Path(path)
    try:
        root = ET.parse(p).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvaluationError(f"cannot read the corpus {p}: {exc}") from None
    articles: list[GoldArticle] = []
    for n, art in enumerate(root.iter("article")):
        text = _text(art.find("text")) or ""
        tops: list[GoldToponym] = []
        if art.find("toponyms") is not None:  # LGL / TR-News, or GeoWebNews
            for t in art.iter("toponym"):
                start, end = int(_text(t.find("start")) or 0), int(_text(t.find("end")) or 0)
                gaz = t.find("gaztag")
                if gaz is not None:  # LGL
                    gid = gaz.get("geonameid")
                    tops.append(
                        GoldToponym(
                            start=start,
                            end=end,
                            text=_text(t.find("phrase")) or text[start:end],
                            lat=_float(gaz.find("lat")),
                            lon=_float(gaz.find("lon")),
                            geonameid=int(gid) if gid and gid.isdigit() else None,
                        )
                    )
                else:  # GeoWebNews
                    gid = _text(t.find("geonamesID"))
                    tops.append(
                        GoldToponym(
                            start=start,
                            end=end,
                            text=_text(t.find("extractedName")) or text[start:end],
                            lat=_float(t.find("latitude")),
                            lon=_float(t.find("longitude")),
                            geonameid=int(gid) if gid and gid.isdigit() else None,
                            type=_text(t.find("type")),
                        )
                    )
        elif art.find("locations") is not None:  # GeoVirus
            for loc in art.iter("location"):
                start, end = int(_text(loc.find("start")) or 0), int(_text(loc.find("end")) or 0)
                tops.append(
                    GoldToponym(
                        start=start,
                        end=end,
                        text=_text(loc.find("name")) or text[start:end],
                        lat=_float(loc.find("lat")),
                        lon=_float(loc.find("lon")),
                    )
                )
        else:
            continue
        for top in tops:
            top.start, top.end = _align(text, top.start, top.end, top.text)
        # A few GeoWebNews spans point outside their text: unusable, dropped.
        tops = [top for top in tops if 0 <= top.start < top.end <= len(text)]
        doc_id = art.get("docid") or art.get("file") or str(n)
        articles.append(GoldArticle(id=doc_id, text=text, toponyms=tops, source=_source(art)))
    if not articles:
        raise EvaluationError(
            f"{p} holds no <article> with <toponyms> or <locations>: "
            "expected LGL, GeoVirus or GeoWebNews XML"
        )
    return articles
