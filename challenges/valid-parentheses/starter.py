def is_valid(s):
    # Return True when every bracket in s is closed by the same type, in the right order.
    return False
