package org.spatialcatalog.node.user;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spatialcatalog.config.NodeIdentity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/login}, {@code POST /api/logout} and {@code GET /api/me}.
 *
 * <p>A login starts a fresh HTTP session on this node (a session id from before the login is never
 * reused, against session fixation) and answers with the CSRF token that every state-changing call
 * made with the session cookie must send in the {@code X-CSRF-TOKEN} header.
 */
@RestController
class LoginController {

  private final Authenticator authenticator;
  private final ClientAddress addresses;
  private final CsrfTokenRepository csrfTokens;
  private final String nodeId;
  private final HttpSessionSecurityContextRepository contexts =
      new HttpSessionSecurityContextRepository();

  LoginController(
      Authenticator authenticator,
      ClientAddress addresses,
      CsrfTokenRepository csrfTokens,
      NodeIdentity identity) {
    this.authenticator = authenticator;
    this.addresses = addresses;
    this.csrfTokens = csrfTokens;
    this.nodeId = identity.nodeId();
  }

  record Login(String username, String password) {}

  @PostMapping("/api/login")
  Map<String, Object> login(
      @RequestBody Login body, HttpServletRequest request, HttpServletResponse response) {
    CatalogUser user = authenticator.check(body.username(), body.password(), addresses.of(request));
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    request.getSession(true);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(Authenticator.token(user));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    CsrfToken token = csrfTokens.generateToken(request);
    csrfTokens.saveToken(token, request, response);
    return describe(user, token);
  }

  @PostMapping("/api/logout")
  ResponseEntity<Void> logout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/me")
  Map<String, Object> me(HttpServletRequest request) {
    CsrfToken token = request.getSession(false) == null ? null : csrfTokens.loadToken(request);
    return describe(CurrentUser.get(), token);
  }

  private Map<String, Object> describe(CatalogUser user, CsrfToken token) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", user.id());
    body.put("username", user.username());
    body.put("profile", user.profile() == null ? "guest" : user.profile().apiName());
    body.put("groups", user.groups());
    body.put("node", nodeId);
    if (token != null) {
      body.put("csrfHeader", token.getHeaderName());
      body.put("csrfToken", token.getToken());
    }
    return body;
  }

  @ExceptionHandler(BadCredentialsException.class)
  ResponseEntity<ProblemDetail> badCredentials(BadCredentialsException e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(problem(HttpStatus.UNAUTHORIZED, "Login failed", Authenticator.BAD_CREDENTIALS));
  }

  @ExceptionHandler(LoginLockedException.class)
  ResponseEntity<ProblemDetail> locked(LoginLockedException e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
        .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", e.getMessage()));
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }
}
