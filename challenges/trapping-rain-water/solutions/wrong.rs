// Bug: only looks at the highest bar to the left, as if an infinite wall stood on the right.
fn trap(height: Vec<i32>) -> i32 {
    let mut left_max = 0;
    let mut water = 0;
    for h in height {
        left_max = left_max.max(h);
        water += left_max - h;
    }
    water
}
