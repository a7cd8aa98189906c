// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function totalNQueens(n) {
  // Bug: checks columns and one diagonal only, so queens may attack along the other diagonal.
  const cols = new Set();
  const diag = new Set();
  const place = (row) => {
    if (row === n) return 1;
    let count = 0;
    for (let c = 0; c < n; c++) {
      if (cols.has(c) || diag.has(row - c)) continue;
      cols.add(c);
      diag.add(row - c);
      count += place(row + 1);
      cols.delete(c);
      diag.delete(row - c);
    }
    return count;
  };
  return place(0);
}
