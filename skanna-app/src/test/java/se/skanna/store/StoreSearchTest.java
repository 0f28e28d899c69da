package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreSearchTest {

    static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
    static final Store UMEA = new Store(
                    "s0700", "Matboden Nära Umeå Ålidhem", "Umeå", "Västerbottens län", StoreStatus.OPEN, null, AT)
            .withDetails("Storgatan 12", "903 26", 63.82, 20.26, "mon-sun 07-22");
    static final Store MALMO = new Store(
                    "s0300", "Matboden Express Malmö Centrum", "Malmö", "Skåne län", StoreStatus.OPEN, null, AT)
            .withDetails("Södra Förstadsgatan 4", "211 43", 55.6, 13.0, null);
    static final Store OLD = new Store("t1", "Matboden Test 1", "Testby", "Testlän 21ab", StoreStatus.OPEN, null, AT);

    static List<Store> found(String query) {
        return StoreSearch.of(query).filter(List.of(UMEA, MALMO, OLD));
    }

    @Test
    void case_and_accents_do_not_matter() {
        assertThat(found("umea")).containsExactly(UMEA);
        assertThat(found("UMEÅ")).containsExactly(UMEA);
        assertThat(found("malmo")).containsExactly(MALMO);
        assertThat(found("alidhem")).containsExactly(UMEA);
        assertThat(found("skane")).containsExactly(MALMO);
    }

    @Test
    void every_word_must_match_the_start_of_a_word() {
        assertThat(found("Matboden Umeå")).containsExactly(UMEA);
        assertThat(found("matboden")).containsExactly(UMEA, MALMO, OLD);
        assertThat(found("express umea")).isEmpty();
        assertThat(found("mea")).as("inside a word is not a match").isEmpty();
        assertThat(found("väst")).containsExactly(UMEA);
    }

    @Test
    void a_postcode_matches_with_or_without_its_space_and_by_its_first_digits() {
        assertThat(found("903 26")).containsExactly(UMEA);
        assertThat(found("90326")).containsExactly(UMEA);
        assertThat(found("903")).containsExactly(UMEA);
        assertThat(found("211 43 malmö")).containsExactly(MALMO);
    }

    @Test
    void a_whole_store_name_finds_that_store_only() {
        Store other = new Store("t2", "Matboden Test 12", "Testby", "Testlän 1c", StoreStatus.OPEN, null, AT);
        assertThat(StoreSearch.of("Matboden Test 1").filter(List.of(OLD, other)))
                .containsExactly(OLD);
    }

    @Test
    void street_and_id_are_searched_too_and_blank_finds_everything() {
        assertThat(found("storgatan")).containsExactly(UMEA);
        assertThat(found("s0300")).containsExactly(MALMO);
        assertThat(found("  ")).hasSize(3);
        assertThat(found(null)).hasSize(3);
    }
}
