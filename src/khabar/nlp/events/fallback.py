"""A recipient found further from the trigger when the syntax around it names none."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.geo.countries import CountryTable
from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention
from khabar.nlp.events.rewrites import HARMFUL_CONTENT
from khabar.nlp.events.roles import is_equipment, with_conjuncts
from khabar.nlp.events.triggers import sense_for_verb
from khabar.nlp.lexicon import TriggerLexicon
from khabar.nlp.words import WordSet

POSSESSIVE_PRONOUNS = WordSet("events", "possessive_pronouns")


FALLBACK_PREPS = WordSet("events", "fallback_preps")


#: Words whose 'to' introduces a source or a cause: "according to", "due to", "thanks to".
SOURCE_PREP_HEADS = WordSet("events", "source_prep_heads")


#: Nouns for a party's land: "the territory of X" is X's.
TERRITORY_NOUNS = WordSet("events", "territory_nouns")


#: How many levels below the trigger the fallback looks for a party.
FALLBACK_DEPTH = 3


def same_party(doc: Doc, r: ActorMention, actor: list[ActorMention]) -> bool:
    """'Syria … withdraw its troops': the actor's own forces are not the recipient."""
    if any(r is a or (r.name == a.name and r.kind != "NOMINAL") for a in actor):
        return True
    if any(
        r.country is not None
        and r.country == a.country
        and "COUNTRY" in {r.kind, a.kind}
        and r.sector == a.sector == "GOV"
        for a in actor
    ):
        return True  # "Government of X" acting on "X": the state on itself
    first = doc[r.start]
    return first.lower_ in POSSESSIVE_PRONOUNS and first.dep_ == "poss"


def country_modifier(tok: Token, countries: CountryTable | None) -> ActorMention | None:
    """'a Canadian ultimatum', 'Turkish proposals': a demonym or country naming a party."""
    if countries is None:
        return None
    for child in tok.lefts:
        if child.dep_ in {"amod", "compound", "nmod", "poss"}:
            c = countries.lookup_demonym(child.text) or countries.lookup_name(child.text)
            if c is not None:
                return ActorMention(
                    start=child.i,
                    end=child.i + 1,
                    head=child.i,
                    name=c.name,
                    kind="COUNTRY",
                    country=c.alpha3,
                    sector="GOV",
                    how=f"'{child.text}' modifying '{tok.text}'",
                    rule=rules.DEMONYM_MODIFIER,
                )
    return None


def fallback_recipient(
    trigger: Token,
    trig: list[int],
    actor: list[ActorMention],
    by_head: dict[int, ActorMention],
    countries: CountryTable | None,
    lex: TriggerLexicon | None = None,
) -> list[ActorMention]:
    """Where the syntax gives no object: 'demanded that X …', 'rejected an Australian
    ultimatum', 'an appeal from X', 'aid to Mozambique', 'withdraw troops from Lebanon'."""
    doc = trigger.doc

    def ok(found: list[ActorMention]) -> list[ActorMention]:
        return [m for m in found if not same_party(doc, m, actor) and not is_equipment(doc[m.head])]

    for child in trigger.children:  # "demanded that the government end curbs"
        if child.dep_ == "ccomp":
            inner = sense_for_verb(child, lex) if lex is not None and child.pos_ == "VERB" else None
            harmful = (inner is not None and inner[0].type in HARMFUL_CONTENT) or (
                lex is not None and child.lemma_.lower() in lex.suppressors
            )
            if harmful:
                # "warned that the army would crush any protest": the army is the speaker's
                # side; whoever it would act on is the recipient
                for grand in child.children:
                    if grand.dep_ in {"dobj", "obj"} and (
                        found := ok(with_conjuncts(grand, by_head))
                    ):
                        return found
                continue
            for grand in child.children:
                if grand.dep_ in {"nsubj", "nsubjpass"} and (
                    found := ok(with_conjuncts(grand, by_head))
                ):
                    return found
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "obj"} and c.i not in trig[:1]]
    for obj in objects:
        modifier = country_modifier(obj, countries)
        if modifier is not None and not same_party(doc, modifier, actor):
            return [modifier]
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in {
                "from",
                "by",
                "of",
                "to",
                "for",
                "against",
            }:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (found := ok(with_conjuncts(pobj, by_head))):
                        return found
    # A party named in a complement of the trigger's own phrase, down to the object of its
    # content ("pledged to keep sending medical supplies to Norland").
    frontier = [c for c in trigger.children if c.dep_ in {"dobj", "prep", "xcomp", "advcl"}]
    for depth in range(FALLBACK_DEPTH):
        nxt: list[Token] = []
        for node in frontier:
            if depth > 0 and node.dep_ == "dobj" and node.i not in trig and len(actor) < 2:
                # (two parties that agree to "exchange prisoners" act on each other: the
                # prisoners are what is exchanged, not a party)
                # the object of the content: "threatened to ban opposition candidates",
                # "refused to meet Peru's president"
                found = ok(with_conjuncts(node, by_head))
                if found:
                    return found
            content_of = depth > 0 and node.lower_ == "of" and node.head.dep_ == "dobj"
            # "advanced into the territory of X", "violated the airspace of X": X's land
            content_of = content_of or (
                depth > 0 and node.lower_ == "of" and node.head.lemma_.lower() in TERRITORY_NOUNS
            )
            if node.lower_ in SOURCE_PREP_HEADS:
                continue  # "according to X", "thanks to X": a source or cause, not a party
            if (
                node.dep_ == "prep"
                and (node.lower_ in FALLBACK_PREPS or content_of)
                and node.head.lower_ not in SOURCE_PREP_HEADS
            ):
                # "... to demand the resignation of President X"
                for pobj in node.children:
                    if pobj.dep_ == "pobj":
                        found = ok(with_conjuncts(pobj, by_head))
                        if found and (
                            found[0].kind in {"COUNTRY", "ORG", "GROUP", "PERSON"}
                            or (found[0].kind == "NOMINAL" and found[0].sector is not None)
                        ):
                            return found
            nxt.extend(c for c in node.children if c.dep_ in {"prep", "pobj", "dobj", "xcomp"})
        frontier = nxt
    return []


def visit_host(
    trigger: Token, actor: list[ActorMention], by_head: dict[int, ActorMention]
) -> list[ActorMention]:
    """'visited Tehran', 'arrived in Amman on a visit', 'a visit to Kabul': the host of a visit
    is the place visited (its government, as the actor stage resolves a capital or country)."""
    nodes = [trigger]
    if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep":
        nodes.append(trigger.head.head)  # "arrived ... on a visit"
    for node in nodes:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in {"to", "in"}:
                for pobj in child.children:
                    found = [m for m in with_conjuncts(pobj, by_head) if m not in actor]
                    if pobj.dep_ == "pobj" and found and pobj.ent_type_ in {"GPE", "LOC"}:
                        return found
    return []
