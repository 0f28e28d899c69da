package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import se.skanna.catalog.ImportError;
import se.skanna.receipt.JournalCheck;
import se.skanna.staff.ActionLog;
import se.skanna.web.HumanFormat;

/** The HQ pages' words for the log's, the journal check's and the catalog importer's codes, in Swedish and English. */
class HqTextsTest {

    static final Locale SV = Locale.forLanguageTag("sv");
    static final Locale EN = Locale.ENGLISH;

    final ResourceBundleMessageSource messages = messages();
    final AuditLogText log = new AuditLogText(messages);
    final JournalText journal = new JournalText(
            messages, new HumanFormat(Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC)));
    final CatalogErrorText catalog = new CatalogErrorText(messages);

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    static ActionLog.Entry entry(String action, String detail) {
        return new ActionLog.Entry(Instant.now(), "anna", "HQ", action, "s1", "t1", detail);
    }

    @Test
    void log_details_are_put_in_words_and_unknown_ones_are_kept_as_logged() {
        assertThat(log.detail(entry("STORE_STATUS_CHANGED", "CLOSED: Vattenläcka"), SV))
                .isEqualTo("Stängd: \"Vattenläcka\"");
        assertThat(log.detail(entry("STORE_STATUS_CHANGED", "APP_ONLY"), EN)).isEqualTo("App only");
        assertThat(log.detail(entry("EXIT_PASS_VERIFIED", "INVALID already_used"), SV))
                .isEqualTo("Ogiltigt: Passet är redan använt.");
        assertThat(log.detail(entry("EXIT_PASS_VERIFIED", "PASS"), SV)).isEqualTo("Godkänt");
        assertThat(log.detail(entry("AUDIT_COMPLETED", "PARTIAL OK missing=0 extra=0"), SV))
                .isEqualTo("Stickprov: stämde, 0 saknas, 0 för mycket");
        assertThat(log.detail(entry("AUDIT_ESCALATED", "PARTIAL DISCREPANCY missing=1 extra=2"), EN))
                .isEqualTo("Spot check: discrepancy, 1 missing, 2 extra");
        assertThat(log.detail(entry("INCIDENT_DECLARED", "Storm — CLOSED in Norrbottens län (40 stores)"), SV))
                .isEqualTo("\"Storm\": 40 butiker i Norrbottens län omställda till Stängd");
        assertThat(log.detail(entry("INCIDENT_DECLARED", "Larm — APP_ONLY in selected stores s1, s2 (2 stores)"), EN))
                .isEqualTo("\"Larm\": 2 selected stores switched to App only (s1, s2)");
        assertThat(log.detail(entry("INCIDENT_RESOLVED", "Storm — restored 38 of 40 stores"), SV))
                .isEqualTo("\"Storm\": 38 av 40 butiker återställda");
        assertThat(log.detail(entry("ACCOUNT_CREATED", "MANAGER"), SV)).isEqualTo("butikschef");
        assertThat(log.detail(entry("CATALOG_IMPORTED", "CSV a.csv: 3 products"), SV))
                .isEqualTo("CSV a.csv: 3 products");
        assertThat(log.detail(entry("STORE_STATUS_CHANGED", "something else"), SV))
                .isEqualTo("something else");
        assertThat(log.action(entry("SOMETHING_NEW", null), SV)).isEqualTo("SOMETHING_NEW");
        assertThat(log.action(entry("INCIDENT_DECLARED", null), EN)).isNotEqualTo("INCIDENT_DECLARED");
    }

    @Test
    void a_journal_check_is_told_in_words_with_its_keys() {
        JournalCheck one = new JournalCheck(
                true, 1L, 1L, null, null, null, null, List.of(new JournalCheck.KeyRun("k-2026", 1L, 1L)));
        assertThat(journal.explain(one, SV))
                .containsExactly(
                        "Den enda posten är kontrollerad: varje post följer på den före, innehållet stämmer och"
                                + " signaturen är giltig.",
                        "Signerade med: nyckel k-2026 (post 1).");
        JournalCheck since = new JournalCheck(
                true,
                1200L,
                1001L,
                null,
                null,
                1000L,
                null,
                List.of(new JournalCheck.KeyRun("old", 1001L, 1100L), new JournalCheck.KeyRun("new", 1101L, 1200L)));
        assertThat(journal.explain(since, EN))
                .containsExactly(
                        "All 1,200 entries are sound: entries 1,001–1,200 were checked now, entries 1–1,000 passed an"
                                + " earlier check (signed checkpoint).",
                        "Signed with: key old (entries 1,001–1,100); key new (entries 1,101–1,200).");
        JournalCheck broken = new JournalCheck(
                false,
                12L,
                null,
                7L,
                "entry signature is not valid under key k-x, which is not one of the chain's keys",
                null,
                "k-x",
                List.of());
        assertThat(journal.explain(broken, SV))
                .containsExactly(
                        "Journalen är bruten vid post 7 av 12: signaturen är inte giltig med nyckeln k-x, som inte är"
                                + " en av kedjans nycklar. Kvitton från den posten och framåt kan inte styrkas;"
                                + " kontakta IT-säkerhet.",
                        "Posten uppger signeringsnyckeln k-x.");
        assertThat(journal.explain(
                                new JournalCheck(
                                        false, 3L, null, 2L, "entry content does not match its hash", null, null, null),
                                EN)
                        .getFirst())
                .contains("the entry's content does not match its hash (it was changed)");
    }

    @Test
    void import_errors_get_advice_for_the_person_fixing_the_file() {
        assertThat(catalog.explain(new ImportError(null, 5, null, "Expected 8 fields, found 9."), SV)
                        .reason())
                .startsWith("Raden har 9 fält men rubrikraden har 8.");
        assertThat(catalog.explain(
                                new ImportError(
                                        null,
                                        2,
                                        "gtin",
                                        "The check digit is 4 but should be 3: the code was probably misread."
                                                + " Scan it again or type it carefully."),
                                EN)
                        .reason())
                .isEqualTo("The check digit (the last digit) is 4 but should be 3: the number is probably mistyped."
                        + " Compare it with the supplier's data or the package.");
        assertThat(catalog.explain(new ImportError(null, 3, "storeId", "Unknown store 'x1'."), SV)
                        .reason())
                .isEqualTo("Butiken 'x1' finns inte. Kontrollera butiks-id:t i HK-konsolens butikslista.");
        CatalogErrorText.Row unknown = catalog.explain(new ImportError(null, 3, "x", "Something new."), SV);
        assertThat(unknown.reason()).isEqualTo("Something new.");
        assertThat(unknown.known()).isFalse();
    }
}
