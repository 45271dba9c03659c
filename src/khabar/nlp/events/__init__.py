"""Event triggers from the dependency parse, and the actor/recipient around each trigger.

- :mod:`.triggers`: which verbs and nouns are event triggers, of which PLOVER type;
- :mod:`.rewrites`: an agreement to do harm is typed as the harm;
- :mod:`.figurative`: trigger words used figuratively or aimed at no party;
- :mod:`.roles`: actor and recipient from the syntax around a trigger;
- :mod:`.fallback`: a recipient found further from the trigger when the syntax names none;
- :mod:`.discourse`: passes over all events (restatements, headlines, reactions, naming);
- :mod:`.find`: ``find_events``, the pass over the Doc that ties them together.
"""

from khabar.nlp.events.find import find_events
from khabar.nlp.events.roles import is_equipment
from khabar.nlp.events.triggers import salience

__all__ = ["find_events", "is_equipment", "salience"]
