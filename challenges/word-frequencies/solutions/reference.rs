use std::collections::HashMap;
use std::io::{self, Read, Write};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut lines = input.split('\n');
    let n: usize = lines.next().unwrap_or("0").trim().parse().unwrap_or(0);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines.take(n) {
        for word in line.split(|c: char| c == ' ' || c == '\t' || c == '\r').filter(|w| !w.is_empty()) {
            *counts.entry(word.to_ascii_lowercase()).or_insert(0) += 1;
        }
    }
    let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
    // Rust compares strings by their UTF-8 bytes, which is code-point order.
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for (word, count) in sorted {
        writeln!(out, "{} {}", word, count).unwrap();
    }
}
