package org.spatialcatalog.node.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node given a setting under {@code catalog.} that no part of the node reads,
 * such as a misspelt {@code --catalog.sync.poll-intervall=1s}, and names the closest setting there
 * is. Spring ignores such a name, so the node would run on the default the operator meant to
 * change.
 *
 * <p>The settings there are: every property of the node's {@code @ConfigurationProperties} classes
 * under {@code catalog}, found among the bean definitions, and the few read by a placeholder
 * ({@link #READ_BY_PLACEHOLDER}). Relaxed names are matched as Spring binds them ({@code
 * pollInterval}, {@code poll-interval} and {@code poll_interval} are one name), and anything below
 * a map or list setting is accepted.
 *
 * <p>Checked: the command line and properties files ({@code application.properties}, {@code
 * --spring.config.additional-location}). Not checked: environment variables and system properties,
 * where names under {@code catalog.} also come from the launching shell ({@code CATALOG_JAVA_OPTS})
 * and from the launcher ({@code -Dcatalog.jar}).
 *
 * <p>It runs before any bean is made, so a refused node has not migrated the database, joined the
 * broker or listened on its port.
 */
@Component
class UnknownSettings implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

  private static final String ROOT = "catalog";

  /** Settings read with {@code ${...}} rather than bound to a properties class. */
  static final List<String> READ_BY_PLACEHOLDER =
      List.of(
          "catalog.public-url",
          "catalog.settings-poll-interval",
          "catalog.index-config-poll-interval",
          "catalog.thesaurus-poll-interval");

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (!(environment instanceof ConfigurableEnvironment configurable)) {
      return;
    }
    Known known = new Known();
    READ_BY_PLACEHOLDER.forEach(known::leaf);
    for (String name : beanFactory.getBeanDefinitionNames()) {
      Class<?> type = beanFactory.getType(name, false);
      ConfigurationProperties annotation =
          type == null
              ? null
              : AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class);
      if (annotation != null) {
        String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
        if (prefix.equals(ROOT) || prefix.startsWith(ROOT + ".")) {
          known.properties(prefix, type);
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (PropertySource<?> source : configurable.getPropertySources()) {
      if (checked(source)) {
        for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
          if (name.startsWith(ROOT + ".") && !known.accepts(name)) {
            problems.add(problem(name, source, known));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(null);
      throw new IllegalArgumentException(
          String.join("; ", problems) + "; the settings are listed in docs/configuration.md");
    }
  }

  private static boolean checked(PropertySource<?> source) {
    return source instanceof CommandLinePropertySource<?>
        || source instanceof OriginTrackedMapPropertySource;
  }

  private static String problem(String name, PropertySource<?> source, Known known) {
    String where =
        source instanceof CommandLinePropertySource<?>
            ? "on the command line"
            : "in " + where(source);
    String closest = known.closest(name);
    return "unknown setting "
        + name
        + " "
        + where
        + (closest == null ? "" : " (did you mean " + closest + "?)");
  }

  /** "file [/etc/node.properties]" out of Spring's name of a config data source. */
  private static String where(PropertySource<?> source) {
    String name = source.getName();
    int start = name.indexOf('\'');
    int end = name.indexOf('\'', start + 1);
    return start >= 0 && end > start ? name.substring(start + 1, end) : name;
  }

  /** The setting names there are, leaves and the roots of maps and lists. */
  static final class Known {
    private final TreeSet<String> leaves = new TreeSet<>();
    private final TreeSet<String> open = new TreeSet<>();

    void leaf(String name) {
      leaves.add(name);
    }

    /** Every property of a {@code @ConfigurationProperties} type bound at {@code prefix}. */
    void properties(String prefix, Class<?> type) {
      if (!type.isRecord()) {
        // A JavaBean's properties are not walked here: anything below its prefix is accepted.
        open.add(prefix);
        return;
      }
      for (RecordComponent component : type.getRecordComponents()) {
        String name = prefix + "." + dashed(component.getName());
        Class<?> value = component.getType();
        if (Map.class.isAssignableFrom(value)) {
          open.add(name);
        } else if (Collection.class.isAssignableFrom(value) || value.isArray()) {
          leaves.add(name);
          open.add(name);
        } else if (value.isRecord() && !value.getName().startsWith("java.")) {
          properties(name, value);
        } else {
          leaves.add(name);
        }
      }
    }

    boolean accepts(String name) {
      String key = uniform(name);
      for (String leaf : leaves) {
        if (uniform(leaf).equals(key)) {
          return true;
        }
      }
      for (String root : open) {
        String start = uniform(root);
        if (key.startsWith(start + ".") || key.startsWith(start + "[")) {
          return true;
        }
      }
      return false;
    }

    /** The known name closest to {@code name} in edits, if it is close enough to be a typo. */
    String closest(String name) {
      String key = uniform(name);
      String best =
          leaves.stream()
              .min(Comparator.comparingInt(leaf -> distance(uniform(leaf), key)))
              .orElse(null);
      return best != null && distance(uniform(best), key) <= Math.max(2, key.length() / 5)
          ? best
          : null;
    }

    /** All names, for tests. */
    List<String> all() {
      List<String> all = new ArrayList<>(leaves);
      open.forEach(root -> all.add(root + ".*"));
      return all;
    }
  }

  /** {@code pollInterval}, {@code poll-interval} and {@code poll_interval} all as pollinterval. */
  static String uniform(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static String dashed(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
