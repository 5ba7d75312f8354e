"""`make bench`: accuracy and speed on a generated corpus, written to docs/benchmarks.md with plots."""
