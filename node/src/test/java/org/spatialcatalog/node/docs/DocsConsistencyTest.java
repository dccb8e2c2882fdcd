package org.spatialcatalog.node.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.messaging.CatalogQueue;
import org.spatialcatalog.messaging.CatalogTopic;
import org.spatialcatalog.node.settings.SettingDefinition;
import org.spatialcatalog.node.settings.Settings;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Keeps {@code docs/} honest: every fixed configuration key (the {@code @ConfigurationProperties}
 * records) and every live setting is in docs/configuration.md with its default, every JMS
 * destination is in docs/messaging.md, and every HTTP mapping is in docs/api.md. A failure lists
 * everything missing at once.
 */
class DocsConsistencyTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final String BASE_PACKAGE = "org.spatialcatalog.node";

  @Test
  void everyConfigurationKeyIsDocumentedWithItsDefault() throws IOException {
    List<String> lines = Files.readAllLines(DOCS.resolve("configuration.md"));
    List<String> missing = new ArrayList<>();
    for (Class<?> type : annotatedClasses(ConfigurationProperties.class)) {
      ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
      String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
      collectKeys(type, prefix, lines, missing);
    }
    for (SettingDefinition<?> setting : Settings.all().values()) {
      checkDocumented(setting.key(), setting.defaultValue(), lines, missing);
    }
    assertThat(missing).as("keys missing from docs/configuration.md (or their default)").isEmpty();
  }

  @Test
  void everyJmsDestinationIsDocumented() throws IOException {
    String messaging = Files.readString(DOCS.resolve("messaging.md"));
    List<String> missing = new ArrayList<>();
    for (CatalogTopic topic : CatalogTopic.values()) {
      if (!messaging.contains(topic.baseName())) {
        missing.add(topic.baseName());
      }
    }
    for (CatalogQueue queue : CatalogQueue.values()) {
      if (!messaging.contains(queue.baseName())) {
        missing.add(queue.baseName());
      }
    }
    assertThat(missing).as("destinations missing from docs/messaging.md").isEmpty();
  }

  @Test
  void everyHttpMappingIsDocumented() throws IOException {
    String api = Files.readString(DOCS.resolve("api.md"));
    List<String> missing = new ArrayList<>();
    for (Class<?> controller : annotatedClasses(Controller.class)) {
      for (String path : mappedPaths(controller)) {
        if (!documentedPath(path).matcher(api).find()) {
          missing.add(path + " (" + controller.getSimpleName() + ")");
        }
      }
    }
    assertThat(missing).as("HTTP paths missing from docs/api.md").isEmpty();
  }

  private static void collectKeys(
      Class<?> type, String prefix, List<String> lines, List<String> missing) {
    if (!type.isRecord()) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + kebab(component.getName());
      Class<?> componentType = component.getType();
      if (componentType.isRecord() && componentType.getName().startsWith("org.spatialcatalog")) {
        collectKeys(componentType, key, lines, missing);
        continue;
      }
      DefaultValue defaultValue = component.getAnnotation(DefaultValue.class);
      String expected =
          defaultValue == null || defaultValue.value().length == 0
              ? null
              : String.join(",", defaultValue.value());
      checkDocumented(key, expected, lines, missing);
    }
  }

  /** A key is documented on a line that names it in backticks and, if it has one, its default. */
  private static void checkDocumented(
      String key, String defaultValue, List<String> lines, List<String> missing) {
    List<String> naming = lines.stream().filter(l -> l.contains("`" + key + "`")).toList();
    if (naming.isEmpty()) {
      missing.add(key);
    } else if (defaultValue != null
        && !defaultValue.isEmpty()
        && naming.stream().noneMatch(l -> l.contains(defaultValue))) {
      missing.add(key + " (default " + defaultValue + ")");
    }
  }

  private static List<String> mappedPaths(Class<?> controller) {
    String[] bases = {""};
    RequestMapping classMapping =
        AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
    if (classMapping != null && classMapping.path().length > 0) {
      bases = classMapping.path();
    }
    List<String> paths = new ArrayList<>();
    for (Method method : controller.getDeclaredMethods()) {
      RequestMapping mapping =
          AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
      if (mapping == null) {
        continue;
      }
      String[] own = mapping.path().length == 0 ? new String[] {""} : mapping.path();
      for (String base : bases) {
        for (String path : own) {
          paths.add(base + path);
        }
      }
    }
    return paths;
  }

  /** The path as the docs write it: any name inside braces, and a word boundary after it. */
  private static Pattern documentedPath(String path) {
    StringBuilder regex = new StringBuilder();
    for (String part : path.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "\\{[^}]+\\}" : Pattern.quote(part));
    }
    return Pattern.compile(regex + "(?![\\w/-])");
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }

  private static List<Class<?>> annotatedClasses(
      Class<? extends java.lang.annotation.Annotation> annotation) {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
    List<Class<?>> classes = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(BASE_PACKAGE)) {
      try {
        classes.add(Class.forName(candidate.getBeanClassName()));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return classes;
  }
}
