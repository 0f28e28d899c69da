package se.skanna.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** One home for the rules of an offer's terms: what the catalog import reports is what the engine accepts. */
class PromotionTermsTest {

    private static final Set<String> MILK = Set.of("07310865004703");

    @Test
    void terms_at_the_bounds_are_offers() {
        assertThat(Promotion.buyNPayM("a", "100 för 99", Promotion.MAX_GROUP, 99, MILK)
                        .n())
                .isEqualTo(100);
        assertThat(Promotion.nForPrice("b", "1 för 10 kr", 1, 1000, MILK).n()).isEqualTo(1);
        assertThat(Promotion.percentOff("c", "99 %", Promotion.MAX_PERCENT, MILK)
                        .percent())
                .isEqualTo(99);
        assertThat(Promotion.percentOff("d", "1 %", 1, MILK)
                        .limitedTo(Promotion.MAX_LIMIT_PER_TRIP)
                        .limitPerTrip())
                .isEqualTo(10_000);
    }

    @Test
    void terms_past_the_bounds_are_refused_with_the_field_and_the_rule() {
        assertThat(Promotion.problemWithTerms(Promotion.Type.BUY_N_PAY_M, 101, 2, null, null))
                .hasValue(new Promotion.TermProblem("n", "n is the group size, 2–100."));
        assertThat(Promotion.problemWithTerms(Promotion.Type.BUY_N_PAY_M, 3, 3, null, null))
                .map(Promotion.TermProblem::field)
                .hasValue("m");
        assertThat(Promotion.problemWithTerms(Promotion.Type.N_FOR_PRICE, 0, null, null, null))
                .map(Promotion.TermProblem::field)
                .hasValue("n");
        assertThat(Promotion.problemWithTerms(Promotion.Type.PERCENT_OFF, null, null, 100, null))
                .hasValue(new Promotion.TermProblem("percent", "percent is 1–99."));
        assertThat(Promotion.problemWithTerms(Promotion.Type.MEMBER_PRICE, null, null, null, 10_001))
                .map(Promotion.TermProblem::field)
                .hasValue("limitPerTrip");
        assertThat(Promotion.problemWithTerms(Promotion.Type.MEMBER_PRICE, null, null, null, null))
                .isEmpty();

        assertThatThrownBy(() -> Promotion.buyNPayM("x", "256 för 1", 256, 1, MILK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group size");
        assertThatThrownBy(() -> Promotion.percentOff("y", "gratis", 100, MILK))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Promotion.percentOff("z", "1 %", 1, MILK).limitedTo(70_000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
