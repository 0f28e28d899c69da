package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The action log's codes read as sentences, in Swedish and English, with the application's own messages. */
class ActionTextTest {

    private final ActionText text = new ActionText(messages());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void audit_outcomes_exit_verdicts_and_statuses_become_sentences() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("sv"));
        assertThat(text.detail("AUDIT_COMPLETED", "PARTIAL OK missing=0 extra=0"))
                .isEqualTo("Stickprov: OK, 0 saknas, 0 för mycket");
        assertThat(text.detail("AUDIT_ESCALATED", "PARTIAL DISCREPANCY missing=0 extra=2"))
                .isEqualTo("Stickprov: AVVIKELSE, 0 saknas, 2 för mycket");
        assertThat(text.detail("EXIT_PASS_VERIFIED", "INVALID already_used"))
                .isEqualTo("OGILTIG: Passet är redan använt.");
        assertThat(text.detail("EXIT_PASS_VERIFIED", "PASS")).isEqualTo("GODKÄND");
        assertThat(text.detail("STORE_STATUS_CHANGED", "CLOSED: Vattenläcka")).isEqualTo("Stängd: Vattenläcka");
        assertThat(text.detail("AUDIT_ITEM_SCANNED", "7310865004703 Mjölk")).isEqualTo("7310865004703 Mjölk");
        assertThat(text.detail("EXIT_PASS_VERIFIED", "INVALID something_new"))
                .isEqualTo("OGILTIG: Passet kan inte godtas här.");

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(text.detail("AUDIT_COMPLETED", "FULL DISCREPANCY missing=1 extra=0"))
                .isEqualTo("Full rescan: DISCREPANCY, 1 missing, 0 extra");
        assertThat(text.detail("EXIT_PASS_VERIFIED", "INVALID expired")).startsWith("INVALID: The pass has expired");
    }
}
