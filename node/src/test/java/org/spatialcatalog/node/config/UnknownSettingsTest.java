package org.spatialcatalog.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * A setting under {@code catalog.} that the node does not have stops the start with its name and
 * the closest one there is; every setting the node reads, in any of Spring's relaxed spellings,
 * passes.
 */
class UnknownSettingsTest {

  @Test
  void everySettingTheNodeReadsPassesInAnyRelaxedSpelling() {
    assertThatCode(
            () ->
                check(
                    "--catalog.node-dir=/n",
                    "--catalog.sync.pollInterval=1s",
                    "--catalog.sync.poll_interval=1s",
                    "--catalog.sync.commit-interval=5s",
                    "--catalog.harvest.folder-roots[0]=/data",
                    "--catalog.harvest.mail-to=a@b.org,c@d.org",
                    "--catalog.security.trusted-proxies=10.0.0.1",
                    "--catalog.lock.idle-timeout=10m",
                    "--catalog.oai.base-url=http://x/oai",
                    "--catalog.csw.max-records=10",
                    "--catalog.attachments.max-upload-size=5MB",
                    "--catalog.public-url=http://x",
                    "--catalog.settings-poll-interval=500",
                    "--server.port=0",
                    "--spring.datasource.url=jdbc:h2:mem:x"))
        .doesNotThrowAnyException();
  }

  @Test
  void aMisspeltSettingIsNamedWithTheClosestOne() {
    assertThatThrownBy(() -> check("--catalog.sync.poll-intervall=1s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "unknown setting catalog.sync.poll-intervall on the command line"
                + " (did you mean catalog.sync.poll-interval?);");
  }

  @Test
  void aNameFarFromEverySettingGetsNoGuess() {
    assertThatThrownBy(() -> check("--catalog.frobnicate=1", "--catalog.lock.idle-timout=1m"))
        .hasMessage(
            "unknown setting catalog.frobnicate on the command line; unknown setting"
                + " catalog.lock.idle-timout on the command line (did you mean"
                + " catalog.lock.idle-timeout?); the settings are listed in docs/configuration.md");
  }

  @Test
  void aPropertiesFileIsCheckedAndNamed() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new OriginTrackedMapPropertySource(
                "Config resource 'file [/etc/catalog/node.properties]' via location"
                    + " '/etc/catalog/node.properties'",
                Map.of("catalog.harvest.batch-sise", "50")));

    assertThatThrownBy(() -> check(environment))
        .hasMessageStartingWith(
            "unknown setting catalog.harvest.batch-sise in file [/etc/catalog/node.properties]"
                + " (did you mean catalog.harvest.batch-size?);");
  }

  @Test
  void environmentVariablesAreNotChecked() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test",
                Map.of("CATALOG_JAVA_OPTS", "-Xmx1g", "catalog.not-a-setting", "x")));

    assertThatCode(() -> check(environment)).doesNotThrowAnyException();
  }

  /**
   * A setting read by a placeholder and missing from the list would stop every node that sets it; a
   * setting the catalog's own commands or tests pass to a node would stop that node.
   */
  @Test
  void everySettingTheCodeReadsOrPassesIsASetting() throws IOException {
    Pattern named = Pattern.compile("(?:\\$\\{|\"--)(catalog\\.[a-z0-9.-]+)[:}=]");
    StringBuilder found = new StringBuilder();
    for (String root : new String[] {"src/main/java", "src/test/java"}) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String text = Files.readString(file);
          if (text.contains("unknown setting catalog.")) {
            continue; // a test of the refusal, with misspelt names on purpose
          }
          Matcher m = named.matcher(text);
          while (m.find()) {
            String name = m.group(1);
            found.append(name).append(' ');
            assertThatCode(() -> check("--" + name + "=1"))
                .as(name + " in " + file)
                .doesNotThrowAnyException();
          }
        }
      }
    }
    assertThat(found.toString())
        .contains("catalog.public-url", "catalog.thesaurus-poll-interval", "catalog.sync.");
  }

  private static void check(String... commandLine) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(commandLine));
    check(environment);
  }

  /** As in a node: every {@code @ConfigurationProperties} class of the catalog is a bean. */
  private static void check(StandardEnvironment environment) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    ClassPathScanningCandidateComponentProvider scan =
        new ClassPathScanningCandidateComponentProvider(false);
    scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    for (BeanDefinition found : scan.findCandidateComponents("org.spatialcatalog")) {
      beans.registerBeanDefinition(
          found.getBeanClassName(), new RootBeanDefinition(found.getBeanClassName()));
    }
    UnknownSettings settings = new UnknownSettings();
    settings.setEnvironment(environment);
    settings.postProcessBeanFactory(beans);
  }
}
