import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class Solution {
    // Bug: a strict comparison leaves touching intervals such as [1, 4] and [4, 5] apart.
    public int[][] mergeIntervals(int[][] intervals) {
        int[][] sorted = intervals.clone();
        Arrays.sort(sorted, (a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] interval : sorted) {
            if (!out.isEmpty() && interval[0] < out.get(out.size() - 1)[1]) {
                int[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], interval[1]);
            } else {
                out.add(new int[] {interval[0], interval[1]});
            }
        }
        return out.toArray(new int[0][]);
    }
}
