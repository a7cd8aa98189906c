#include <vector>
using namespace std;

// Return {i, j} with i < j such that nums[i] + nums[j] == target.
vector<int> twoSum(vector<int>& nums, int target) {
    return {};
}
