from collections import OrderedDict


def simulate_lru(capacity, operations):
    # Bug: a get does not refresh the key, so this evicts the oldest insertion (FIFO), not the LRU.
    cache = OrderedDict()
    out = []
    for operation in operations:
        op, key = operation[0], operation[1]
        if op == "get":
            out.append(cache.get(key, -1))
        else:
            cache[key] = operation[2]
            cache.move_to_end(key)
            if len(cache) > capacity:
                cache.popitem(last=False)
            out.append(None)
    return out
