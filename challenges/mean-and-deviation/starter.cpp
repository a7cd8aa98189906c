#include <iostream>
using namespace std;

int main() {
    int n;
    cin >> n;
    // Print the mean, then the population standard deviation.
}
