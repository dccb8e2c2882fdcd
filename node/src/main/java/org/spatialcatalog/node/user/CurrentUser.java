package org.spatialcatalog.node.user;

import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the request on this thread, from the security context.
 *
 * <p>Every HTTP request passes the security filter chain, which always leaves an authentication (a
 * user, or an anonymous token for guests, who get {@link CatalogUser#GUEST}). A thread without any
 * authentication is a guest too: no thread ever gains rights by lacking a caller. Background work
 * that needs rights (a scheduled job acting on records) names its identity explicitly with {@link
 * #runAs(CatalogUser, Supplier)}, usually {@link #SYSTEM}.
 */
public final class CurrentUser {

  /**
   * The node itself, for background work that must pass privilege checks; only ever in effect
   * inside {@link #runAs(CatalogUser, Supplier)}. Records it creates have no owner and are public.
   */
  public static final CatalogUser SYSTEM =
      new CatalogUser(0, "system", Profile.ADMINISTRATOR, Set.of());

  private CurrentUser() {}

  public static CatalogUser get() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof CatalogUser u) {
      return u;
    }
    return CatalogUser.GUEST;
  }

  /**
   * Runs {@code work} on this thread as {@code identity}, then restores the thread's previous
   * security context (also when {@code work} throws).
   */
  public static <T> T runAs(CatalogUser identity, Supplier<T> work) {
    SecurityContext previous = SecurityContextHolder.getContext();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(Authenticator.token(identity));
    SecurityContextHolder.setContext(context);
    try {
      return work.get();
    } finally {
      SecurityContextHolder.setContext(previous);
    }
  }
}
