use std::collections::BTreeMap;
use std::io::{self, Read};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut lines = input.split('\n');
    let n: usize = lines.next().unwrap_or("0").trim().parse().unwrap_or(0);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for line in lines.take(n) {
        for word in line.split_whitespace() {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
    }
    // Bug: alphabetical order only, not the most frequent first.
    for (word, count) in counts {
        println!("{} {}", word, count);
    }
}
