package org.spatialcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.settings.Settings;

class SettingsFormTest {

  @Test
  void describesEveryLiveSettingWithItsType() {
    var fields = new SettingsForm().definitions();
    assertThat(fields)
        .extracting(f -> f.get("key"))
        .containsExactlyElementsOf(Settings.all().keySet());
    Map<Object, Object> types = new java.util.HashMap<>();
    fields.forEach(f -> types.put(f.get("key"), f.get("type")));
    assertThat(types)
        .containsEntry("cluster.enabled", "boolean")
        .containsEntry("metadata.versioning", "boolean")
        .containsEntry("cluster.jmsPassword", "password")
        .containsEntry("cluster.jmsUrl", "text")
        .containsEntry("site.name", "text");
    assertThat(fields).allSatisfy(f -> assertThat((String) f.get("description")).isNotBlank());
  }
}
