def trap(height):
    # Bug: only looks at the highest bar to the left, as if an infinite wall stood on the right.
    left_max = water = 0
    for h in height:
        left_max = max(left_max, h)
        water += left_max - h
    return water
