package se.skanna.gs1;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The barcode rules stay plain Java: no framework can leak into them. */
class PureJavaTest {

    @Test
    void the_gs1_module_depends_on_the_jdk_only() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", "se.skanna.gs1..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("se.skanna.gs1"));
    }
}
