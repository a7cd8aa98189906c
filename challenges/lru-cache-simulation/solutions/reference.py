from collections import OrderedDict


def simulate_lru(capacity, operations):
    # The OrderedDict's first key is always the least recently used one.
    cache = OrderedDict()
    out = []
    for operation in operations:
        op, key = operation[0], operation[1]
        if op == "get":
            if key not in cache:
                out.append(-1)
                continue
            cache.move_to_end(key)
            out.append(cache[key])
        else:
            cache[key] = operation[2]
            cache.move_to_end(key)
            if len(cache) > capacity:
                cache.popitem(last=False)
            out.append(None)
    return out
