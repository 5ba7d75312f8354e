"""Completeness, consistency and validity rules over read documents, citing Rules 763."""
