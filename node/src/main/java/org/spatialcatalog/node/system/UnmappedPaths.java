package org.spatialcatalog.node.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Matches requests that no controller answers (outside {@code /actuator}), so the security chain
 * can let them through to the dispatcher's 404 instead of asking guests to log in: a browser would
 * otherwise show a login prompt for a mistyped URL. A path that exists with another method counts
 * as answered, and so keeps its protection.
 */
@Component
class UnmappedPaths implements RequestMatcher {

  private final ObjectProvider<HandlerMapping> controllers;

  UnmappedPaths(
      @Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> controllers) {
    this.controllers = controllers;
  }

  @Override
  public boolean matches(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/actuator") || path.startsWith("/actuator/")) {
      return false;
    }
    Object parsed = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
    try {
      ServletRequestPathUtils.parseAndCache(request);
      return controllers.getObject().getHandler(request) == null;
    } catch (Exception answeredOtherwise) {
      // For example "method not supported": the path exists.
      return false;
    } finally {
      if (parsed == null) {
        request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
      } else {
        request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, parsed);
      }
    }
  }
}
