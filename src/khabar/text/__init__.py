"""Plain-text conventions of news copy shared by the NLP and extraction layers (datelines)."""
