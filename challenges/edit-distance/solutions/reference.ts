function minDistance(word1: string, word2: string): number {
  // Levenshtein DP keeping one row: prev[j] = distance between word1[0..i) and word2[0..j).
  let prev: number[] = Array.from({ length: word2.length + 1 }, (_, j) => j);
  for (let i = 1; i <= word1.length; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= word2.length; j++) {
      const replace = prev[j - 1]! + (word1[i - 1] === word2[j - 1] ? 0 : 1);
      cur.push(Math.min(replace, prev[j]! + 1, cur[j - 1]! + 1));
    }
    prev = cur;
  }
  return prev[word2.length]!;
}
