"""Where activity clusters: analytics on the collaboration projection either store hands out."""
