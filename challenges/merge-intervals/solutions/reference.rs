fn merge_intervals(intervals: Vec<Vec<i32>>) -> Vec<Vec<i32>> {
    let mut sorted = intervals;
    sorted.sort();
    let mut out: Vec<Vec<i32>> = Vec::new();
    for interval in sorted {
        match out.last_mut() {
            Some(last) if interval[0] <= last[1] => last[1] = last[1].max(interval[1]),
            _ => out.push(interval),
        }
    }
    out
}
