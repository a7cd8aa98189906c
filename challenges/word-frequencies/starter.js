function main() {
  const lines = require('fs').readFileSync(0, 'utf8').split('\n');
  // Print each word and how often it occurs, most frequent first.
}

main();
