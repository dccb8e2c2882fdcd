package org.spatialcatalog.node.user;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the request on this thread, from the security context.
 *
 * <p>Every HTTP request passes the security filter chain, which always leaves an authentication
 * (a user, or an anonymous token for guests, who get {@link CatalogUser#GUEST}). A thread without
 * any authentication is therefore not serving a request but doing the node's own work (a
 * harvester, a scheduled job): it acts as {@link #SYSTEM}, an administrator.
 */
public final class CurrentUser {

  /** The node itself, for background work; records it creates have no owner and are public. */
  public static final CatalogUser SYSTEM =
      new CatalogUser(0, "system", Profile.ADMINISTRATOR, Set.of());

  private CurrentUser() {}

  public static CatalogUser get() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null) {
      return SYSTEM;
    }
    if (auth.isAuthenticated() && auth.getPrincipal() instanceof CatalogUser u) {
      return u;
    }
    return CatalogUser.GUEST;
  }
}
