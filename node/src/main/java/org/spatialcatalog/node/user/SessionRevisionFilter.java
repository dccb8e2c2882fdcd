package org.spatialcatalog.node.user;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose user has changed since login: on every request that carries a session, the
 * revision kept in the session is compared with the user's current revision in the shared database
 * (one primary-key lookup). A deleted or disabled user, or one whose profile, groups or password
 * changed, is logged out and the request continues as a guest, on whichever node it lands. Not a
 * Spring bean on purpose: as a bean, Spring Boot would also register it as a servlet filter outside
 * the security chain.
 */
public final class SessionRevisionFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(SessionRevisionFilter.class);

  private final UserRepository users;
  private final AdminAccount admin;

  public SessionRevisionFilter(UserRepository users, AdminAccount admin) {
    this.users = users;
    this.admin = admin;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (session != null
        && auth != null
        && auth.getPrincipal() instanceof CatalogUser user
        && !current(user)) {
      log.info("session of user '{}' ended: the user changed since login", user.username());
      session.invalidate();
      SecurityContextHolder.clearContext();
    }
    chain.doFilter(request, response);
  }

  private boolean current(CatalogUser user) {
    if (user.id() == 0) {
      return AdminAccount.USERNAME.equals(user.username()) && admin.revision() == user.revision();
    }
    return users.activeRevision(user.id()).map(r -> r == user.revision()).orElse(false);
  }
}
