package org.spatialcatalog.node.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified line diff (as {@code diff -u} prints it, with 3 lines of context) between two texts,
 * from their longest common subsequence of lines. Texts longer than {@link #MAX_LINES} lines are
 * compared as a whole replacement, to bound the quadratic table.
 */
final class LineDiff {

  static final int MAX_LINES = 4000;
  private static final int CONTEXT = 3;

  private LineDiff() {}

  static String unified(String oldName, String oldText, String newName, String newText) {
    String[] a = oldText.split("\r?\n", -1);
    String[] b = newText.split("\r?\n", -1);
    List<String> ops = operations(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
    List<Integer> changed = new ArrayList<>();
    for (int k = 0; k < ops.size(); k++) {
      if (ops.get(k).charAt(0) != ' ') {
        changed.add(k);
      }
    }
    int c = 0;
    while (c < changed.size()) {
      // A hunk holds every change closer than twice the context to the previous one.
      int first = changed.get(c);
      int last = first;
      while (c + 1 < changed.size() && changed.get(c + 1) - last <= 2 * CONTEXT) {
        last = changed.get(++c);
      }
      c++;
      int start = Math.max(0, first - CONTEXT);
      int end = Math.min(ops.size(), last + CONTEXT + 1);
      out.append("@@ -")
          .append(1 + notOf(ops, 0, start, '+'))
          .append(',')
          .append(notOf(ops, start, end, '+'))
          .append(" +")
          .append(1 + notOf(ops, 0, start, '-'))
          .append(',')
          .append(notOf(ops, start, end, '-'))
          .append(" @@\n");
      for (int k = start; k < end; k++) {
        out.append(ops.get(k)).append('\n');
      }
    }
    return out.toString();
  }

  /** How many operations between from and to are not of {@code kind}: lines of one side. */
  private static int notOf(List<String> ops, int from, int to, char kind) {
    int n = 0;
    for (int k = from; k < to; k++) {
      if (ops.get(k).charAt(0) != kind) {
        n++;
      }
    }
    return n;
  }

  private static List<String> operations(String[] a, String[] b) {
    List<String> ops = new ArrayList<>();
    if (a.length > MAX_LINES || b.length > MAX_LINES) {
      for (String line : a) {
        ops.add("-" + line);
      }
      for (String line : b) {
        ops.add("+" + line);
      }
      return ops;
    }
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i].equals(b[j])) {
        ops.add(" " + a[i++]);
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        ops.add("-" + a[i++]);
      } else {
        ops.add("+" + b[j++]);
      }
    }
    while (i < a.length) {
      ops.add("-" + a[i++]);
    }
    while (j < b.length) {
      ops.add("+" + b[j++]);
    }
    return ops;
  }
}
