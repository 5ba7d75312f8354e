"""Page and document typing, and splitting bundled files into documents."""
