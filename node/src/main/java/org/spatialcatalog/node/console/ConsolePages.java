package org.spatialcatalog.node.console;

import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Readable addresses of the console pages, each answered by one static page: {@code /} (search),
 * {@code /record/{id}}, {@code /login}, {@code /account} (any logged-in user) and {@code
 * /admin/{page}}.
 */
@Controller
class ConsolePages {

  /** The administration pages; each is {@code static/console/admin/<name>.html}. */
  static final Set<String> ADMIN_PAGES =
      Set.of("cluster", "settings", "harvesters", "jobs", "users", "locks");

  @GetMapping({"/", "/index.html"})
  String search() {
    return "forward:/console/index.html";
  }

  @GetMapping("/record/{id}")
  String record(@PathVariable String id) {
    return "forward:/console/record.html";
  }

  @GetMapping("/login")
  String login() {
    return "forward:/console/login.html";
  }

  @GetMapping("/account")
  String account() {
    return "forward:/console/account.html";
  }

  @GetMapping("/admin")
  String admin() {
    return "redirect:/admin/cluster";
  }

  @GetMapping("/admin/{page}")
  String admin(@PathVariable String page) {
    if (!ADMIN_PAGES.contains(page)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no console page " + page);
    }
    return "forward:/console/admin/" + page + ".html";
  }
}
