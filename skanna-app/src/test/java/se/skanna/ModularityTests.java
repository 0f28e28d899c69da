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

    /** The library modules are Maven modules of their own, without Spring: they use nothing of Skanna's. */
    static final java.util.Set<String> LIBRARIES = java.util.Set.of("gs1", "pricing", "decoder");

    @Test
    void every_module_of_the_application_declares_what_it_may_use() throws ClassNotFoundException {
        for (var module : MODULES) {
            String name = module.getIdentifier().toString();
            if (LIBRARIES.contains(name)) {
                org.assertj.core.api.Assertions.assertThat(
                                module.getDirectDependencies(MODULES).uniqueModules())
                        .as(name)
                        .isEmpty();
                continue;
            }
            Class<?> info = Class.forName(module.getBasePackage().getName() + ".package-info");
            org.assertj.core.api.Assertions.assertThat(
                            info.getAnnotation(org.springframework.modulith.ApplicationModule.class))
                    .as("package-info of %s declares @ApplicationModule(allowedDependencies = …)", name)
                    .isNotNull();
        }
    }

    /**
     * docs/architecture.md shows the modules as they are: its Mermaid picture is generated from the code here and
     * must match. The PlantUML views and module canvases of Spring Modulith's Documenter are written to
     * target/spring-modulith-docs on each run.
     */
    @Test
    void the_architecture_picture_in_the_docs_matches_the_code() throws java.io.IOException {
        new org.springframework.modulith.docs.Documenter(MODULES)
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        String picture = mermaid();
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "architecture.md"));
        org.assertj.core.api.Assertions.assertThat(doc)
                .as("docs/architecture.md's picture; replace it with:%n%s", picture)
                .contains(picture);
    }

    /** The modules and their dependencies as a Mermaid flowchart: solid = uses, dotted = also listens to its events. */
    static String mermaid() {
        StringBuilder out = new StringBuilder("```mermaid\nflowchart TD\n");
        // a module that uses none and is used by none (the camera decoder, which only the browser runs) is left out:
        // whether it is found at all depends on how the build puts it on the test classpath
        java.util.Set<String> connected = new java.util.HashSet<>(java.util.Set.of("shared"));
        MODULES.forEach(module -> module.getDirectDependencies(MODULES)
                .uniqueModules()
                .map(m -> m.getIdentifier().toString())
                .filter(target -> !target.equals("shared"))
                .forEach(target -> {
                    connected.add(target);
                    connected.add(module.getIdentifier().toString());
                }));
        MODULES.stream()
                .filter(module -> connected.contains(module.getIdentifier().toString()))
                .sorted(java.util.Comparator.comparing(m -> m.getIdentifier().toString()))
                .forEach(module -> {
                    String id = module.getIdentifier().toString();
                    out.append("  ")
                            .append(id)
                            .append("[\"")
                            .append(module.getDisplayName())
                            .append("\"]\n");
                });
        MODULES.stream()
                .sorted(java.util.Comparator.comparing(m -> m.getIdentifier().toString()))
                .forEach(module -> {
                    String id = module.getIdentifier().toString();
                    java.util.Set<String> listened = module.getDirectDependencies(
                                    MODULES, org.springframework.modulith.core.DependencyType.EVENT_LISTENER)
                            .uniqueModules()
                            .map(m -> m.getIdentifier().toString())
                            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
                    module.getDirectDependencies(MODULES)
                            .uniqueModules()
                            .map(m -> m.getIdentifier().toString())
                            .filter(target -> !target.equals("shared"))
                            .sorted()
                            .forEach(target -> {
                                out.append("  ")
                                        .append(id)
                                        .append(" --> ")
                                        .append(target)
                                        .append('\n');
                                if (listened.contains(target)) {
                                    out.append("  ")
                                            .append(id)
                                            .append(" -. events .-> ")
                                            .append(target)
                                            .append('\n');
                                }
                            });
                });
        return out.append("```\n").toString();
    }

    /**
     * A {@code @TransactionalEventListener} is a durable publication in Spring Modulith's registry, one row per event
     * written in the publishing transaction. Durable reactions say so with {@code @ApplicationModuleListener};
     * node-local ones (refresh a cache, nudge open pages) are plain listeners that run after commit through
     * {@code shared.AfterCommit}. A bare transactional listener would quietly add a write to every such transaction
     * (it did: every call for staff and age-restricted scan, every store change and catalog import).
     */
    @Test
    void after_commit_reactions_are_either_durable_module_listeners_or_node_local() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods()
                .should()
                .beAnnotatedWith(org.springframework.transaction.event.TransactionalEventListener.class)
                .because("durable reactions use @ApplicationModuleListener, node-local ones AfterCommit")
                .check(MAIN);
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
