package se.skanna.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * A shopper calls for staff from the app and a staff member answers from the console, each in a real (headless)
 * Chromium, in Swedish. Screenshots: target/screenshots/assist-*.png.
 */
@SkannaTest
class AssistanceBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Store store;
    Browser phone;
    Browser console;

    @BeforeEach
    void setUp() {
        store = fixtures.store();
    }

    @Test
    void a_shopper_calls_staff_a_staff_member_acknowledges_in_the_console_and_the_shopper_sees_them_coming() {
        // the staff member has the store's exit console open before the shopper calls
        String staff = fixtures.account(Role.STAFF, store.id());
        console = browsers.start();
        console.open(url("/login"));
        console.signIn(staff, TestFixtures.PASSWORD);
        console.waitUntil(
                WAIT,
                "the console never showed the store",
                d -> d.getCurrentUrl().endsWith("/console/stores/" + store.id()));
        assertThat(console.find("#assist-none").getText()).isEqualTo("Ingen kund kallar på personal.");

        phone = browsers.phone();
        phone.open(url("/s/" + store.id()));
        phone.waitUntil(
                WAIT,
                "the app never got ready",
                d -> "ready".equals(phone.find("#app").getDomAttribute("data-state")));
        assertThat(phone.find("#call-staff").getText()).isEqualTo("Kalla på personal");

        phone.find("#assist-message").sendKeys("Var finns glutenfritt bröd?");
        phone.find("#call-staff").click();
        phone.eventually(WAIT, "the app never said staff were notified", () -> {
            assertThat(phone.find("#assist").getDomAttribute("data-state")).isEqualTo("OPEN");
            assertThat(phone.find("#assist-state").getText())
                    .isEqualTo("Personalen har fått besked. Någon kommer till dig.");
            assertThat(phone.find("#call-staff").isEnabled()).isFalse();
        });
        phone.script("document.getElementById('assist').scrollIntoView();");
        phone.screenshot("assist-1-shopper-called");

        // the open console page picks the call up by itself, without a reload
        console.find("#token").sendKeys("half-typed");
        console.eventually(
                WAIT,
                "the console never showed the call",
                () -> assertThat(console.find("#assistance tbody tr").getText())
                        .contains("Var finns glutenfritt bröd?")
                        .contains("Ny"));
        assertThat(console.find("#token").getDomProperty("value"))
                .as("what staff were typing is left alone")
                .isEqualTo("half-typed");
        console.screenshot("assist-2-console-call");

        console.clickAndWait("#assistance button.acknowledge");
        assertThat(console.find("#assist-done").getText()).isEqualTo("Kunden ser nu att du är på väg.");
        assertThat(console.find("#assistance tbody tr").getText()).contains("På väg: " + staff);
        console.screenshot("assist-3-console-acknowledged");

        phone.eventually(WAIT, "the app never showed that staff are on their way", () -> {
            assertThat(phone.find("#assist").getDomAttribute("data-state")).isEqualTo("ACKNOWLEDGED");
            assertThat(phone.find("#assist-state").getText()).isEqualTo("Personal är på väg.");
        });
        phone.screenshot("assist-4-shopper-staff-coming");

        console.clickAndWait("#assistance button.resolve");
        assertThat(console.find("#assist-none").getText()).isEqualTo("Ingen kund kallar på personal.");
        phone.eventually(WAIT, "the app never showed the call closed", () -> {
            assertThat(phone.find("#assist").getDomAttribute("data-state")).isEqualTo("RESOLVED");
            assertThat(phone.find("#call-staff").isEnabled()).isTrue();
        });
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
