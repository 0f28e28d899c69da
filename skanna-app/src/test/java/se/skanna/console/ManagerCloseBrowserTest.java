package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.Browsers;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * A manager cannot close a store with one click: choosing CLOSED leads to a page that names the store and what
 * closing does, and only its button closes it; cancel changes nothing. Plain forms: it works without JavaScript.
 */
@SkannaTest
class ManagerCloseBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Browser browser;

    @BeforeEach
    void setUp() {}

    @Test
    void closing_asks_for_a_confirmation_that_names_the_store_and_cancel_changes_nothing() {
        Store store = fixtures.store();
        String manager = fixtures.account(Role.MANAGER, store.id());
        browser = browsers.start();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        browser.open(url("/console/stores/" + store.id() + "/manager"));
        browser.signIn(manager, TestFixtures.PASSWORD);
        assertThat(browser.find("#close-hint").getText()).contains("bekräfta");

        choose("CLOSED", "Vattenläcka, vi öppnar i morgon kl. 8");
        browser.clickAndWait("#save-status");
        assertThat(browser.find("#close-heading").getText()).isEqualTo("Stänga " + store.name() + "?");
        assertThat(browser.find("#close-effects").getText())
                .contains("statussidan visar " + store.name() + " som stängd")
                .contains("Appen startar inga nya köp");
        assertThat(browser.find("#close-message").getText()).contains("Vattenläcka, vi öppnar i morgon kl. 8");
        assertThat(browser.find("#confirm-close").getText()).isEqualTo("Ja, stäng " + store.name());
        assertThat(status(store)).as("nothing changed yet").isEqualTo("OPEN");
        browser.screenshot("console-50-manager-close-confirm");
        assertThat(browser.accessibilityViolations()).as("WCAG A/AA").isEmpty();

        browser.clickAndWait("#cancel-close");
        assertThat(browser.find("#close-cancelled").getText()).startsWith("Butiken stängdes inte");
        assertThat(browser.find("#store-status").getDomAttribute("data-status")).isEqualTo("OPEN");
        assertThat(status(store)).isEqualTo("OPEN");

        choose("CLOSED", "Vattenläcka");
        browser.clickAndWait("#save-status");
        browser.clickAndWait("#confirm-close");
        assertThat(browser.find("#store-status").getDomAttribute("data-status")).isEqualTo("CLOSED");
        assertThat(status(store)).isEqualTo("CLOSED");
        assertThat(new Api(port)
                        .get("/api/v1/stores/" + store.id())
                        .json()
                        .get("message")
                        .asString())
                .isEqualTo("Vattenläcka");

        // other changes, and a new message while closed, need no second step
        choose("APP_ONLY", "Bara appen i dag");
        browser.clickAndWait("#save-status");
        assertThat(browser.find("#saved").isDisplayed()).isTrue();
        assertThat(status(store)).isEqualTo("APP_ONLY");
    }

    @Test
    void the_confirmation_works_without_javascript() {
        Store store = fixtures.store();
        String manager = fixtures.account(Role.MANAGER, store.id());
        browser = browsers.startWithoutJavaScript();
        browser.open(url("/console/stores/" + store.id() + "/manager"));
        browser.signIn(manager, TestFixtures.PASSWORD);
        choose("CLOSED", "");
        browser.clickAndWait("#save-status");
        assertThat(browser.find("#close-no-message").getText()).startsWith("Inget meddelande");
        browser.clickAndWait("#confirm-close");
        assertThat(status(store)).isEqualTo("CLOSED");
    }

    private void choose(String status, String message) {
        new Select(browser.find("#status")).selectByValue(status);
        browser.find("#message").clear();
        browser.find("#message").sendKeys(message);
    }

    private String status(Store store) {
        return new Api(port)
                .get("/api/v1/stores/" + store.id())
                .json()
                .get("status")
                .asString();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
