package org.spatialcatalog.node.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Who may open which console page. A filter chain of its own, checked before the API's, so that the
 * API's rules (and its Basic challenge) stay exactly as they are.
 *
 * <p>The chain only reads the session's login (made by {@code POST /api/login}); it accepts no
 * credentials itself, so a browser never gets a {@code WWW-Authenticate} header from a page.
 */
@Configuration
class ConsoleSecurity {

  /** Every path the console serves; nothing else goes through this chain. */
  static final String[] PATHS = {
    "/",
    "/index.html",
    "/console/**",
    "/webjars/**",
    "/admin",
    "/admin/**",
    "/record/**",
    "/login",
    "/account",
    "/favicon.ico"
  };

  @Bean
  @Order(1)
  SecurityFilterChain console(HttpSecurity http) throws Exception {
    http.securityMatcher(PATHS)
        // Only GETs of pages and files: there is nothing to forge here. The API keeps its CSRF.
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .headers(headers -> headers.cacheControl(cache -> cache.disable()))
        .exceptionHandling(
            e -> e.authenticationEntryPoint(toLogin()).accessDeniedHandler(forbidden()))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/admin", "/admin/**", "/console/admin/**")
                    .hasRole("ADMIN")
                    .requestMatchers("/account")
                    .authenticated()
                    .anyRequest()
                    .permitAll());
    return http.build();
  }

  /** A guest asking for an admin page or the account page logs in first, then comes back. */
  private static AuthenticationEntryPoint toLogin() {
    return (request, response, e) -> {
      String next = request.getRequestURI();
      response.sendRedirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    };
  }

  /** A logged-in user without the Administrator profile sees a page saying so, with status 403. */
  private static AccessDeniedHandler forbidden() {
    return (request, response, e) -> {
      response.setStatus(403);
      response.setContentType("text/html;charset=UTF-8");
      try (InputStream page = new ClassPathResource("static/console/403.html").getInputStream()) {
        page.transferTo(response.getOutputStream());
      } catch (IOException missing) {
        response.getWriter().write("403 Forbidden: administrators only");
      }
    };
  }
}
