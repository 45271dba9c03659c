"""PLOVER coding conventions for speech acts about future actions.

- An actor's stated intent to cooperate ("will provide aid", "is willing to withdraw",
  "plans to visit") is an AGREE event; an intent to act against someone ("plans to impose
  restrictions", "will withdraw unless …") is a THREATEN event. Both are asserted: the
  statement happened, even if the action has not.
- "X said Y must/should do Z" is a REQUEST from X to Y.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp.annotations import ActorMention, EventCandidate, actors_of
from khabar.nlp.words import QuadTypes, WordMap, WordSet

COOPERATIVE = QuadTypes("verbal_cooperation", "material_cooperation", less={"AGREE"})
CONFLICTUAL = QuadTypes("verbal_conflict", "material_conflict", less={"REQUEST", "THREATEN"})
INTENT_AUX = WordSet("conventions", "intent_aux")
INTENT_HEADS = WordSet("conventions", "intent_heads")
OBLIGATION_AUX = WordSet("conventions", "obligation_aux")
REQUEST_MODES = WordMap("conventions", "request_modes")
SPEECH_NOUNS = WordSet("conventions", "speech_nouns")
REPORTING = WordSet("reporting", "conventions")


def _intent(trigger: Token) -> str | None:
    """'will', or the intent verb/adjective the trigger depends on ('plans to', 'willing to')."""
    if any(c.dep_ == "mark" and c.lower_ == "if" for c in trigger.children):
        return None
    reported = trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in REPORTING
    for child in trigger.children:
        if child.dep_ == "aux" and (
            child.lower_ in INTENT_AUX or (reported and child.lower_ in {"would", "'d"})
        ):
            return child.text  # in reported speech 'would' is the future seen from the past
    node = trigger
    for _ in range(2):
        if node.dep_ != "xcomp":
            return None
        head = node.head
        if head.lemma_.lower() in INTENT_HEADS:
            return head.text
        node = head
    return None


def _obliged(trigger: Token) -> bool:
    """'must agree', or a purpose below an obligation: 'must allocate resources to help'."""
    node = trigger
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in node.children):
            return True
        if node.dep_ not in {"xcomp", "advcl"} or node.head is node:
            return False
        node = node.head
    return False


def _condition(trigger: Token) -> bool:
    """An 'unless …' clause makes a stated intent a threat."""
    node = trigger
    for _ in range(3):
        for child in node.children:
            if child.dep_ == "advcl" and any(g.lower_ == "unless" for g in child.children):
                return True
        if node.head is node:
            break
        node = node.head
    return False


def _speaker(trigger: Token, by_head: dict[int, ActorMention]) -> tuple[Token, list[ActorMention]]:
    """The reporting verb or speech noun that the clause depends on, and who said it."""
    node = trigger
    for _ in range(4):
        head = node.head
        if head is node:
            break
        if node.dep_ in {"ccomp", "acl", "relcl"} and (
            head.lemma_.lower() in REPORTING or head.lemma_.lower() in SPEECH_NOUNS
        ):
            verb = head
            if head.pos_ == "NOUN":  # "issued a stern reminder to Iraq that …"
                verb = head.head
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i in by_head:
                    return head, [by_head[child.i]]
            return head, []
        node = head
    return trigger, []


#: Saying no to these is a rejection ("will not accept the result", "refused to recognise").
ACCEPTANCE = WordSet("conventions", "acceptance")


#: Verbs of belief and forecast: what they govern is someone's expectation.
PREDICTION_VERBS = WordSet("conventions", "prediction_verbs")


def _predicted_by_others(
    trigger: Token, actor: list[ActorMention], by_head: dict[int, ActorMention]
) -> bool:
    """'Experts believe (that) the militants will attack': the future act is a prediction by
    someone other than its actor, not the actor's stated intent."""
    node = trigger
    for _ in range(3):
        head = node.head
        if head is node:
            return False
        if node.dep_ == "ccomp" and head.lemma_.lower() in PREDICTION_VERBS:
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            own = {a.name for a in actor} | {a.country for a in actor if a.country}
            for subj in subjects:
                m = by_head.get(subj.i)
                if m is not None and (m.name in own or (m.country and m.country in own)):
                    return False  # "Iran expects that it will …": its own plan
            return True
        node = head
    return False


def _past_fact(trigger: Token, cue: str | None) -> bool:
    """'did not meet', 'has not accepted': a plain negated past, not a refusal ('will not
    accept', 'refused to meet', 'does not recognise')."""
    if cue in {"refused", "declined"}:
        return False
    for child in trigger.children:
        if child.dep_ == "aux" and (
            (child.lemma_.lower() == "do" and child.tag_ == "VBD") or child.lemma_.lower() == "have"
        ):
            return True
    return trigger.tag_ in {"VBD", "VBN"} and not any(c.dep_ == "aux" for c in trigger.children)


def apply_conventions(doc: Doc, events: list[EventCandidate]) -> None:
    by_head = {m.head: m for m in actors_of(doc)}
    for ev in events:
        trigger = doc[ev.trigger_tokens[0]]
        if (
            ev.factuality == "negated"
            and trigger.lemma_.lower() in ACCEPTANCE
            and ev.factuality_cue in {"not", "n't", "never", "refused", "declined"}
            and ev.actor
            and not _past_fact(trigger, ev.factuality_cue)
        ):
            ev.how += f"; '{ev.factuality_cue} {trigger.text}': a refusal (PLOVER REJECT)"
            ev.type, ev.mode = "REJECT", None
            ev.factuality, ev.factuality_cue = "asserted", None
            continue
        obliged = _obliged(trigger)
        if obliged and ev.factuality == "hypothetical" and ev.type not in {"REQUEST", "THREATEN"}:
            # "X said Y must agree to the changes" asks Y to agree: a REQUEST too.
            cue, speaker = _speaker(trigger, by_head)
            if speaker and all(s is not a for s in speaker for a in ev.actor):
                ev.how += f"; '{cue.text} … {ev.factuality_cue}': a demand that the actor act"
                ev.mode = REQUEST_MODES.get(ev.type, "change")
                ev.type = "REQUEST"
                ev.recipient, ev.actor = ev.actor, speaker
                ev.factuality, ev.factuality_cue = "asserted", None
                continue
        if ev.factuality not in {"future", "hypothetical"} or not ev.actor:
            continue
        if ev.factuality_cue and ev.factuality_cue.lower() == "if" and ev.attribution is None:
            continue  # "If the rebels advance, the army will attack": the writer's conjecture
        if ev.type in {"REQUEST", "AGREE", "THREATEN"}:
            continue
        cue_word = _intent(trigger)
        if cue_word is None and ev.factuality == "future" and "if" not in (ev.factuality_cue or ""):
            cue_word = (
                ev.factuality_cue
            )  # 'will' governing the trigger's phrase: "will provide … aid"
        if cue_word is None:
            continue
        if _predicted_by_others(trigger, ev.actor, by_head):
            continue  # "Experts believe the militants will attack": a prediction, not intent
        if _condition(trigger) or ev.type in CONFLICTUAL:
            new_type = "THREATEN"
        elif ev.type in COOPERATIVE:
            new_type = "AGREE"
        else:
            continue
        ev.how += f"; stated intent ('{cue_word}') to {ev.type}: a {new_type} (PLOVER)"
        ev.type, ev.mode = new_type, None
        ev.factuality, ev.factuality_cue = "asserted", None
