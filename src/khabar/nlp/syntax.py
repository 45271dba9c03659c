"""The dependency-label groups the rules read, in one place (``data/words/syntax.yaml``).

Every walker that climbs from a trigger to the clauses above it names its group here, drawn
from the one inventory :data:`CLAUSE_LINKS`; the groups differ where the walkers ask
different questions (see the data file).
"""

from __future__ import annotations

from khabar.nlp.words import WordSet

SUBJECTS = WordSet("syntax", "subjects")
OBJECTS = WordSet("syntax", "objects")

#: Every link through which a word hangs from a governing clause.
CLAUSE_LINKS = WordSet("syntax", "clause_links")
#: factuality: the clause heads whose negation, modality or hedge covers a trigger.
GOVERNOR_LINKS = WordSet("syntax", "governors")
#: roles: verbs that share their subject with the trigger.
SHARED_SUBJECT_LINKS = WordSet("syntax", "shared_subject")
#: dates: heads whose date the trigger shares.
DATE_SCOPE_LINKS = WordSet("syntax", "date_scope")
#: context: the clauses that govern a trigger's own clause.
CLAUSE_CONTEXT_LINKS = WordSet("syntax", "clause_context")
#: events: a trigger that is the content of a speech act.
SPEECH_CONTENT_LINKS = WordSet("syntax", "speech_content")
#: context: a clause tied to a dated event's clause.
TIED_CLAUSE_LINKS = WordSet("syntax", "tied_clause")
