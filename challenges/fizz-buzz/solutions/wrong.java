import java.util.ArrayList;
import java.util.List;

class Solution {
    // Bug: tests 3 before 15, so multiples of 15 come out as "Fizz".
    public List<String> fizzBuzz(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (i % 3 == 0) out.add("Fizz");
            else if (i % 15 == 0) out.add("FizzBuzz");
            else if (i % 5 == 0) out.add("Buzz");
            else out.add(Integer.toString(i));
        }
        return out;
    }
}
