package org.spatialcatalog.node.system;

import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Who may call what: reads of records, search and health are public; writes and admin calls need
 * HTTP Basic as {@code admin}. Failures answer with {@code application/problem+json}.
 */
@Configuration
class SecurityConfig {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized()))
        .exceptionHandling(
            e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/api/records/*/versions", "/api/records/*/versions/**")
                    .hasRole("ADMIN")
                    .requestMatchers(HttpMethod.GET, "/api/records/**", "/api/search", "/api/thesauri/*/concepts",
                        "/api/thesauri/*/concept")
                    .permitAll()
                    .requestMatchers("/actuator/health/**", "/actuator/health", "/error")
                    .permitAll()
                    .anyRequest()
                    .hasRole("ADMIN"));
    return http.build();
  }

  @Bean
  AdminAuthenticationProvider adminAuthentication(CatalogProperties properties) {
    String password = properties.adminPassword();
    if (password == null || password.isBlank()) {
      byte[] bytes = new byte[12];
      new SecureRandom().nextBytes(bytes);
      password = HexFormat.of().formatHex(bytes);
      log.warn("No admin password configured; generated one for this run: {}", password);
    }
    return new AdminAuthenticationProvider(password);
  }

  private static AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Basic realm=\"catalog\"");
      writeProblem(response, 401, "Unauthorized", "authentication required: HTTP Basic as admin");
    };
  }

  private static AccessDeniedHandler forbidden() {
    return (request, response, e) ->
        writeProblem(response, 403, "Forbidden", "this call needs the Administrator profile");
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
