package org.spatialcatalog.node.datadir;

import java.nio.charset.StandardCharsets;

/**
 * A validated attachment file name: safe to use as one path element inside a record's folder.
 *
 * <p>Refused, with a message naming the reason: empty names, names over {@value #MAX_BYTES} UTF-8
 * bytes (the common file-system limit), path separators ({@code /} and {@code \}), control
 * characters, {@code ;} and {@code %} (which download URLs cannot carry), leading or trailing white
 * space, and names starting with a dot: {@code .}, {@code ..}, hidden files and the {@code
 * .upload-*} temporary files of uploads in progress.
 */
public record AttachmentName(String value) {

  static final int MAX_BYTES = 255;

  public AttachmentName {
    if (value == null || value.isEmpty()) {
      throw new InvalidAttachmentNameException(value, "the name is empty");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidAttachmentNameException(
          value, "longer than " + MAX_BYTES + " bytes in UTF-8");
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '/' || ch == '\\') {
        throw new InvalidAttachmentNameException(value, "contains a path separator");
      }
      if (ch == ';' || ch == '%') {
        // The node's HTTP firewall refuses ';' and encoded '%' in paths: such a file could be
        // uploaded but never downloaded.
        throw new InvalidAttachmentNameException(
            value, "contains '" + ch + "', which the file's download URL cannot carry");
      }
      if (Character.isISOControl(ch)) {
        throw new InvalidAttachmentNameException(
            value, "contains the control character U+" + String.format("%04X", (int) ch));
      }
    }
    if (value.startsWith(".")) {
      throw new InvalidAttachmentNameException(
          value, "starts with '.' (relative paths, hidden and temporary files are not allowed)");
    }
    if (!value.strip().equals(value)) {
      throw new InvalidAttachmentNameException(value, "starts or ends with white space");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
