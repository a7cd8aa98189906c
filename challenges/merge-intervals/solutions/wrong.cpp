#include <algorithm>
#include <vector>
using namespace std;

// Bug: a strict comparison leaves touching intervals such as [1, 4] and [4, 5] apart.
vector<vector<int>> mergeIntervals(vector<vector<int>>& intervals) {
    vector<vector<int>> sorted = intervals, out;
    sort(sorted.begin(), sorted.end());
    for (auto& interval : sorted) {
        if (!out.empty() && interval[0] < out.back()[1]) out.back()[1] = max(out.back()[1], interval[1]);
        else out.push_back(interval);
    }
    return out;
}
