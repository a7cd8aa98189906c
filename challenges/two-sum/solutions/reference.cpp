#include <unordered_map>
#include <vector>
using namespace std;

// One pass: remember where each value was seen; the first index found is always the smaller.
vector<int> twoSum(vector<int>& nums, int target) {
    unordered_map<int, int> seen;
    for (int j = 0; j < (int)nums.size(); j++) {
        auto it = seen.find(target - nums[j]);
        if (it != seen.end()) return {it->second, j};
        seen.emplace(nums[j], j);
    }
    return {};
}
