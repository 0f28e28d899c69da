package se.skanna.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.support.Api;
import se.skanna.support.TightLimits;

/** The anonymous receipt check is limited per client address (here 3 at once, then 1 a minute). */
@TightLimits
class ReceiptCheckLimitTest {

    @LocalServerPort
    int port;

    @Test
    void a_client_checking_receipts_faster_than_people_do_gets_429_with_retry_after() {
        Api script = Api.ownAddress(port);
        for (int i = 0; i < 3; i++) {
            assertThat(script.get("/api/v1/receipts/r-unknown-" + i + "/verification")
                            .problemCode())
                    .isEqualTo("receipt_not_found");
        }

        Api.Response limited = script.get("/api/v1/receipts/r-unknown-4/verification");
        Api.Response someoneElse = Api.ownAddress(port).get("/api/v1/receipts/r-unknown-5/verification");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemCode()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(someoneElse.status()).isEqualTo(404);
    }
}
