// The Java function-case runtime: reads the driver input (judge-core/drivers/driver-input.ts) from
// stdin, runs each case through the generated Main's `call`, and writes the report frame
// (protocol/harness.ts) on the real stdout. User output is captured per case through System.out.
// Expected values never come in: only arguments.
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;

public final class PairJudge {
  private final byte[] s;
  private int p;

  private PairJudge(byte[] input) {
    s = input;
  }

  private void skip() {
    while (p < s.length && Character.isWhitespace(s[p])) p++;
  }

  private String token() {
    skip();
    int from = p;
    while (p < s.length && !Character.isWhitespace(s[p])) p++;
    if (from == p) throw new IllegalStateException("malformed driver input");
    return new String(s, from, p - from, StandardCharsets.US_ASCII);
  }

  public int readInt() { return Integer.parseInt(token()); }
  public long readLong() { return Long.parseLong(token()); }
  public double readDouble() {
    String t = token();
    return t.equals("NaN") ? Double.NaN : t.equals("Infinity") ? Double.POSITIVE_INFINITY : t.equals("-Infinity") ? Double.NEGATIVE_INFINITY : Double.parseDouble(t);
  }
  public boolean readBool() { return readLong() != 0; }
  // Strings travel as <byte count>:<bytes>, so any character can be in them.
  public String readString() {
    skip();
    int colon = p;
    while (colon < s.length && s[colon] != ':') colon++;
    int n = Integer.parseInt(new String(s, p, colon - p, StandardCharsets.US_ASCII));
    String out = new String(s, colon + 1, n, StandardCharsets.UTF_8);
    p = colon + 1 + n;
    return out;
  }
  public int[] readIntArray() { int[] a = new int[readInt()]; for (int i = 0; i < a.length; i++) a[i] = readInt(); return a; }
  public long[] readLongArray() { long[] a = new long[readInt()]; for (int i = 0; i < a.length; i++) a[i] = readLong(); return a; }
  public double[] readDoubleArray() { double[] a = new double[readInt()]; for (int i = 0; i < a.length; i++) a[i] = readDouble(); return a; }
  public boolean[] readBoolArray() { boolean[] a = new boolean[readInt()]; for (int i = 0; i < a.length; i++) a[i] = readBool(); return a; }
  public <T> T[] readArray(IntFunction<T[]> make, Supplier<T> item) {
    T[] a = make.apply(readInt());
    for (int i = 0; i < a.length; i++) a[i] = item.get();
    return a;
  }
  public <T> Map<String, T> readMap(Supplier<T> item) {
    int n = readInt();
    Map<String, T> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = readString();
      m.put(key, item.get());
    }
    return m;
  }

  static void quote(StringBuilder o, String v) {
    o.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') o.append('\\').append(c);
      else if (c == '\n') o.append("\\n");
      else if (c == '\r') o.append("\\r");
      else if (c == '\t') o.append("\\t");
      else if (c < 0x20) o.append(String.format("\\u%04x", (int) c));
      else o.append(c);
    }
    o.append('"');
  }

  /** Values as JSON, with the "$pj" tags of protocol/harness.ts for what JSON cannot carry. */
  static void put(StringBuilder o, Object v, int depth) {
    if (depth > 64) { o.append("{\"$pj\":\"truncated\"}"); return; }
    if (v == null) o.append("null");
    else if (v instanceof Boolean) o.append(v);
    else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) o.append(v);
    else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) o.append("{\"$pj\":\"nan\"}");
      else if (Double.isInfinite(d)) o.append("{\"$pj\":\"infinity\",\"sign\":").append(d > 0 ? 1 : -1).append('}');
      else if (d == Math.rint(d) && Math.abs(d) < 1e15) o.append((long) d);
      else o.append(d);
    } else if (v instanceof Number) o.append(v);
    else if (v instanceof Character || v instanceof CharSequence) quote(o, v.toString());
    else if (v.getClass().isArray()) {
      o.append('[');
      for (int i = 0, n = Array.getLength(v); i < n; i++) { if (i > 0) o.append(','); put(o, Array.get(v, i), depth + 1); }
      o.append(']');
    } else if (v instanceof Collection) {
      o.append('[');
      boolean first = true;
      for (Object item : (Collection<?>) v) { if (!first) o.append(','); first = false; put(o, item, depth + 1); }
      o.append(']');
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      boolean stringKeys = m.keySet().stream().allMatch(k -> k instanceof String);
      if (stringKeys) {
        // Sorted keys, so a HashMap prints the same way every time.
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) sorted.put((String) e.getKey(), e.getValue());
        o.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
          if (!first) o.append(',');
          first = false;
          quote(o, e.getKey());
          o.append(':');
          put(o, e.getValue(), depth + 1);
        }
        o.append('}');
      } else {
        o.append("{\"$pj\":\"map\",\"entries\":[");
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!first) o.append(',');
          first = false;
          o.append('[');
          put(o, e.getKey(), depth + 1);
          o.append(',');
          put(o, e.getValue(), depth + 1);
          o.append(']');
        }
        o.append("]}");
      }
    } else {
      o.append("{\"$pj\":\"object\",\"type\":");
      quote(o, v.getClass().getSimpleName());
      o.append(",\"repr\":");
      String repr = String.valueOf(v);
      quote(o, repr.length() > 200 ? repr.substring(0, 200) : repr);
      o.append('}');
    }
  }

  /** One case: reads its arguments from the input and calls the entry; returns what it returned. */
  public interface Case {
    Object call(PairJudge in, long[] startedAt) throws Throwable;
  }


  // What the report needs when the output cap ends the run in the middle of a case.
  private static String reportNonce;
  private static PrintStream reportTo;
  private static StringBuilder reportTests;
  private static StringBuilder reportAll;

  private static String frame(String nonce, StringBuilder tests, String all, boolean overflow) {
    StringBuilder report = new StringBuilder("{\"tests\":[").append(tests).append("],\"stdout\":");
    quote(report, all);
    report.append(",\"outputLimitExceeded\":").append(overflow).append('}');
    return "\n@@pairjudge-report:" + nonce + " " + Base64.getEncoder().encodeToString(report.toString().getBytes(StandardCharsets.UTF_8)) + "\n";
  }

  /** A case's captured output, which ends the run with the output limit reported once it passes `room` bytes. */
  private static final class Capped extends ByteArrayOutputStream {
    private final long room;

    Capped(long room) {
      this.room = room;
    }

    @Override
    public synchronized void write(int b) {
      if (count + 1 > room) overflow();
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      if (count + (long) len > room) overflow();
      super.write(b, off, len);
    }

    private void overflow() {
      reportTo.print(frame(reportNonce, reportTests, reportAll.toString(), true));
      reportTo.flush();
      Runtime.getRuntime().halt(0);
    }
  }

  public static void main(Case runCase) throws IOException {
    PairJudge in = new PairJudge(System.in.readAllBytes());
    String nonce = in.readString();
    in.readLong(); // per-test budget: the container's wall deadline ends a case that runs on
    long outputBytes = in.readLong();
    long valueBytes = in.readLong();
    int count = in.readInt();
    PrintStream real = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    StringBuilder tests = new StringBuilder();
    StringBuilder all = new StringBuilder();
    long allBytes = 0;
    boolean overflow = false;
    reportNonce = nonce;
    reportTo = real;
    reportTests = tests;
    reportAll = all;
    for (int i = 0; i < count; i++) {
      String name = in.readString();
      ByteArrayOutputStream captured = new Capped(Math.max(0, outputBytes - allBytes));
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      long[] startedAt = {System.nanoTime()};
      String status = "ok";
      String value = null;
      String error = null;
      Integer line = null;
      long endedAt;
      try {
        Object result = runCase.call(in, startedAt);
        endedAt = System.nanoTime();
        StringBuilder v = new StringBuilder();
        put(v, result, 0);
        value = v.length() > valueBytes ? "{\"$pj\":\"truncated\"}" : v.toString();
      } catch (Throwable t) {
        endedAt = System.nanoTime();
        status = "error";
        error = t.toString();
        for (StackTraceElement frame : t.getStackTrace()) {
          if ("Solution.java".equals(frame.getFileName()) && frame.getLineNumber() > 0) {
            line = frame.getLineNumber();
            break;
          }
        }
      }
      System.out.flush();
      String out = captured.toString(StandardCharsets.UTF_8);
      long bytes = out.getBytes(StandardCharsets.UTF_8).length;
      if (allBytes + bytes > outputBytes) {
        overflow = true;
        out = "";
      }
      allBytes += bytes;
      all.append(out);
      if (i > 0) tests.append(',');
      tests.append("{\"name\":");
      quote(tests, name);
      tests.append(",\"kind\":\"case\",\"status\":\"").append(status).append('"');
      if (value != null) tests.append(",\"value\":").append(value);
      if (error != null) {
        tests.append(",\"error\":{\"message\":");
        quote(tests, error);
        if (line != null) tests.append(",\"line\":").append(line);
        tests.append('}');
      }
      tests.append(",\"timeMs\":").append(Math.max(0, (endedAt - startedAt[0]) / 1e6));
      if (!out.isEmpty()) {
        tests.append(",\"stdout\":");
        quote(tests, out);
      }
      tests.append('}');
      if (overflow) break;
    }
    real.print(frame(nonce, tests, all.toString(), overflow));
    real.flush();
    Runtime.getRuntime().halt(0);
  }

}
