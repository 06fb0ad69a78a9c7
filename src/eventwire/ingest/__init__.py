"""ingest: read articles from files, directories, JSONL and standard input."""
