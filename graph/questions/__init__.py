"""Questions users ask, each answered in one place for the CLI and the API alike."""
