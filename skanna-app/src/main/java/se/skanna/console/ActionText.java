package se.skanna.console;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The action log's short details as sentences in the page's language, for templates:
 * {@code ${@actionText.detail(e.action(), e.detail())}}. "PARTIAL OK missing=0 extra=0" becomes "Stickprov: OK,
 * 0 saknas, 0 för mycket", "INVALID already_used" "OGILTIG: Passet är redan använt.", "CLOSED: Vattenläcka"
 * "Stängd: Vattenläcka". A detail it does not know is shown as it is.
 */
@Component("actionText")
public class ActionText {

    private static final Pattern AUDIT = Pattern.compile("(PARTIAL|FULL) (OK|DISCREPANCY) missing=(\\d+) extra=(\\d+)");
    private static final Pattern VERDICT = Pattern.compile("(PASS|AUDIT|INVALID)(?: ([a-z_]+))?");
    private static final Pattern STATUS = Pattern.compile("(OPEN|APP_ONLY|CLOSED)(?:: (.*))?", Pattern.DOTALL);

    private final MessageSource messages;

    ActionText(MessageSource messages) {
        this.messages = messages;
    }

    public String detail(String action, String detail) {
        if (detail == null || action == null) {
            return detail;
        }
        Locale locale = LocaleContextHolder.getLocale();
        Matcher m;
        switch (action) {
            case "AUDIT_COMPLETED", "AUDIT_ESCALATED" -> {
                if ((m = AUDIT.matcher(detail)).matches()) {
                    return messages.getMessage(
                            "console.log.audit",
                            new Object[] {
                                messages.getMessage("console.manager.mode." + m.group(1), null, locale),
                                messages.getMessage("audit." + m.group(2), null, locale),
                                m.group(3),
                                m.group(4)
                            },
                            locale);
                }
            }
            case "EXIT_PASS_VERIFIED" -> {
                if ((m = VERDICT.matcher(detail)).matches()) {
                    String verdict = messages.getMessage("verdict." + m.group(1), null, locale);
                    return m.group(2) == null
                            ? verdict
                            : verdict + ": "
                                    + messages.getMessage(
                                            "verdict.reason." + m.group(2),
                                            null,
                                            messages.getMessage("verdict.reason.other", null, locale),
                                            locale);
                }
            }
            case "STORE_STATUS_CHANGED" -> {
                if ((m = STATUS.matcher(detail)).matches()) {
                    String status = messages.getMessage("status." + m.group(1), null, locale);
                    return m.group(2) == null ? status : status + ": " + m.group(2);
                }
            }
            default -> {
                return detail;
            }
        }
        return detail;
    }
}
