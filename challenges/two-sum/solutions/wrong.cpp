#include <vector>
using namespace std;

// Bug: j starts at i, so one element can be used twice.
vector<int> twoSum(vector<int>& nums, int target) {
    for (size_t i = 0; i < nums.size(); i++)
        for (size_t j = i; j < nums.size(); j++)
            if (nums[i] + nums[j] == target) return {(int)i, (int)j};
    return {};
}
