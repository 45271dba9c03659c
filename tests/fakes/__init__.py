"""Test-only stand-ins (the keyword extractor), injected by fixtures and loaders, never by env."""
