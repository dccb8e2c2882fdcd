package org.spatialcatalog.node.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module and package rules of the house style, checked on the compiled main classes of every
 * module: the test classpath holds {@code index}, {@code messaging} and {@code cluster-config} too,
 * as class folders under {@code mvn test} and as jars under {@code mvn verify}, so jars are
 * imported (only packages under {@code org.spatialcatalog}). A rule that breaks names the classes
 * and the dependency at fault.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.spatialcatalog");
  }

  @Test
  void indexAndMessagingNeverDependOnEachOtherOrOnTheNode() {
    noClasses()
        .that()
        .resideInAPackage("org.spatialcatalog.index..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.spatialcatalog.messaging..", "org.spatialcatalog.node..")
        .check(main);
    noClasses()
        .that()
        .resideInAPackage("org.spatialcatalog.messaging..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.spatialcatalog.index..", "org.spatialcatalog.node..")
        .check(main);
  }

  @Test
  void theNodesFeaturePackagesHaveNoCycles() {
    slices().matching("org.spatialcatalog.node.(*)..").should().beFreeOfCycles().check(main);
  }

  /**
   * The harvest packages form layers (definition, job, source, the engine in {@code harvest}
   * itself, schedule, api): {@code harvest}'s own classes are one slice and each subpackage, with
   * its own subpackages, another, and no two of them may depend on each other.
   */
  @Test
  void theHarvestPackagesHaveNoCycles() {
    slices().assignedFrom(HARVEST_PACKAGES).should().beFreeOfCycles().check(main);
  }

  private static final String HARVEST = "org.spatialcatalog.node.harvest";

  private static final SliceAssignment HARVEST_PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
          String p = javaClass.getPackageName();
          if (p.equals(HARVEST)) {
            return SliceIdentifier.of("harvest");
          }
          if (p.startsWith(HARVEST + ".")) {
            return SliceIdentifier.of(
                "harvest." + p.substring(HARVEST.length() + 1).split("\\.")[0]);
          }
          return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "harvest and its subpackages";
        }
      };

  @Test
  void controllersArePackagePrivate() {
    classes()
        .that()
        .areAnnotatedWith(RestController.class)
        .or()
        .areAnnotatedWith(Controller.class)
        .should()
        .notHaveModifier(JavaModifier.PUBLIC)
        .check(main);
  }

  @Test
  void onlyTheXmlPackageCreatesXmlParsers() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.spatialcatalog.node.xml..")
        .should()
        .callMethod(DocumentBuilderFactory.class, "newInstance")
        .orShould()
        .callMethod(DocumentBuilderFactory.class, "newDefaultInstance")
        .orShould()
        .callMethod(SAXParserFactory.class, "newInstance")
        .orShould()
        .callMethod(SAXParserFactory.class, "newDefaultInstance")
        .orShould()
        .callMethod(XMLInputFactory.class, "newInstance")
        .orShould()
        .callMethod(XMLInputFactory.class, "newFactory")
        .orShould()
        .callMethod(XMLInputFactory.class, "newDefaultFactory")
        .orShould()
        .callMethod(TransformerFactory.class, "newInstance")
        .orShould()
        .callMethod(TransformerFactory.class, "newDefaultInstance")
        .orShould()
        .callMethod(SchemaFactory.class, "newInstance", String.class)
        .orShould()
        .callMethod(SchemaFactory.class, "newDefaultInstance")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("com.ctc.wstx..")
        .check(main);
  }
}
