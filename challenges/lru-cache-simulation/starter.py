def simulate_lru(capacity, operations):
    # Run each ["get", key] / ["put", key, value] on an LRU cache; return one output per operation.
    return []
