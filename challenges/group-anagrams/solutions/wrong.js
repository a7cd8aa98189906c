// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function groupAnagrams(words) {
  // Bug: keeps the order in which words and groups first appear instead of the required order.
  const groups = new Map();
  for (const word of words) {
    const key = [...word].sort().join('');
    const group = groups.get(key);
    if (group) group.push(word);
    else groups.set(key, [word]);
  }
  return [...groups.values()];
}
