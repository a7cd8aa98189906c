#include <vector>
using namespace std;

// height[i] is the bar at position i (width 1): return how many units of water are trapped.
int trap(vector<int>& height) {
    return 0;
}
