package se.skanna.console;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import se.skanna.catalog.ImportError;

/**
 * A rejected catalog import's reasons in the HQ reader's language, with advice for whoever fixes the file
 * (which value is wrong and what to write instead) rather than the importer's English, which the API keeps.
 * Each known reason of {@code CatalogImporter}, {@code CsvProducts} and the GTIN check has a message key;
 * a reason not known here is shown as it is.
 */
@Component
class CatalogErrorText {

    private record Rule(Pattern pattern, String key) {}

    private static final List<Rule> RULES = List.of(
            rule("Expected (\\d+) fields, found (\\d+)\\.", "fields"),
            rule("'(.*)' is not a whole number\\.", "wholeNumber"),
            rule("A quoted field is not closed\\.", "unclosedQuote"),
            rule("The file is empty; the first line must be the header\\.", "emptyFile"),
            rule("The header must be exactly: (.*)", "header"),
            rule("The product (.+) appears twice in this import\\.", "duplicateProduct"),
            rule("The offer (.+) appears twice in this import\\.", "duplicateOffer"),
            rule("The entry is empty\\.", "emptyEntry"),
            rule("Give the unit: EACH or KG\\.", "unitMissing"),
            rule("Unit must be EACH or KG, not '(.*)'\\.", "unit"),
            rule("An age limit is between 1 and 25 years\\.", "ageLimit"),
            rule("The weight bounds are (\\d+)–(\\d+) g .*", "weightBounds"),
            rule("The label price bounds are (\\d+)–(\\d+) öre .*", "priceBounds"),
            rule("A GTIN is required\\.", "gtinMissing"),
            rule("The code is empty\\.", "gtinMissing"),
            rule(
                    "This is an in-store label code with its value digits set; list the product as (\\d+)\\.",
                    "labelCode"),
            rule("A GTIN has digits only\\.", "gtinDigits"),
            rule("A GTIN has 8, 12, 13 or 14 digits; this code has (\\d+)\\.", "gtinLength"),
            rule("The check digit is (\\d) but should be (\\d):.*", "checkDigit"),
            rule("VAT class must be one of (.*)\\.", "vatClass"),
            rule("Give vatClass \\(or vatRate: 2500, 1200 or 600\\)\\.", "vatMissing"),
            rule("vatRate must be 2500, 1200 or 600 \\(basis points\\)\\.", "vatRate"),
            rule("Unknown store '(.*)'\\.", "unknownStore"),
            rule("An offer id is 1–64 letters, digits, '\\.', '_' or '-'\\.", "offerId"),
            rule("Type must be (.*)\\.", "offerType"),
            rule("An offer names at least one product\\.", "offerProducts"),
            rule("A limit per trip is at least 1\\.", "limitPerTrip"),
            rule("validTo must be after validFrom\\.", "validTo"),
            rule("n is the group size, (\\d+)–(\\d+)\\.", "groupSize"),
            rule("m is what the shopper pays for, at least 1 and less than n\\.", "paysFor"),
            rule("percent is 1–99\\.", "percent"),
            rule("No product (\\d+) in the catalog or in this import\\.", "noProduct"),
            rule("A bound is 1–(\\d+) (\\S+), or left out for the default\\.", "bound"),
            rule("An amount in öre is required\\.", "amountMissing"),
            rule("The amount must be (\\d+)–(\\d+) öre\\.", "amount"),
            rule("This field is required\\.", "required"),
            rule("At most (\\d+) characters\\.", "tooLong"),
            rule("'(.*)' is not an ISO-8601 UTC time like (.*)\\.", "time"));

    private final MessageSource messages;

    CatalogErrorText(MessageSource messages) {
        this.messages = messages;
    }

    /** One row of the report: where, and the reason in words with what to do. */
    record Row(ImportError error, String reason, boolean known) {}

    Row explain(ImportError error, Locale locale) {
        String reason = error.reason() == null ? "" : error.reason();
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(reason);
            if (matcher.matches()) {
                Object[] args = new Object[matcher.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = matcher.group(i + 1);
                }
                return new Row(error, messages.getMessage("console.catalog.error." + rule.key(), args, locale), true);
            }
        }
        return new Row(error, reason, false);
    }

    private static Rule rule(String regex, String key) {
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), key);
    }
}
