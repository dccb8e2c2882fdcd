package org.spatialcatalog.node.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void showsChangedLinesWithContextAndLineNumbers() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn";
    String after = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\nl\nm\nn\no";
    String diff = LineDiff.unified("v1", before, "v2", after);
    assertThat(diff).startsWith("--- v1\n+++ v2\n");
    assertThat(diff).contains("@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
    assertThat(diff).contains("@@ -12,3 +12,4 @@\n l\n m\n n\n+o\n");

    String close =
        LineDiff.unified(
            "v1", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj", "v2", "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk");
    assertThat(close).contains("@@ -2,9 +2,10 @@");
  }

  @Test
  void identicalTextsHaveNoHunks() {
    assertThat(LineDiff.unified("x", "same\ntext", "y", "same\ntext")).isEqualTo("--- x\n+++ y\n");
  }
}
