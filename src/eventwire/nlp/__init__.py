"""The NLP stage: spaCy components that find actors and events in a Doc."""
