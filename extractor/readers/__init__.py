"""Field readers: typed facts with provenance, read from classified documents by labels, box numbers and patterns."""
