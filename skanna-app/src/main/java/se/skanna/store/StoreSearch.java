package se.skanna.store;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A shopper's search over stores as people type it on a phone: case and accents do not matter ("umea" finds
 * Umeå, "MALMO" Malmö), every word must begin a word of the name, town, region, street, postcode or id ("väst"
 * finds Västerås), and a postcode matches with or without its space ("903 26" and "90326"). A search that is a
 * store's whole name finds that store only.
 */
final class StoreSearch {

    private static final StoreSearch EVERYTHING = new StoreSearch(List.of());
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern POSTCODE = Pattern.compile("\\b(\\d{3}) (\\d{2})\\b");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;.:/()\"'-]+");

    private final List<String> words;
    private final String phrase;

    private StoreSearch(List<String> words) {
        this.words = words;
        this.phrase = String.join(" ", words);
    }

    static StoreSearch of(String query) {
        if (query == null || query.isBlank()) {
            return EVERYTHING;
        }
        String folded = POSTCODE.matcher(fold(query)).replaceAll("$1$2");
        List<String> words = Arrays.stream(SEPARATORS.split(folded))
                .filter(word -> !word.isEmpty())
                .distinct()
                .toList();
        return new StoreSearch(words);
    }

    boolean matches(Store store) {
        if (words.isEmpty()) {
            return true;
        }
        String haystack = " " + haystack(store);
        return words.stream().allMatch(word -> haystack.contains(" " + word));
    }

    /** The stores that match; only those named exactly so when the search is a whole store name. */
    List<Store> filter(List<Store> stores) {
        if (words.isEmpty()) {
            return stores;
        }
        List<Store> found = stores.stream().filter(this::matches).toList();
        List<Store> named = found.stream()
                .filter(store ->
                        String.join(" ", SEPARATORS.split(fold(store.name()))).equals(phrase))
                .toList();
        return named.isEmpty() ? found : named;
    }

    /** Lower case without accents: "Umeå" → "umea", "Ängelholm" → "angelholm", "ÖREBRO" → "orebro". */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed)
                .replaceAll("")
                .toLowerCase(Locale.ROOT)
                .replace('ø', 'o')
                .replace('æ', 'a');
    }

    private static String haystack(Store store) {
        StringBuilder text = new StringBuilder()
                .append(store.name())
                .append(' ')
                .append(store.city())
                .append(' ')
                .append(store.region())
                .append(' ')
                .append(store.id());
        if (store.street() != null) {
            text.append(' ').append(store.street());
        }
        if (store.postcode() != null) {
            text.append(' ').append(StoreRepository.postcodeDigits(store.postcode()));
        }
        return String.join(" ", SEPARATORS.split(fold(text.toString())));
    }
}
