"""The ``khabar`` command line: thin wrappers over library functions."""
