package org.spatialcatalog.node.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.spatialcatalog.node.user.AdminAccount;
import org.spatialcatalog.node.user.Authenticator;
import org.spatialcatalog.node.user.ClientAddress;
import org.spatialcatalog.node.user.LoginLockedException;
import org.spatialcatalog.node.user.SecurityProperties;
import org.spatialcatalog.node.user.SessionRevisionFilter;
import org.spatialcatalog.node.user.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Who may call what, and how callers authenticate.
 *
 * <p>Reads of records (filtered by view privileges, also with {@code HEAD}), search, OAI-PMH
 * ({@code GET} and {@code POST /oai}), thesaurus lookups and health are public; creating records
 * needs the Editor or Administrator profile; saving, deleting, locking and changing the privileges
 * of a record need a login, and the record's own privileges decide (checked in the record,
 * privilege and lock packages); {@code /csw} is public and its operations apply the same checks per
 * caller; everything else needs the Administrator profile; a path no endpoint answers is 404 for
 * everyone. Callers authenticate with HTTP Basic on every request (scripts; the configured {@code
 * admin} works as before) or with a session from {@code POST /api/login}, which ends at the next
 * request after the user changes. A state-changing call that relies on the session cookie must
 * carry the session's CSRF token; calls with an {@code Authorization} header cannot be forged
 * cross-site and need none. Failures answer with {@code application/problem+json}.
 */
@Configuration
class SecurityConfig {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /**
   * Paths anyone may read with GET and HEAD. Record reads are still filtered by each record's view
   * privilege, attachments by its download privilege. New public read endpoints (for example
   * protocol endpoints) are added here.
   */
  static final List<String> PUBLIC_READS =
      List.of(
          "/api/records/**",
          "/api/search",
          "/api/thesauri/*/concepts",
          "/api/thesauri/*/concept",
          "/api/me",
          "/actuator/health",
          "/actuator/health/**",
          "/error",
          // OAI-PMH (POST, its form-encoded GET, is opened below).
          "/oai");

  /** Calls that need a login; the record, privilege, lock and attachment code decides the rest. */
  static final List<String> LOGGED_IN_WRITES =
      List.of(
          "PUT /api/records/*",
          "PUT /api/records/*/privileges",
          "DELETE /api/records/*",
          "POST /api/records/*/lock",
          "PUT /api/records/*/lock",
          "DELETE /api/records/*/lock",
          "POST /api/records/*/attachments",
          "DELETE /api/records/*/attachments/*",
          "PUT /api/me/password");

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      Authenticator authenticator,
      CsrfTokenRepository csrfTokens,
      ClientAddress addresses,
      UserRepository users,
      AdminAccount admin,
      UnmappedPaths unmapped)
      throws Exception {
    http.csrf(
            csrf ->
                csrf.csrfTokenRepository(csrfTokens)
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(SecurityConfig::writesWithSessionCookie))
        // The chain's only authentication manager, without the global one as parent: a failed
        // password is checked, and counted by the login throttle, once per request.
        .authenticationManager(new ProviderManager(authenticator))
        // A guest's 401 must not open a session just to remember the request.
        .requestCache(cache -> cache.disable())
        .httpBasic(
            basic ->
                basic
                    .authenticationEntryPoint(unauthorized())
                    .authenticationDetailsSource(addresses::of))
        .addFilterBefore(
            new SessionRevisionFilter(users, admin), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
        .authorizeHttpRequests(
            auth -> {
              auth.requestMatchers(HttpMethod.POST, "/api/login", "/api/logout").permitAll();
              // The error page renders the problem of any refused or failed request, whatever its
              // method.
              auth.requestMatchers("/error").permitAll();
              auth.requestMatchers("/api/records/*/versions", "/api/records/*/versions/**")
                  .hasRole("ADMIN");
              for (HttpMethod read : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
                auth.requestMatchers(read, PUBLIC_READS.toArray(String[]::new)).permitAll();
              }
              // OAI-PMH is read-only; its POST is the form-encoded GET.
              auth.requestMatchers(HttpMethod.POST, "/oai").permitAll();
              // CSW is public like search; its operations check the caller themselves (view
              // privileges in queries, the record service's rules in Transaction).
              auth.requestMatchers("/csw").permitAll();
              auth.requestMatchers(HttpMethod.POST, "/api/records").hasAnyRole("ADMIN", "EDITOR");
              for (String call : LOGGED_IN_WRITES) {
                String[] parts = call.split(" ");
                auth.requestMatchers(HttpMethod.valueOf(parts[0]), parts[1]).authenticated();
              }
              // No endpoint answers here: let the dispatcher say 404 instead of asking for a login.
              auth.requestMatchers(unmapped).permitAll();
              auth.anyRequest().hasRole("ADMIN");
            });
    return http.build();
  }

  /**
   * Only a browser-held session cookie can be abused cross-site; a login creates the session and is
   * exempt (it also replaces any old session), and so is the read-only OAI-PMH POST.
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

  /**
   * No Spring Security observations. Turning them off by property
   * (management.observations.enable.spring.security) only made each observation a no-op: the filter
   * chain was still wrapped, one wrapper per filter built on every request, which the bench sync
   * profile showed as 3-4 % of a write's request thread. With these settings the chain is not
   * wrapped at all. The request timers (http.server.requests) stay.
   */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  ClientAddress clientAddress(SecurityProperties properties) {
    return new ClientAddress(properties.trustedProxies());
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
      writeProblem(
          response,
          401,
          "Unauthorized",
          "authentication required: log in with POST /api/login or use HTTP Basic");
    };
  }

  private static AccessDeniedHandler forbidden() {
    return (request, response, e) -> {
      if (e instanceof CsrfException) {
        writeProblem(
            response,
            403,
            "Forbidden",
            "missing or invalid CSRF token: send the X-CSRF-TOKEN header from the login answer");
        return;
      }
      writeProblem(response, 403, "Forbidden", "your profile does not allow this call");
    };
  }

  static void writeProblem(HttpServletResponse response, int status, String title, String detail)
      throws java.io.IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"status\":"
                + status
                + ",\"title\":\""
                + title
                + "\",\"detail\":\""
                + detail
                + "\"}");
  }
}
