package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * HQ manages staff accounts on its console page, on a phone (390 × 844) in headless Chromium: create (with a
 * one-time password shown once), disable, enable again, reset the password, delete after a confirmation; each
 * step has its effect on signing in, and is in the action log.
 */
@SkannaTest
class HqStaffBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    se.skanna.staff.StaffAccounts accounts;

    Browser browser;

    @BeforeEach
    void setUp() {}

    @Test
    void hq_creates_disables_enables_resets_and_deletes_a_staff_account() {
        Store store = fixtures.store();
        String hq = fixtures.account(Role.HQ);
        String name = TestFixtures.unique("anna.").toLowerCase();
        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open(url("/console/hq"));
        browser.signIn(hq, TestFixtures.PASSWORD);
        browser.clickAndWait("a[href='/console/hq/staff']");
        assertThat(browser.find("h1").getText()).isEqualTo("Personalkonton");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        // a store that does not exist: refused in Swedish, the form keeps what was typed
        browser.find("#new-username").sendKeys(name);
        new Select(browser.find("#new-role")).selectByValue("STAFF");
        browser.find("#new-stores").sendKeys(store.id() + " no-such-store");
        browser.clickAndWait("#create");
        assertThat(browser.find("#staff-error").getText()).isEqualTo("De här butiks-id:na finns inte: no-such-store.");
        assertThat(browser.find("#new-username").getDomProperty("value")).isEqualTo(name);
        assertThat(browser.find("#new-stores").getDomProperty("value")).isEqualTo(store.id() + " no-such-store");

        browser.find("#new-stores").clear();
        browser.find("#new-stores").sendKeys(store.id());
        browser.clickAndWait("#create");
        assertThat(browser.find("#staff-done").getText()).isEqualTo("Kontot " + name + " är skapat.");
        String first = browser.find("#one-time-password").getText();
        assertThat(first).hasSize(19).matches("[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}");
        assertThat(row(name)).contains("Personal").contains(store.name()).contains("Aktivt");
        browser.screenshot("console-60-hq-staff-created");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        assertThat(signIn(name, first)).as("the one-time password works").isTrue();
        browser.open(url("/console/hq/staff?q=" + name));
        assertThat(browser.findAll("#one-time-password")).as("shown once").isEmpty();

        // the same name again: refused, nothing else changes
        browser.find("#new-username").sendKeys(name);
        browser.find("#new-stores").sendKeys(store.id());
        browser.clickAndWait("#create");
        assertThat(browser.find("#staff-error").getText()).startsWith("Det finns redan ett konto med det namnet");

        browser.open(url("/console/hq/staff?q=" + name));
        browser.clickAndWait("tr[data-username='" + name + "'] button.disable");
        assertThat(browser.find("#staff-done").getText()).startsWith(name + " är avstängt");
        assertThat(row(name)).contains("Avstängt");
        assertThat(signIn(name, first)).as("disabled").isFalse();

        browser.clickAndWait("tr[data-username='" + name + "'] button.enable");
        assertThat(browser.find("#staff-done").getText()).isEqualTo(name + " kan logga in igen.");
        assertThat(signIn(name, first)).isTrue();

        browser.clickAndWait("tr[data-username='" + name + "'] button.reset");
        String second = browser.find("#one-time-password").getText();
        assertThat(second).isNotEqualTo(first).hasSize(19);
        assertThat(signIn(name, first)).as("the old password is gone").isFalse();
        assertThat(signIn(name, second)).isTrue();

        browser.clickAndWait("tr[data-username='" + name + "'] a.delete");
        assertThat(browser.find("#delete-heading").getText()).isEqualTo("Ta bort kontot " + name + "?");
        browser.screenshot("console-61-hq-staff-delete-confirm");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();
        browser.clickAndWait("#cancel-delete");
        assertThat(browser.findAll("tr[data-username='" + name + "']"))
                .as("cancel keeps it")
                .hasSize(1);
        browser.clickAndWait("tr[data-username='" + name + "'] a.delete");
        browser.clickAndWait("#confirm-delete");
        assertThat(browser.find("#staff-done").getText()).isEqualTo("Kontot " + name + " är borttaget.");
        assertThat(browser.findAll("tr[data-username='" + name + "']")).isEmpty();
        assertThat(signIn(name, second)).isFalse();

        assertThat(jdbc.sql("select action from console_action where username = :hq and target = :name order by id")
                        .param("hq", hq)
                        .param("name", name)
                        .query(String.class)
                        .list())
                .containsExactly(
                        "ACCOUNT_CREATED", "ACCOUNT_DISABLED", "ACCOUNT_ENABLED", "PASSWORD_RESET", "ACCOUNT_DELETED");
    }

    @Test
    void only_hq_opens_the_page_and_its_own_row_has_no_buttons() {
        Store store = fixtures.store();
        ConsoleSession manager = new ConsoleSession(port);
        manager.signIn(fixtures.account(Role.MANAGER, store.id()), TestFixtures.PASSWORD);
        assertThat(manager.get("/console/hq/staff").statusCode()).isEqualTo(403);
        String staff = fixtures.account(Role.STAFF, store.id());
        assertThat(manager.postWithToken(
                                "/console/stores/" + store.id(),
                                "/console/hq/staff/" + staff + "/disable",
                                java.util.Map.of())
                        .statusCode())
                .isEqualTo(403);

        String hq = fixtures.account(Role.HQ);
        ConsoleSession session = new ConsoleSession(port);
        session.signIn(hq, TestFixtures.PASSWORD);
        String page = session.get("/console/hq/staff?q=" + hq).body();
        assertThat(page).contains("Ditt eget konto").doesNotContain("/console/hq/staff/" + hq + "/disable");
        HttpResponse<String> own =
                session.postWithToken("/console/hq/staff", "/console/hq/staff/" + hq + "/disable", java.util.Map.of());
        assertThat(own.statusCode()).isEqualTo(302);
        assertThat(session.get("/console/hq/staff").body()).contains("Inte ditt eget konto");
        assertThat(session.get("/console/hq/staff/no-such-user/delete").statusCode())
                .isEqualTo(404);
        assertThat(session.get("/console/hq/staff?page=abc&role=NOPE").statusCode())
                .isEqualTo(200);
    }

    @Test
    void the_list_is_filtered_and_paged_50_at_a_time() {
        Store store = fixtures.store();
        String prefix = TestFixtures.unique("p").toLowerCase();
        for (int i = 0; i < 53; i++) {
            accounts.create(prefix + "-" + i, TestFixtures.PASSWORD, Role.STAFF, java.util.Set.of(store.id()));
        }
        accounts.create(prefix + "-boss", TestFixtures.PASSWORD, Role.MANAGER, java.util.Set.of(store.id()));
        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open(url("/console/hq/staff?q=" + prefix));
        browser.signIn(fixtures.account(Role.HQ), TestFixtures.PASSWORD);
        assertThat(browser.find("#list-heading").getText()).isEqualTo("Konton (54)");
        assertThat(browser.findAll("#staff-accounts tbody tr")).hasSize(50);
        assertThat(browser.find("#page-of").getText()).isEqualTo("Sida 1 av 2");
        browser.clickAndWait("#next-page");
        assertThat(browser.findAll("#staff-accounts tbody tr")).hasSize(4);
        assertThat(browser.find("#page-of").getText()).isEqualTo("Sida 2 av 2");

        new Select(browser.find("#filter-role")).selectByValue("MANAGER");
        browser.clickAndWait("#filter");
        assertThat(browser.findAll("#staff-accounts tbody tr th.username").stream()
                        .map(org.openqa.selenium.WebElement::getText)
                        .toList())
                .containsExactly(prefix + "-boss");
        assertThat(browser.findAll("#page-of")).isEmpty();
    }

    /** Whether the username and password sign in (the login form sends to the console, not back with an error). */
    private boolean signIn(String username, String password) {
        HttpResponse<String> answer = new ConsoleSession(port).signIn(username, password);
        return answer.statusCode() == 302
                && !answer.headers().firstValue("Location").orElse("").contains("/login");
    }

    private String row(String username) {
        return browser.find("tr[data-username='" + username + "']").getText();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
