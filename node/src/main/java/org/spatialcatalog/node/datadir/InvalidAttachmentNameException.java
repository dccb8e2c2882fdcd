package org.spatialcatalog.node.datadir;

/** An attachment name that cannot be used as a file name; answered with 400. */
public class InvalidAttachmentNameException extends IllegalArgumentException {

  InvalidAttachmentNameException(String name, String reason) {
    super("attachment name '" + printable(name) + "' is not allowed: " + reason);
  }

  /** Control characters would garble logs and the problem detail; show them as escapes. */
  private static String printable(String name) {
    if (name == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    name.codePoints()
        .limit(300)
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
              } else {
                b.appendCodePoint(cp);
              }
            });
    return b.toString();
  }
}
