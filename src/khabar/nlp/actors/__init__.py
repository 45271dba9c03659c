"""Actor mentions: find the noun phrases that name actors and resolve them.

Resolution order for a noun phrase: known actors (knowledge base) > person and organisation
names > countries (as governments) > common nouns with a sector ("the protesters") >
pronouns and titles, linked back to earlier mentions ("he" -> Amrullah Saleh).

- :mod:`.context`: the word classes and the ``ActorContext`` (lexicon, countries, capitals);
- :mod:`.names`: one noun phrase -> one mention (names, countries, sector nouns);
- :mod:`.mentions`: the pass over the Doc that finds every mention;
- :mod:`.references`: pronouns, titles, party plurals and 'the country' linked back;
- :mod:`.focus`: the country an article is about, for state actors named without one.
"""

from khabar.nlp.actors.context import ActorContext, known_actor
from khabar.nlp.actors.focus import dateline_country, focus_country
from khabar.nlp.actors.mentions import find_actor_mentions, find_framing, mention_for_head
from khabar.nlp.actors.names import np_span
from khabar.nlp.actors.references import link_references

__all__ = [
    "ActorContext",
    "dateline_country",
    "find_actor_mentions",
    "find_framing",
    "focus_country",
    "known_actor",
    "link_references",
    "mention_for_head",
    "np_span",
]
