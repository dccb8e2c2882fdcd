package org.spatialcatalog.node.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.settings.SettingDefinition;
import org.spatialcatalog.node.settings.Settings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/settings/definitions}: what the settings form needs to draw a typed field
 * per live setting (key, type, description, default). Values and validation stay with {@code
 * /api/admin/settings}.
 */
@RestController
class SettingsForm {

  @GetMapping("/api/admin/settings/definitions")
  List<Map<String, Object>> definitions() {
    List<Map<String, Object>> fields = new ArrayList<>();
    for (SettingDefinition<?> d : Settings.all().values()) {
      Map<String, Object> field = new LinkedHashMap<>();
      field.put("key", d.key());
      field.put("type", type(d));
      field.put("description", d.description());
      field.put("defaultValue", d.defaultValue());
      fields.add(field);
    }
    return fields;
  }

  /** Boolean when the parser takes exactly true and false; secrets are passwords. */
  static String type(SettingDefinition<?> d) {
    if (d.secret()) {
      return "password";
    }
    try {
      if (d.parser().apply("true") instanceof Boolean) {
        return "boolean";
      }
    } catch (IllegalArgumentException notBoolean) {
      // a text setting that refuses "true" (a URL, say)
    }
    return "text";
  }
}
