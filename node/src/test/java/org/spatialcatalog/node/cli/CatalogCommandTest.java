package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line itself, in-process: versions, help texts and option checking. */
class CatalogCommandTest {

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CatalogCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void versionIsPrintedByEveryCommand() {
    for (String[] args :
        new String[][] {
          {"-V"}, {"--version"}, {"node", "--version"}, {"demo", "-V"}, {"broker", "--version"}
        }) {
      Run r = run(args);
      assertThat(r.exit()).isZero();
      assertThat(r.out()).as(String.join(" ", args)).startsWith("catalog ");
    }
  }

  @Test
  void unknownOptionsAreErrorsWhileDottedSettingsPassThrough() {
    Run bogus = run("node", "--bogus");
    assertThat(bogus.exit()).isEqualTo(2);
    assertThat(bogus.err()).contains("Unknown option: --bogus");
    Run typo = run("node", "--node-dri=/tmp/x");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("--node-dri");
    assertThat(run("demo", "--bogus").exit()).isEqualTo(2);
    assertThat(run("broker", "--bogus").exit()).isEqualTo(2);
  }

  @Test
  void decommissionWithoutWhatItNeedsIsAConfigurationErrorInOneLine(@TempDir Path empty) {
    Run nothing = run("node", "--decommission");
    assertThat(nothing.exit()).isEqualTo(2);
    assertThat(nothing.err().strip())
        .isEqualTo("node not decommissioned: --decommission needs --node-dir DIR or --node-id ID");
    Run noIdentity = run("node", "--decommission", "--node-dir=" + empty);
    assertThat(noIdentity.exit()).isEqualTo(2);
    assertThat(noIdentity.err()).contains("holds no node identity");
    assertThat(empty).isEmptyDirectory();
    Run noDatabase = run("node", "--decommission", "--node-id=node-x");
    assertThat(noDatabase.exit()).isEqualTo(2);
    assertThat(noDatabase.err()).contains("needs --db-url");
    Run noBroker = run("node", "--decommission", "--node-id=node-x", "--db-url=jdbc:h2:mem:x");
    assertThat(noBroker.exit()).isEqualTo(2);
    assertThat(noBroker.err()).contains("needs --broker-url");
    Run idAlone = run("node", "--node-id=node-x");
    assertThat(idAlone.exit()).isEqualTo(2);
    assertThat(idAlone.err()).contains("--node-id is only for --decommission");
  }

  @Test
  void helpDescribesEveryOptionWithItsDefaultAndTheEnvironment() {
    String demo = run("demo", "--help").out();
    for (String option :
        new String[] {"--broker-port", "--data", "--db-port", "--nodes", "--base-port", "--bind"}) {
      assertThat(description(demo, option)).as(option).isNotBlank();
    }
    assertThat(demo).contains("Default: 3").contains("Default: demo-data");
    String broker = run("broker", "--help").out();
    assertThat(broker).contains("--port").contains("Default: 61616");
    String node = run("node", "--help").out();
    assertThat(node)
        .contains("--bind")
        .contains("CATALOG_NODE_DIR")
        .contains("--spring.config.additional-location");
  }

  @Test
  void demoBrokerAndDatabasePortsMoveWithTheBasePortUnlessGiven() {
    assertThat(DemoCommand.brokerPort(null, 8080)).isEqualTo(61616);
    assertThat(DemoCommand.dbPort(null, 8080)).isEqualTo(9092);
    assertThat(DemoCommand.brokerPort(null, 8180)).isEqualTo(61716);
    assertThat(DemoCommand.dbPort(null, 8180)).isEqualTo(9192);
    assertThat(DemoCommand.brokerPort(61000, 8180)).isEqualTo(61000);
    assertThat(DemoCommand.dbPort(9000, 8180)).isEqualTo(9000);
  }

  @Test
  void aSecondDemoRunSaysItKeptTheExistingData() {
    java.nio.file.Path dir = java.nio.file.Path.of("/tmp/demo-data");
    assertThat(DemoCommand.sampleLine(12, 0, dir)).isEqualTo("loaded 12 sample records");
    assertThat(DemoCommand.sampleLine(0, 12, dir))
        .isEqualTo("kept the existing data in /tmp/demo-data (12 sample records already there)");
  }

  /** The help text of {@code option}: the rest of its line and the lines up to the next option. */
  static String description(String help, String option) {
    List<String> lines = help.lines().toList();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith(option)) {
        text.append(line.replaceFirst("^\\S+", ""));
        for (int j = i + 1; j < lines.size() && !lines.get(j).strip().startsWith("-"); j++) {
          text.append(lines.get(j));
        }
        break;
      }
    }
    return text.toString().strip();
  }
}
