package se.skanna;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table belongs to one module, and a module's SQL names only its own tables: what it needs of another
 * module's rows it gets through that module's API or keeps itself from an event (docs/architecture.md). The
 * check reads the SQL in each module's string literals and the tables the migrations create.
 */
class TableOwnershipTest {

    /** Who owns each table. A new table must be added here, to the module whose SQL writes it. */
    static final Map<String, Set<String>> OWNERS = Map.ofEntries(
            Map.entry("store", Set.of("store", "store_status_change", "incident", "incident_store")),
            Map.entry(
                    "staff",
                    Set.of(
                            "staff_account",
                            "staff_store",
                            "api_token",
                            "api_token_store",
                            "console_action",
                            "sign_in_failure")),
            Map.entry(
                    "catalog",
                    Set.of(
                            "catalog_import",
                            "product",
                            "store_price",
                            "vat_rate",
                            "offer",
                            "offer_product",
                            "offer_store")),
            Map.entry("member", Set.of("member")),
            Map.entry("trip", Set.of("trip", "trip_line", "trip_scan", "assistance_request")),
            Map.entry("payment", Set.of("payment", "refund")),
            Map.entry("receipt", Set.of("receipt", "journal_entry", "journal_checkpoint", "store_ledger")),
            Map.entry("exit", Set.of("exit_pass", "exit_pass_use", "audit", "audit_scan")),
            Map.entry("signing", Set.of("signing_key")),
            Map.entry("shared", Set.of("rate_limit_bucket")),
            // kept by libraries, read by no module's SQL: Spring Session, Spring Modulith's registry
            Map.entry("(libraries)", Set.of("spring_session", "spring_session_attributes", "event_publication")));

    private static final Path SOURCES = Path.of("src/main/java/se/skanna");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db");
    private static final Pattern TABLE_REFERENCE =
            Pattern.compile("\\b(?:from|join|into|update|delete from|table|exists)\\s+([a-z_][a-z0-9_]*)");
    private static final Pattern STRING =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    @Test
    void every_table_the_migrations_create_has_one_owning_module() throws IOException {
        Set<String> owned = new TreeSet<>();
        OWNERS.values()
                .forEach(tables -> tables.forEach(table -> assertThat(owned.add(table))
                        .as(table + " has two owners")
                        .isTrue()));

        assertThat(owned).containsExactlyInAnyOrderElementsOf(tablesInMigrations());
    }

    @Test
    void each_modules_sql_names_only_its_own_tables() throws IOException {
        Set<String> tables = tablesInMigrations();
        Map<String, List<String>> trespasses = new TreeMap<>();
        try (Stream<Path> modules = Files.list(SOURCES)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                String name = module.getFileName().toString();
                Set<String> own = OWNERS.getOrDefault(name, Set.of());
                for (Path file : javaFiles(module)) {
                    for (String table : tablesNamedIn(Files.readString(file), tables)) {
                        if (!own.contains(table)) {
                            trespasses
                                    .computeIfAbsent(name, key -> new ArrayList<>())
                                    .add(module.relativize(file) + " → " + table);
                        }
                    }
                }
            }
        }

        assertThat(trespasses).as("SQL naming another module's table").isEmpty();
    }

    /** From V28 on, each migration is in its module's folder and touches only that module's tables. */
    @Test
    void migrations_live_in_the_folder_of_the_module_whose_tables_they_change() throws IOException {
        Pattern touched = Pattern.compile(
                "(?i)(?:create table (?:if not exists )?|alter table |drop table (?:if exists )?|create (?:unique )?index"
                        + " [a-z0-9_]+ on |update |insert into |create trigger [a-z0-9_]+ [^;]*? on )([a-z_][a-z0-9_]*)");
        List<String> misplaced = new ArrayList<>();
        Path root = MIGRATIONS.resolve("migration");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path script :
                    files.filter(path -> path.toString().endsWith(".sql")).toList()) {
                Path folder = root.relativize(script).getParent();
                if (version(script) < 28) {
                    continue;
                }
                Set<String> own = new TreeSet<>(OWNERS.getOrDefault(folder == null ? "" : folder.toString(), Set.of()));
                if (folder != null && folder.toString().equals("shared")) {
                    own.addAll(OWNERS.get("(libraries)"));
                }
                String sql = Files.readString(script).replaceAll("--[^\\n]*", "");
                Matcher table = touched.matcher(sql);
                while (table.find()) {
                    if (!own.contains(table.group(1).toLowerCase())
                            && !table.group(1).equalsIgnoreCase("outbox")) {
                        misplaced.add(root.relativize(script) + " → " + table.group(1));
                    }
                }
            }
        }

        assertThat(misplaced).as("a migration changing another module's table").isEmpty();
    }

    @Test
    void the_check_finds_a_table_in_sql_and_not_in_prose() {
        Set<String> tables = Set.of("trip", "payment");
        String source = """
                jdbc.sql("select count(*) from payment p join trip t on t.id = p.trip_id");
                String message = "This trip is paid; take it from here.";
                String block = \"""
                    update trip set status = 'PAID'
                    \""";
                """;

        assertThat(tablesNamedIn(source, tables)).containsExactlyInAnyOrder("payment", "trip");
        assertThat(tablesNamedIn("throw new Oops(\"Nothing to update from this trip.\");", tables))
                .isEmpty();
    }

    static Set<String> tablesNamedIn(String source, Set<String> tables) {
        Set<String> named = new TreeSet<>();
        Matcher literal = STRING.matcher(source);
        while (literal.find()) {
            String text = (literal.group(1) != null ? literal.group(1) : literal.group(2)).toLowerCase();
            Matcher reference = TABLE_REFERENCE.matcher(text);
            while (reference.find()) {
                if (tables.contains(reference.group(1))) {
                    named.add(reference.group(1));
                }
            }
        }
        return named;
    }

    private static Set<String> tablesInMigrations() throws IOException {
        Pattern create = Pattern.compile("(?i)create table (?:if not exists )?([a-z_][a-z0-9_]*)");
        Pattern drop = Pattern.compile("(?i)drop table (?:if exists )?([a-z_][a-z0-9_]*)");
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            scripts = files.filter(path -> path.toString().endsWith(".sql"))
                    .sorted(java.util.Comparator.comparing(TableOwnershipTest::version))
                    .toList();
        }
        Set<String> tables = new TreeSet<>();
        for (Path script : scripts) {
            String sql = Files.readString(script).replaceAll("--[^\\n]*", "");
            Matcher created = create.matcher(sql);
            while (created.find()) {
                tables.add(created.group(1).toLowerCase());
            }
            Matcher dropped = drop.matcher(sql);
            while (dropped.find()) {
                tables.remove(dropped.group(1).toLowerCase());
            }
        }
        return tables;
    }

    /** V26_1 sorts after V26 and before V27. */
    private static double version(Path script) {
        String name = script.getFileName().toString();
        Matcher version = Pattern.compile("^V(\\d+)(?:_(\\d+))?__").matcher(name);
        if (!version.find()) {
            return Double.MAX_VALUE;
        }
        return Integer.parseInt(version.group(1))
                + (version.group(2) == null ? 0 : Integer.parseInt(version.group(2)) / 100.0);
    }

    private static List<Path> javaFiles(Path module) throws IOException {
        try (Stream<Path> files = Files.walk(module)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList();
        }
    }
}
