def search_insert(nums, target):
    # nums is sorted and distinct: return target's index, or where it would be inserted.
    return -1
