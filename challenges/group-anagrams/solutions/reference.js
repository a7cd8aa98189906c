// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function groupAnagrams(words) {
  const groups = new Map();
  for (const word of words) {
    const key = [...word].sort().join('');
    const group = groups.get(key);
    if (group) group.push(word);
    else groups.set(key, [word]);
  }
  // Canonical order: words inside a group ascending, groups by their first (smallest) word.
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const result = [...groups.values()].map((g) => g.sort(cmp));
  return result.sort((a, b) => cmp(a[0], b[0]));
}
