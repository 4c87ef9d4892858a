"""The graph core: domain model, the GraphStore contract, its two stores and analytics."""
