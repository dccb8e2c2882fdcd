package org.spatialcatalog.node.user;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;

/**
 * The address a request comes from, for login throttling and logs.
 *
 * <p>The TCP peer, unless the peer is a trusted proxy ({@code catalog.security.trusted-proxies}):
 * then the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. Entries
 * left of that were written by the client and are never believed, so a client cannot choose the
 * address it is counted under.
 */
public final class ClientAddress {

  private static final int MAX = 64;

  private final Set<String> trusted;

  public ClientAddress(List<String> trustedProxies) {
    this.trusted = Set.copyOf(trustedProxies);
  }

  public String of(HttpServletRequest request) {
    return of(
        request.getRemoteAddr(),
        request.getHeaders("X-Forwarded-For") == null
            ? List.of()
            : java.util.Collections.list(request.getHeaders("X-Forwarded-For")));
  }

  String of(String peer, List<String> forwardedFor) {
    String address = peer == null ? "" : peer;
    if (trusted.contains(address)) {
      List<String> hops =
          forwardedFor.stream()
              .flatMap(h -> java.util.Arrays.stream(h.split(",")))
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .toList();
      for (int i = hops.size() - 1; i >= 0; i--) {
        address = hops.get(i);
        if (!trusted.contains(address)) {
          break;
        }
      }
    }
    return address.length() <= MAX ? address : address.substring(0, MAX);
  }
}
