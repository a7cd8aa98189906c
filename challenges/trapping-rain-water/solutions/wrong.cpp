#include <algorithm>
#include <vector>
using namespace std;

// Bug: only looks at the highest bar to the left, as if an infinite wall stood on the right.
int trap(vector<int>& height) {
    int leftMax = 0, water = 0;
    for (int h : height) {
        leftMax = max(leftMax, h);
        water += leftMax - h;
    }
    return water;
}
