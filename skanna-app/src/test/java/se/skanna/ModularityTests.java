package se.skanna;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** Module boundaries and house rules, checked on every build. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(SkannaApplication.class);
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("se.skanna");

    @Test
    void modules_only_use_each_others_public_api_and_have_no_cycles() {
        MODULES.verify();
    }

    @Test
    void the_expected_business_modules_exist() {
        org.assertj.core.api.Assertions.assertThat(
                        MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("store", "staff", "web", "shared", "demo");
    }

    @Test
    void controllers_are_not_public_api() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(Controller.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .check(MAIN);
    }

    @Test
    void no_jpa_anywhere() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.persistence..")
                .check(MAIN);
    }

    @Test
    void time_comes_from_the_injected_clock() {
        noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .check(MAIN);
    }

    @Test
    void dependencies_are_injected_through_constructors() {
        fields().should().notBeAnnotatedWith(Autowired.class).check(MAIN);
    }
}
