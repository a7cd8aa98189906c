class Solution {
    // Return the fewest single-character inserts, deletes and replaces turning word1 into word2.
    public int minDistance(String word1, String word2) {
        return 0;
    }
}
