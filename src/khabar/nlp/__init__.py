"""Natural-language processing stages: embeddings, event typing, the spaCy pipeline."""
