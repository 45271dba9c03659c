"""From an article to an ``ExtractionResult``: reading, language check, NLP, geocoding."""

from khabar.extract.extractor import Extractor, ExtractorOptions

__all__ = ["Extractor", "ExtractorOptions"]
