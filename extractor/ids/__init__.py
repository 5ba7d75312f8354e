"""Identifier and value parsers (VIN, TN VED code, BIN/IIN, country, weight, date, plate).

One module per identifier in the python-stdnum style: ``compact()`` strips
separators, ``validate()`` returns the compact form or raises a typed
:class:`~extractor.ids.exceptions.ValidationError`, ``is_valid()`` wraps it.
Pure logic; the only I/O is the TN VED nomenclature loader in ``hs_code``.
"""
