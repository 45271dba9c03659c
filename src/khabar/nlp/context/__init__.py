"""When and where: date and place mentions, and which of them an event takes.

- :mod:`.dates`: date expressions resolved against the publication date, attached to events;
- :mod:`.places`: place mentions, attached to events as their location;
- :mod:`.paragraphs`: paragraph and clause extents both use;
- :mod:`.story`: what the sentence steps leave open, from the whole story (tied dates, the
  news day, place descriptions, the news place) and news-or-background (:mod:`.background`,
  :mod:`.anterior`: background the grammar tells).
"""

from khabar.nlp.context.background import assign_background
from khabar.nlp.context.dates import (
    ResolvedDate,
    attach_dates,
    date_governor,
    find_date_mentions,
    resolve_date_text,
)
from khabar.nlp.context.paragraphs import paragraph_starts
from khabar.nlp.context.places import attach_locations, find_place_mentions

__all__ = [
    "ResolvedDate",
    "assign_background",
    "attach_dates",
    "attach_locations",
    "date_governor",
    "find_date_mentions",
    "find_place_mentions",
    "paragraph_starts",
    "resolve_date_text",
]
