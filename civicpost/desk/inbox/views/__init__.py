"""The inbox's pages, one module per part: the queue, a message, arrivals, a person's history."""
