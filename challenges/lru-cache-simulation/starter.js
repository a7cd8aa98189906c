// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function simulateLru(capacity, operations) {
  // Run each ["get", key] / ["put", key, value] on an LRU cache; return one output per operation.
  return [];
}
