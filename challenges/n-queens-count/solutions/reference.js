// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function totalNQueens(n) {
  // Row by row; three bit masks hold the columns and both diagonals already attacked.
  const full = (1 << n) - 1;
  const place = (cols, diag, anti) => {
    if (cols === full) return 1;
    let count = 0;
    let free = full & ~(cols | diag | anti);
    while (free !== 0) {
      const bit = free & -free;
      free ^= bit;
      count += place(cols | bit, ((diag | bit) << 1) & full, (anti | bit) >> 1);
    }
    return count;
  };
  return place(0, 0, 0);
}
