// Return the fewest single-character inserts, deletes and replaces turning word1 into word2.
fn min_distance(word1: String, word2: String) -> i32 {
    let _ = (word1, word2);
    0
}
