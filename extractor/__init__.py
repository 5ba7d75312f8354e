"""Turns uploaded attachments into typed pages of words, and reads typed facts from them."""

PIPELINE_VERSION = "1"
