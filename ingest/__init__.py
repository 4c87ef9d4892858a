"""Getting data into the graph: readers, validation and entity resolution."""
