"""Gazetteer names for a case-sensitive entity ruler: places and demonyms safe to match.

``ruler_names`` returns the names of countries (with their aliases), continents, first-level
divisions, counties named with their kind word ("McLean County"), and cities above a
population threshold, plus demonyms ("Afghan", "Tajiks"),
leaving out names that are also everyday English words or common personal names ("Of",
"Mobile", "Reading", "Florence", "Jackson"): a ruler placed before ``ner`` would otherwise
turn them into places wherever they are capitalised.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

from khabar.geo.countries import load_countries
from khabar.geo.index import GazetteerIndex
from khabar.geo.sources import load_words


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


#: Everyday English words (capitalised at a sentence start or in titles) that are also the
#: names of places in the gazetteer. Written by the khabar project.
COMMON_WORDS = _words(
    """
    a an the of on in at by to for from and or but not no yes is be as it its this that
    these those he she we they you i me my our your his her their who what when where why
    how all any each every some many much more most other such only own same so than too
    very can will just should now new old big little long great good best bad high low first
    last next early late young free fair fine grand royal union unity liberty independence
    freedom peace hope harmony victory progress providence concord justice friendship mobile
    buffalo reading bath nice split sale march may june july august april january october
    sunday monday friday christmas easter hull deal diss wells battle rugby eagle phoenix
    orange lincoln normal plain plains hazard energy commerce industry enterprise
    opportunity surprise paradise promise chance welcome goodwill success comfort ida bell
    bowl cash cave center centre city county court cross crown dale delta eden field fields
    ford forest fort gap garden gate glen globe grove hale harbor harbour haven heath hill
    hills hollow home hope island junction key lake land lane lee lodge manor marsh meadow
    mill mills mission mount mountain nelson oak ocean park peak pine pines plaza point pond
    port post prairie ridge river rock rose royal sandy shore spring springs square star
    station stone summit sun temple terrace tower town trail union vale valley view village
    vista wall water well west east north south central middle upper lower inner outer
    golden silver gold iron steel coal salt sugar cotton cedar maple orchard man men women
    police army navy court parliament congress senate government ministry republic kingdom
    empire state states nation nations national international world global university
    college school church hospital airport bank market office house white black red green
    blue brown gray grey pink rich poor strong hot cold dry wet mean worth college bar bay
    beach bend bluff bridge brook camp canyon cape castle chapel cliff colony corner cove
    creek crossing end falls farm ferry fork gardens green heights hope lakes landing lick
    mound mouth neck notch pass pike pleasant point prospect rapids rest run shoals side
    sound spur stream swamp switch tank trace turn walk way wood woods also after before
    under over between against during without within across along about above below behind
    beyond near since until upon while because although however among despite official
    president minister general said says told according reports
    """
)

#: Common personal names that are also places ("Jackson", "Florence", "Austin"): left out
#: of the ruler (the resolver still resolves them when the model tags them as places).
PERSON_NAMES = _words(
    """
    jackson florence austin charlotte victoria eugene marion madison franklin clinton
    washington jefferson lincoln hamilton harrison wilson taylor johnson james george john
    paul mary elizabeth alexander arthur albert allen anderson bailey baker barry bennett
    brandon brooks bryan burke campbell carter chase clark clay cleveland cole cooper craig
    curtis dayton dean douglas drake duncan elliott ellis emerson evans ferguson fisher
    fletcher ford foster fox frank fraser gardner gordon graham grant gray greene griffin
    hall harper harris hayes henderson henry hill howard hudson hughes hunt irving kelly
    kennedy kent kimberley lawrence lewis logan lucas mackenzie marshall martin mason
    maxwell miller mitchell monroe moore morgan morris murphy murray nash newton norman owen
    palmer parker patterson perry peterson phillips pierce porter powell preston price
    quincy ray reed reid riley roberts robinson rogers ross russell ryan sanford scott
    shelby sherman simpson spencer stanley stewart sullivan tucker tyler vernon wallace
    walker warren watson wayne webster wesley wheeler whitney williams willis wright young
    adrian ashley beatrice caroline chloe claire diana dorothy edith eleanor ella emily emma
    eva grace hannah helen irene isabel jane jasmine jennifer julia june kate laura lily
    linda lucy margaret maria marie martha melissa michelle monica nancy natalie olivia
    pamela patricia rachel rebecca rita rosa ruth sarah sophia stella susan teresa valentine
    vera veronica violet wendy zoe abraham adam alan alfred andrew anthony benjamin bernard
    carl charles christopher daniel david dennis donald edward eric felix francis fred
    frederick gabriel gerald harold harvey herbert isaac jacob jerome joseph joshua julian
    justin keith kevin leo leon leonard louis luke mark matthew michael nathan neil nicholas
    oliver oscar patrick peter philip ralph raymond richard robert roger samuel simon
    stephen steven theodore thomas timothy victor vincent walter william
    """
)

#: Short names kept despite their length (abbreviations used as place names in news).
SHORT_NAMES = frozenset({"US", "U.S.", "UK", "U.K.", "UAE", "USA", "U.S.A.", "DRC", "EU"})


#: The last word of a county's name as news writes it whole ("McLean County").
COUNTY_WORDS = frozenset({"County", "Parish", "Borough"})


class GazetteerName(BaseModel):
    """One name for the entity ruler; ``text`` is matched case-sensitively, token by token."""

    model_config = ConfigDict(frozen=True)

    text: str
    label: Literal["PLACE", "DEMONYM"]
    kind: str
    country: str | None = None


_RANK = {
    "country": 0,
    "continent": 1,
    "region": 1,
    "admin1": 2,
    "demonym": 3,
    "city": 4,
    "admin2": 5,
}


def _ascii(text: str) -> str:
    """'Bāzārak' -> 'Bazarak' (keeps case, unlike ``fold``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_safe_name(text: str, kind: str) -> bool:
    """Whether a ruler may tag ``text`` (capitalised, as written) as a place of this kind."""
    t = text.strip()
    if t in SHORT_NAMES:
        return True
    if len(t) < 3 or not t[0].isupper() or (t.isupper() and len(t) < 4):
        return False
    if any(ch.isdigit() for ch in t) or any(ch in t for ch in '()[]/,;:!?"&'):
        return False
    words = t.split()
    if len(words) > 5:
        return False
    low = _ascii(t).lower()
    if low in COMMON_WORDS:
        return False
    # Person names collide with places; countries and provinces are worth the risk
    # ("Jordan", "Georgia", "Victoria"), towns are not.
    return not (low in PERSON_NAMES and kind not in ("country", "admin1", "continent", "region"))


def ruler_names(index: GazetteerIndex, min_population: int = 15_000) -> list[GazetteerName]:
    """Safe place names and demonyms from ``index``, one per distinct text (most prominent)."""
    best: dict[str, tuple[int, int, GazetteerName]] = {}

    def add(text: str, label: Literal["PLACE", "DEMONYM"], kind: str, country: str | None,
            population: int) -> None:  # fmt: skip
        for form in {text, _ascii(text)}:
            form = form.strip()
            if not is_safe_name(form, kind):
                continue
            rank = (_RANK.get(kind, 9), -population)
            old = best.get(form)
            if old is None or rank < (old[0], old[1]):
                best[form] = (rank[0], rank[1], GazetteerName(
                    text=form, label=label, kind=kind, country=country
                ))  # fmt: skip

    for text, kind, country, pop in index.names_of(["country", "continent", "region", "admin1"]):
        add(text, "PLACE", kind, country, pop)
    for text, kind, country, pop in index.names_of(["city"], min_population=min_population):
        add(text, "PLACE", kind, country, pop)
    for text, kind, country, pop in index.names_of(["admin2"]):
        # "McLean County", "Orleans Parish": named with their kind word, counties are no
        # everyday word, and the whole name is the place ("McLean" alone is a town)
        if len(text.split()) > 1 and text.split()[-1] in COUNTY_WORDS:
            add(text, "PLACE", kind, country, pop)
    table = load_countries()
    for c in table.countries.values():
        for dem in c.demonyms:
            add(dem, "DEMONYM", "demonym", c.alpha3, c.population or 0)
    for dem in load_words().continent_demonyms:
        add(dem.title(), "DEMONYM", "demonym", None, 0)
    # A demonym beats a town of the same spelling ("Afghan"): demonyms rank before cities.
    return [v[2] for v in sorted(best.values(), key=lambda v: v[2].text)]
