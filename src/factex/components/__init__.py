"""spaCy components of factex (registered through the ``spacy_factories`` entry point)."""
