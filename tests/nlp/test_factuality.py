"""Negation, modality and attribution cues on hand-built dependency trees."""

from __future__ import annotations

from khabar.nlp.factuality import attribution_of, modality_cue, negation_cue
from tests.nlp.handmade import make_doc


def test_negation_on_the_trigger() -> None:
    # Police did not arrest the protesters
    doc = make_doc(
        [
            ("Police", 3, "nsubj", "NOUN", "police"),
            ("did", 3, "aux", "AUX", "do"),
            ("not", 3, "neg", "PART", "not"),
            ("arrest", 3, "ROOT", "VERB", "arrest"),
            ("the", 5, "det", "DET", "the"),
            ("protesters", 3, "dobj", "NOUN", "protester"),
        ]
    )
    assert negation_cue(doc[3]) == "not"


def test_has_yet_to_negates_the_complement() -> None:
    # Saleh has yet to request help
    doc = make_doc(
        [
            ("Saleh", 1, "nsubj", "PROPN", "Saleh"),
            ("has", 1, "ROOT", "VERB", "have"),
            ("yet", 1, "advmod", "ADV", "yet"),
            ("to", 4, "aux", "PART", "to"),
            ("request", 1, "xcomp", "VERB", "request"),
            ("help", 4, "dobj", "NOUN", "help"),
        ]
    )
    assert negation_cue(doc[4]) == "yet to"


def test_negation_inside_a_promise_does_not_negate_the_promise() -> None:
    # They promised not to leave them
    doc = make_doc(
        [
            ("They", 1, "nsubj", "PRON", "they"),
            ("promised", 1, "ROOT", "VERB", "promise"),
            ("not", 4, "neg", "PART", "not"),
            ("to", 4, "aux", "PART", "to"),
            ("leave", 1, "xcomp", "VERB", "leave"),
            ("them", 4, "dobj", "PRON", "they"),
        ]
    )
    assert negation_cue(doc[1]) is None
    assert negation_cue(doc[4]) == "not"


def test_refused_to_negates_its_complement() -> None:
    # The army refused to withdraw
    doc = make_doc(
        [
            ("The", 1, "det", "DET", "the"),
            ("army", 2, "nsubj", "NOUN", "army"),
            ("refused", 2, "ROOT", "VERB", "refuse"),
            ("to", 4, "aux", "PART", "to"),
            ("withdraw", 2, "xcomp", "VERB", "withdraw"),
        ]
    )
    assert negation_cue(doc[4]) == "refused"


def test_modal_conditional_future_and_hedge() -> None:
    # Troops may attack
    may = make_doc(
        [
            ("Troops", 2, "nsubj", "NOUN", "troop"),
            ("may", 2, "aux", "AUX", "may"),
            ("attack", 2, "ROOT", "VERB", "attack"),
        ]
    )
    assert modality_cue(may[2]) == ("hypothetical", "may")
    # Troops will attack
    will = make_doc(
        [
            ("Troops", 2, "nsubj", "NOUN", "troop"),
            ("will", 2, "aux", "AUX", "will"),
            ("attack", 2, "ROOT", "VERB", "attack"),
        ]
    )
    assert modality_cue(will[2]) == ("future", "will")
    # Probably troops will attack
    hedge = make_doc(
        [
            ("Probably", 3, "advmod", "ADV", "probably"),
            ("troops", 3, "nsubj", "NOUN", "troop"),
            ("will", 3, "aux", "AUX", "will"),
            ("attack", 3, "ROOT", "VERB", "attack"),
        ]
    )
    assert modality_cue(hedge[3]) == ("hypothetical", "Probably")
    # Rebels retreat if the army attacks
    cond = make_doc(
        [
            ("Rebels", 1, "nsubj", "NOUN", "rebel"),
            ("retreat", 1, "ROOT", "VERB", "retreat"),
            ("if", 5, "mark", "SCONJ", "if"),
            ("the", 4, "det", "DET", "the"),
            ("army", 5, "nsubj", "NOUN", "army"),
            ("attacks", 1, "advcl", "VERB", "attack"),
        ]
    )
    assert modality_cue(cond[5])[0] == "hypothetical"  # type: ignore[index]
    # the consequent of a condition is no fact either: "(if the army attacks) rebels retreat"
    assert modality_cue(cond[1]) == ("hypothetical", "if")
    # a clause without a condition stays unmarked
    plain = make_doc(
        [
            ("Rebels", 1, "nsubj", "NOUN", "rebel"),
            ("retreat", 1, "ROOT", "VERB", "retreat"),
        ]
    )
    assert modality_cue(plain[1]) is None


def test_attribution_to_an_unnamed_source() -> None:
    # Some outlets state that troops massed
    doc = make_doc(
        [
            ("Some", 1, "det", "DET", "some"),
            ("outlets", 2, "nsubj", "NOUN", "outlet"),
            ("state", 2, "ROOT", "VERB", "state"),
            ("that", 5, "mark", "SCONJ", "that"),
            ("troops", 5, "nsubj", "NOUN", "troop"),
            ("massed", 2, "ccomp", "VERB", "mass"),
        ]
    )
    found = attribution_of(doc[:], doc[5])
    assert found is not None
    start, end, kind = found
    assert doc.text[start:end] == "Some outlets"
    assert kind == "unnamed"


def test_a_conjunct_shares_the_modal_of_its_first_verb() -> None:
    # The plan would close the port and ban exports
    doc = make_doc(
        [
            ("The", 1, "det", "DET", "the"),
            ("plan", 3, "nsubj", "NOUN", "plan"),
            ("would", 3, "aux", "AUX", "would"),
            ("close", 3, "ROOT", "VERB", "close"),
            ("the", 5, "det", "DET", "the"),
            ("port", 3, "dobj", "NOUN", "port"),
            ("and", 3, "cc", "CCONJ", "and"),
            ("ban", 3, "conj", "VERB", "ban"),
            ("exports", 7, "dobj", "NOUN", "export"),
        ]
    )
    assert modality_cue(doc[7]) == ("hypothetical", "would")
    # a conjunct with its own subject is a clause of its own: "… and police banned exports"
    own = make_doc(
        [
            ("Rebels", 2, "nsubj", "NOUN", "rebel"),
            ("would", 2, "aux", "AUX", "would"),
            ("close", 2, "ROOT", "VERB", "close"),
            ("the", 4, "det", "DET", "the"),
            ("port", 2, "dobj", "NOUN", "port"),
            ("and", 2, "cc", "CCONJ", "and"),
            ("police", 7, "nsubj", "NOUN", "police"),
            ("banned", 2, "conj", "VERB", "ban"),
            ("exports", 7, "dobj", "NOUN", "export"),
        ]
    )
    assert modality_cue(own[7]) is None


def test_an_opinion_is_no_report() -> None:
    # I think the army attacked the village
    doc = make_doc(
        [
            ("I", 1, "nsubj", "PRON", "I"),
            ("think", 1, "ROOT", "VERB", "think"),
            ("the", 3, "det", "DET", "the"),
            ("army", 4, "nsubj", "NOUN", "army"),
            ("attacked", 1, "ccomp", "VERB", "attack"),
            ("the", 6, "det", "DET", "the"),
            ("village", 4, "dobj", "NOUN", "village"),
        ]
    )
    assert modality_cue(doc[4]) == ("hypothetical", "think")
