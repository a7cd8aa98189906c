// height[i] is the bar at position i (width 1): return how many units of water are trapped.
fn trap(height: Vec<i32>) -> i32 {
    let _ = height;
    0
}
