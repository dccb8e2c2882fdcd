package org.spatialcatalog.node.xml;

/**
 * Escaping of text for inclusion in XML 1.0 element content or attribute values.
 *
 * <p>Guarantee: the result of {@link #escape} can be placed between tags or inside a double- or
 * single-quoted attribute and parses back to exactly the input string.
 */
public final class XmlText {

  private XmlText() {}

  /**
   * Escapes {@code & < > " '} and carriage returns; throws {@link IllegalArgumentException} for
   * characters XML 1.0 cannot represent at all (most control characters, lone surrogates).
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        // A literal CR would be normalized to LF by any parser; the reference keeps it.
        case '\r' -> out.append("&#13;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (isAllowed(c)) {
            out.append(c);
          } else {
            throw new IllegalArgumentException(
                String.format("character U+%04X at index %d cannot be written in XML", (int) c, i));
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean isAllowed(char c) {
    return c == '\t' || c == '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
  }
}
