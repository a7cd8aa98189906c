function minDistance(word1: string, word2: string): number {
  // Bug: forgets the replace operation (only inserts and deletes), so it answers
  // len1 + len2 - 2 * LCS, which overcounts whenever a replace would do.
  let prev: number[] = new Array<number>(word2.length + 1).fill(0);
  for (let i = 1; i <= word1.length; i++) {
    const cur: number[] = [0];
    for (let j = 1; j <= word2.length; j++) {
      cur.push(word1[i - 1] === word2[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!));
    }
    prev = cur;
  }
  return word1.length + word2.length - 2 * prev[word2.length]!;
}
