function main() {
  const lines = require('fs').readFileSync(0, 'utf8').split('\n');
  const n = Number(lines[0]);
  const counts = new Map();
  for (const line of lines.slice(1, n + 1)) {
    for (const word of line.replace(/[A-Z]/g, (c) => c.toLowerCase()).split(/[ \t\r]+/)) {
      if (word !== '') counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  // Bug: ties keep the order of first appearance instead of alphabetical order.
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  console.log(sorted.map(([word, count]) => `${word} ${count}`).join('\n'));
}

main();
