package org.spatialcatalog.node.oai;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A self-contained resumption token: the query, the listing position, the cursor and the list size
 * of the first page, encoded as base64url text. No node keeps any state for a listing, so a token
 * taken from one node resumes on any other node of the cluster, and after a restart. Tokens carry
 * nothing secret: privileges are applied again to the caller of every page.
 */
record ResumptionToken(ListQuery query, Position position, long cursor, long completeListSize) {

  private static final String VERSION = "1";
  private static final String SEPARATOR = "\n";

  String encode() {
    String text =
        String.join(
            SEPARATOR,
            VERSION,
            query.format().prefix(),
            query.set() == null ? "" : query.set(),
            query.from() == null ? "" : query.from().toString(),
            query.until() == null ? "" : query.until().toString(),
            Long.toString(position.seq()),
            position.id(),
            Long.toString(cursor),
            Long.toString(completeListSize));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static ResumptionToken decode(String token) throws OaiException {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] f = text.split(SEPARATOR, -1);
      if (f.length != 9 || !VERSION.equals(f[0])) {
        throw new IllegalArgumentException("unknown token layout");
      }
      MetadataFormat format =
          MetadataFormat.of(f[1]).orElseThrow(() -> new IllegalArgumentException("unknown format"));
      ListQuery query =
          new ListQuery(
              format,
              f[2].isEmpty() ? null : f[2],
              f[3].isEmpty() ? null : Instant.parse(f[3]),
              f[4].isEmpty() ? null : Instant.parse(f[4]));
      long seq = Long.parseLong(f[5]);
      long cursor = Long.parseLong(f[7]);
      long size = Long.parseLong(f[8]);
      if (seq < 0 || cursor < 0 || size < 0 || (seq > 0 && !f[6].isEmpty())) {
        throw new IllegalArgumentException("position out of range");
      }
      return new ResumptionToken(query, new Position(seq, f[6]), cursor, size);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw OaiException.badResumptionToken(
          "the resumptionToken is not one this repository issued");
    }
  }
}
