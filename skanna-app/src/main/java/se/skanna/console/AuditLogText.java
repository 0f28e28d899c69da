package se.skanna.console;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import se.skanna.staff.ActionLog;

/**
 * The action log's entries in words for the HQ audit-log page: the action's name, and its detail with the codes
 * it holds (statuses, exit-pass verdicts and reasons, audit modes and results, roles) translated. The log itself
 * keeps its compact English detail (the API and the database see that); an action or detail not known here is
 * shown as it is.
 */
@Component
public class AuditLogText {

    private static final Pattern STATUS_CHANGE = Pattern.compile("(OPEN|APP_ONLY|CLOSED)(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern VERDICT = Pattern.compile("(PASS|AUDIT|INVALID)(?: (\\w+))?");
    private static final Pattern AUDIT = Pattern.compile("(PARTIAL|FULL) (OK|DISCREPANCY) missing=(\\d+) extra=(\\d+)");
    private static final Pattern DECLARED = Pattern.compile(
            "(.*) — (OPEN|APP_ONLY|CLOSED) in (selected stores (.*)|(.*)) \\((\\d+) stores\\)", Pattern.DOTALL);
    private static final Pattern RESOLVED = Pattern.compile("(.*) — restored (\\d+) of (\\d+) stores", Pattern.DOTALL);
    private static final Pattern ROLE = Pattern.compile("STAFF|MANAGER|HQ");

    private final MessageSource messages;

    AuditLogText(MessageSource messages) {
        this.messages = messages;
    }

    /** The action's name in the reader's language, or the code itself for an action this page does not know. */
    public String action(ActionLog.Entry entry, Locale locale) {
        return messages.getMessage("console.action." + entry.action(), null, entry.action(), locale);
    }

    /** The entry's detail in words, or as logged when its form is not known here. */
    public String detail(ActionLog.Entry entry, Locale locale) {
        String detail = entry.detail();
        if (detail == null || detail.isBlank()) {
            return "";
        }
        Matcher m;
        switch (entry.action()) {
            case "STORE_STATUS_CHANGED" -> {
                if ((m = STATUS_CHANGE.matcher(detail)).matches()) {
                    String status = text("status." + m.group(1), locale);
                    return m.group(2) == null
                            ? status
                            : text("console.log.detail.statusMessage", locale, status, m.group(2));
                }
            }
            case "EXIT_PASS_VERIFIED" -> {
                if ((m = VERDICT.matcher(detail)).matches()) {
                    String verdict = text("console.log.detail.verdict." + m.group(1), locale);
                    return m.group(2) == null
                            ? verdict
                            : verdict + ": "
                                    + messages.getMessage("verdict.reason." + m.group(2), null, m.group(2), locale);
                }
            }
            case "AUDIT_COMPLETED", "AUDIT_ESCALATED" -> {
                if ((m = AUDIT.matcher(detail)).matches()) {
                    return text(
                            "console.log.detail.audit",
                            locale,
                            text("console.log.detail.mode." + m.group(1), locale),
                            text("console.log.detail.result." + m.group(2), locale),
                            Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)));
                }
            }
            case "INCIDENT_DECLARED" -> {
                if ((m = DECLARED.matcher(detail)).matches()) {
                    String status = text("status." + m.group(2), locale);
                    int count = Integer.parseInt(m.group(6));
                    return m.group(4) != null
                            ? text("console.log.detail.declaredSelected", locale, m.group(1), status, count, m.group(4))
                            : text("console.log.detail.declaredRegion", locale, m.group(1), status, count, m.group(5));
                }
            }
            case "INCIDENT_RESOLVED" -> {
                if ((m = RESOLVED.matcher(detail)).matches()) {
                    return text(
                            "console.log.detail.resolved",
                            locale,
                            m.group(1),
                            Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
                }
            }
            case "ACCOUNT_CREATED", "ACCOUNT_DELETED" -> {
                if (ROLE.matcher(detail).matches()) {
                    return text("role." + detail, locale);
                }
            }
            default -> {
                return detail;
            }
        }
        return detail;
    }

    private String text(String key, Locale locale, Object... args) {
        try {
            return messages.getMessage(key, args.length == 0 ? null : args, locale);
        } catch (NoSuchMessageException e) {
            return key;
        }
    }
}
