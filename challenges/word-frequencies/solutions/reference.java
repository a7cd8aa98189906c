import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] lines = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
        int n = Integer.parseInt(lines[0].trim());
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 1; i <= n && i < lines.length; i++) {
            for (String word : lines[i].split("[ \t\r]+")) {
                if (!word.isEmpty()) counts.merge(asciiLower(word), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        // Code-point order is the byte order of UTF-8 (String.compareTo compares UTF-16 units).
        sorted.sort((a, b) -> !a.getValue().equals(b.getValue())
            ? b.getValue() - a.getValue()
            : Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8), b.getKey().getBytes(StandardCharsets.UTF_8)));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Integer> entry : sorted) out.append(entry.getKey()).append(' ').append(entry.getValue()).append('\n');
        System.out.print(out);
    }

    static String asciiLower(String word) {
        StringBuilder lower = new StringBuilder(word.length());
        for (char c : word.toCharArray()) lower.append(c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c);
        return lower.toString();
    }
}
