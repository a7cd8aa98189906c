// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function lengthOfLongestSubstring(s) {
  // Return the length of the longest substring of s with no repeated character.
  return 0;
}
