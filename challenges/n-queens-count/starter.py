def total_n_queens(n):
    # Count the ways to place n non-attacking queens on an n x n board.
    return 0
