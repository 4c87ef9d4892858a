"""Network views built with pyvis (see the explorer issue)."""
