"""khabar's NLP stages: spaCy components that find actors, events, dates and factuality.

Each stage is a pure function over a ``Doc`` (testable on hand-built Docs) plus a thin
component registered in :mod:`khabar.nlp.components` that declares what it assigns/requires.
"""
