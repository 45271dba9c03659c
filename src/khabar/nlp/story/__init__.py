"""Story-level reading: the frame of an article (publication date, dateline, outlet, news
day and place), fatality counts, and whether a harm sentence is political at all.

Pure functions over spaCy ``Doc`` objects and texts. The frame is the pipeline stage
``khabar_story_frame_v2`` (``nlp/components.py``); fatalities and political-ness are wired by
their own stages. Every word list is data in ``nlp/data/*.yaml``.
"""
