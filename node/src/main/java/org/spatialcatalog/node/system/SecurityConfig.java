package org.spatialcatalog.node.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.user.AdminAccount;
import org.spatialcatalog.node.user.Authenticator;
import org.spatialcatalog.node.user.LoginLockedException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, and how callers authenticate.
 *
 * <p>Reads of records (filtered by view privileges), search, OAI-PMH ({@code GET} and {@code
 * POST /oai}), thesaurus lookups and health are public; creating records needs the Editor or Administrator profile; saving, deleting, locking
 * and changing the privileges of a record need a login, and the record's own privileges decide
 * (checked in the record, privilege and lock packages); {@code /csw} is public and its
 * operations apply the same checks per caller; everything else needs the Administrator
 * profile. Callers authenticate with HTTP Basic on every request (scripts; the configured
 * {@code admin} works as before) or with a session from {@code POST /api/login}. A
 * state-changing call that relies on the session cookie must carry the session's CSRF token;
 * calls with an {@code Authorization} header cannot be forged cross-site and need none. Failures
 * answer with {@code application/problem+json}.
 */
@Configuration
class SecurityConfig {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Bean
  SecurityFilterChain api(HttpSecurity http, Authenticator authenticator,
      CsrfTokenRepository csrfTokens) throws Exception {
    http.csrf(csrf -> csrf
            .csrfTokenRepository(csrfTokens)
            .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
            .requireCsrfProtectionMatcher(SecurityConfig::writesWithSessionCookie))
        .authenticationProvider(authenticator)
        // A guest's 401 must not open a session just to remember the request.
        .requestCache(cache -> cache.disable())
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
        .exceptionHandling(
            e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(HttpMethod.POST, "/api/login", "/api/logout")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/me")
                    .permitAll()
                    .requestMatchers("/api/records/*/versions", "/api/records/*/versions/**")
                    .hasRole("ADMIN")
                    .requestMatchers(HttpMethod.GET, "/api/records/**", "/api/search",
                        "/api/thesauri/*/concepts", "/api/thesauri/*/concept")
                    .permitAll()
                    .requestMatchers("/actuator/health/**", "/actuator/health", "/error")
                    .permitAll()
                    // OAI-PMH is read-only; POST is its form-encoded GET.
                    .requestMatchers(HttpMethod.GET, "/oai")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/oai")
                    .permitAll()
                    // CSW is public like search; its operations check the caller themselves
                    // (view privileges in queries, the record service's rules in Transaction).
                    .requestMatchers("/csw")
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/records")
                    .hasAnyRole("ADMIN", "EDITOR")
                    .requestMatchers(HttpMethod.PUT, "/api/records/*", "/api/records/*/privileges")
                    .authenticated()
                    .requestMatchers(HttpMethod.DELETE, "/api/records/*")
                    .authenticated()
                    .requestMatchers(HttpMethod.POST, "/api/records/*/lock")
                    .authenticated()
                    .requestMatchers(HttpMethod.DELETE, "/api/records/*/lock")
                    .authenticated()
                    .anyRequest()
                    .hasRole("ADMIN"));
    return http.build();
  }

  /**
   * Only a browser-held session cookie can be abused cross-site; a login creates the session
   * and is exempt (it also replaces any old session), and so is the read-only OAI-PMH POST.
   */
  private static boolean writesWithSessionCookie(HttpServletRequest request) {
    return !SAFE_METHODS.contains(request.getMethod())
        && request.getRequestedSessionId() != null
        && request.getHeader("Authorization") == null
        && !"/api/login".equals(request.getRequestURI())
        // OAI-PMH POST only reads; harvesters hold no CSRF token.
        && !"/oai".equals(request.getRequestURI());
  }

  @Bean
  CsrfTokenRepository csrfTokens() {
    return new HttpSessionCsrfTokenRepository();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  AdminAccount adminAccount(CatalogProperties properties) {
    String password = properties.adminPassword();
    if (password == null || password.isBlank()) {
      byte[] bytes = new byte[12];
      new SecureRandom().nextBytes(bytes);
      password = HexFormat.of().formatHex(bytes);
      log.warn("No admin password configured; generated one for this run: {}", password);
    }
    return new AdminAccount(password);
  }

  private static AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> {
      if (e instanceof LoginLockedException locked) {
        response.setHeader("Retry-After", String.valueOf(locked.retryAfterSeconds()));
        writeProblem(response, 429, "Too many failed logins", locked.getMessage());
        return;
      }
      // A page's own API calls (the console sends X-Requested-With) must not make the browser
      // open its Basic-auth dialog; every other client still gets the challenge.
      if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"catalog\"");
      }
      writeProblem(response, 401, "Unauthorized",
          "authentication required: log in with POST /api/login or use HTTP Basic");
    };
  }

  private static AccessDeniedHandler forbidden() {
    return (request, response, e) -> {
      if (e instanceof CsrfException) {
        writeProblem(response, 403, "Forbidden",
            "missing or invalid CSRF token: send the X-CSRF-TOKEN header from the login answer");
        return;
      }
      writeProblem(response, 403, "Forbidden", "your profile does not allow this call");
    };
  }

  private static void writeProblem(HttpServletResponse response, int status, String title,
      String detail) throws java.io.IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\"" + title
                + "\",\"detail\":\"" + detail + "\"}");
  }
}
