package org.spatialcatalog.node.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body while counting, and stops as soon as it passes the limit, so an oversized
 * upload is refused without being held in memory.
 */
public final class BoundedBody {

  private BoundedBody() {}

  /** The body as a stream that throws {@link PayloadTooLargeException} past the limit. */
  public static InputStream stream(HttpServletRequest request, long limitBytes) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limitBytes) {
      throw new PayloadTooLargeException("request body of " + declared + " bytes", limitBytes);
    }
    return new java.io.FilterInputStream(request.getInputStream()) {
      private long total;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(0, n));
        return n;
      }

      private void count(int n) {
        total += n;
        if (total > limitBytes) {
          throw new PayloadTooLargeException("request body", limitBytes);
        }
      }
    };
  }

  /** The body as text; throws {@link PayloadTooLargeException} past {@code limitBytes}. */
  public static String readText(HttpServletRequest request, long limitBytes) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limitBytes) {
      throw new PayloadTooLargeException("request body of " + declared + " bytes", limitBytes);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
    byte[] buffer = new byte[8192];
    long total = 0;
    try (InputStream in = request.getInputStream()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > limitBytes) {
          throw new PayloadTooLargeException("request body", limitBytes);
        }
        out.write(buffer, 0, n);
      }
    }
    // XML declares its own encoding; UTF-8 is the default when the request names none.
    String encoding = request.getCharacterEncoding();
    Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    return out.toString(charset);
  }
}
