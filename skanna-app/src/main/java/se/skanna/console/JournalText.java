package se.skanna.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.skanna.receipt.JournalCheck;
import se.skanna.web.HumanFormat;

/**
 * A journal check's result ({@code Receipts.verifyJournal}) in words for the HQ console: how many entries, how
 * many were checked now and how many a signed checkpoint vouched for, which signing key signed which entries, and,
 * for a broken journal, where and why in the reader's language.
 */
@Component
class JournalText {

    private record Rule(Pattern pattern, String key) {}

    private static final List<Rule> REASONS = List.of(
            new Rule(Pattern.compile("entry (\\d+) is missing"), "missing"),
            new Rule(Pattern.compile("entry does not follow the entry before it"), "chain"),
            new Rule(Pattern.compile("entry content does not match its hash"), "hash"),
            new Rule(Pattern.compile("entry signature is not valid under any of the chain's keys"), "signatureAny"),
            new Rule(
                    Pattern.compile(
                            "entry signature is not valid under key (\\S+), which is not one of the chain's keys"),
                    "signatureUnknownKey"),
            new Rule(Pattern.compile("entry signature is not valid under key (\\S+)"), "signatureKey"),
            new Rule(Pattern.compile("entry has an unknown type"), "type"),
            new Rule(Pattern.compile("the (receipt|refund) this entry records was changed or removed"), "payload"),
            new Rule(Pattern.compile("entry no longer matches the journal verified on (.*)"), "checkpoint"),
            new Rule(Pattern.compile("entries after (\\d+) are missing"), "tail"),
            new Rule(Pattern.compile("the ledger's head does not match the last entry"), "head"));

    private final MessageSource messages;
    private final HumanFormat human;

    JournalText(MessageSource messages, HumanFormat human) {
        this.messages = messages;
        this.human = human;
    }

    /** The result as sentences, first the verdict's explanation, then the keys. */
    List<String> explain(JournalCheck result, Locale locale) {
        List<String> lines = new ArrayList<>();
        long entries = result.entries();
        if (result.valid()) {
            long from = result.verifiedFrom();
            if (entries == 0) {
                lines.add(message("console.hq.journal.text.empty", locale));
            } else if (from > entries) {
                lines.add(message("console.hq.journal.text.unchanged", locale, entries));
            } else if (from > 1) {
                lines.add(message("console.hq.journal.text.validSince", locale, entries, from, from - 1));
            } else {
                lines.add(message("console.hq.journal.text.valid", locale, entries));
            }
        } else {
            lines.add(message(
                    "console.hq.journal.text.broken",
                    locale,
                    result.firstBrokenEntry(),
                    entries,
                    reason(result.reason(), locale)));
            if (result.keyId() != null) {
                lines.add(message("console.hq.journal.text.brokenKey", locale, result.keyId()));
            }
        }
        if (result.keys() != null && !result.keys().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (JournalCheck.KeyRun run : result.keys()) {
                long first = run.fromEntry();
                long last = run.toEntry();
                parts.add(
                        first == last
                                ? message("console.hq.journal.text.keyOne", locale, run.keyId(), first)
                                : message("console.hq.journal.text.keyRun", locale, run.keyId(), first, last));
            }
            lines.add(message("console.hq.journal.text.keys", locale, String.join("; ", parts)));
        }
        return lines;
    }

    private String reason(String reason, Locale locale) {
        String text = reason == null ? "" : reason;
        for (Rule rule : REASONS) {
            Matcher m = rule.pattern().matcher(text);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1);
                }
                if (rule.key().equals("checkpoint")) {
                    args[0] = human.time(args[0], locale);
                }
                return messages.getMessage("console.hq.journal.reason." + rule.key(), args, locale);
            }
        }
        return text;
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
