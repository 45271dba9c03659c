"""Scoring khabar against real gold data: events (PLOVER), geocoding."""
