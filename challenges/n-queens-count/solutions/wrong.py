def total_n_queens(n):
    # Bug: checks columns and one diagonal only, so queens may attack along the other diagonal.
    cols = set()
    diag = set()

    def place(row):
        if row == n:
            return 1
        count = 0
        for c in range(n):
            if c in cols or row - c in diag:
                continue
            cols.add(c)
            diag.add(row - c)
            count += place(row + 1)
            cols.remove(c)
            diag.remove(row - c)
        return count

    return place(0)
