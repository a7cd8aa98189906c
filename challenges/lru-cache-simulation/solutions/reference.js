// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function simulateLru(capacity, operations) {
  // A Map iterates in insertion order, so re-inserting a key marks it most recently used
  // and the first key is always the least recently used one.
  const cache = new Map();
  const out = [];
  for (const [op, key, value] of operations) {
    if (op === 'get') {
      if (!cache.has(key)) {
        out.push(-1);
        continue;
      }
      const hit = cache.get(key);
      cache.delete(key);
      cache.set(key, hit);
      out.push(hit);
    } else {
      cache.delete(key);
      cache.set(key, value);
      if (cache.size > capacity) cache.delete(cache.keys().next().value);
      out.push(null);
    }
  }
  return out;
}
