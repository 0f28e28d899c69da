package se.skanna;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Skanna's code, main and test, reads and writes JSON with Jackson 3 ({@code tools.jackson}) only. Jackson 2's
 * databind is on the runtime classpath for springdoc's swagger-core alone (skanna-app/pom.xml, runtime scope);
 * the annotations ({@code com.fasterxml.jackson.annotation}) are Jackson 3's as well and stay allowed.
 */
class OneJacksonTest {

    static final JavaClasses SKANNA = new ClassFileImporter().importPackages("se.skanna");

    @Test
    void no_code_of_skanna_uses_jackson_2() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.fasterxml.jackson.databind..",
                        "com.fasterxml.jackson.core..",
                        "com.fasterxml.jackson.dataformat..",
                        "com.fasterxml.jackson.datatype..")
                .because("Skanna uses Jackson 3 (tools.jackson); Jackson 2 is there for springdoc only")
                .check(SKANNA);
    }
}
