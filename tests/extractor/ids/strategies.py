"""Hypothesis strategies shared by the identifier tests."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st

# Moderate example counts keep the whole ids suite well under a minute.
FAST = settings(max_examples=150, deadline=None)

VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"

# Arbitrary text, biased towards the characters these parsers care about.
noisy_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789 .,-/:«»'кгтмарйяOIQАВЕКМНОРСТХУABCXZ", max_size=30),
)
