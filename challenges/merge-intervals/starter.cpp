#include <vector>
using namespace std;

// Merge overlapping (or touching) [start, end] intervals; return them sorted by start.
vector<vector<int>> mergeIntervals(vector<vector<int>>& intervals) {
    return {};
}
