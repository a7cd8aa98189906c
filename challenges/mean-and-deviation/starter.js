function main() {
  const [first, second] = require('fs').readFileSync(0, 'utf8').split('\n');
  // Print the mean, then the population standard deviation.
}

main();
