// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function searchInsert(nums, target) {
  // nums is sorted and distinct: return target's index, or where it would be inserted.
  return -1;
}
