import java.util.HashMap;
import java.util.Map;

class Solution {
    // One pass: remember where each value was seen; the first index found is always the smaller.
    public int[] twoSum(int[] nums, int target) {
        Map<Integer, Integer> seen = new HashMap<>();
        for (int j = 0; j < nums.length; j++) {
            Integer i = seen.get(target - nums[j]);
            if (i != null) return new int[] {i, j};
            seen.putIfAbsent(nums[j], j);
        }
        return new int[0];
    }
}
