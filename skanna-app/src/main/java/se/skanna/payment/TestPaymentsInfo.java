package se.skanna.payment;

import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/** {@code /actuator/info} says loudly while shoppers can pay without money. */
@Component
@Conditional(TestPaymentsSwitch.class)
class TestPaymentsInfo implements InfoContributor {

    static final String WARNING = "The 'test' payment method is ON: shoppers can pay without money."
            + " For the embedded demo and tests only; set SKANNA_TEST_PAYMENTS=false in production.";

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("testPayments", Map.of("enabled", true, "warning", WARNING));
    }
}
