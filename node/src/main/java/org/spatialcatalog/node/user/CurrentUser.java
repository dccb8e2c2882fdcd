package org.spatialcatalog.node.user;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the request on this thread, from the security context; a guest when none. */
public final class CurrentUser {

  private CurrentUser() {}

  public static CatalogUser get() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof CatalogUser u) {
      return u;
    }
    return CatalogUser.GUEST;
  }
}
