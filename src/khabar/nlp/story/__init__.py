"""Story-level reading: the frame of an article (publication date, dateline, outlet, news
day and place), fatality counts, and whether a harm sentence is political at all.

Pure functions over spaCy ``Doc`` objects and texts; they are not pipeline components yet
(the pipeline wires them in a later step). Every word list is data in ``nlp/data/*.yaml``.
"""
