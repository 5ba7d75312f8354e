"""docscreen service."""
