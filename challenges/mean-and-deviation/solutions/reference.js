function main() {
  const [first, second] = require('fs').readFileSync(0, 'utf8').split('\n');
  const n = Number(first);
  const values = second.trim().split(/\s+/).slice(0, n).map(Number);
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const deviation = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
  console.log(mean.toFixed(9));
  console.log(deviation.toFixed(9));
}

main();
