#include <cmath>
#include <cstdio>
#include <iostream>
#include <vector>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<double> values(n);
    for (double& v : values) cin >> v;
    double mean = 0;
    for (double v : values) mean += v;
    mean /= n;
    double squares = 0;
    for (double v : values) squares += (v - mean) * (v - mean);
    // Bug: the sample deviation (n - 1) instead of the population one.
    printf("%.9f\n%.9f\n", mean, sqrt(squares / (n > 1 ? n - 1 : 1)));
}
