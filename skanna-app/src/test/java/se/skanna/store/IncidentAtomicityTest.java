package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import se.skanna.staff.Role;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** A failure part-way through an incident leaves every store and the incident log as they were. */
@SkannaTest
class IncidentAtomicityTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @MockitoSpyBean
    StoreRepository stores;

    @Test
    void a_failure_on_the_third_store_changes_nothing_at_all() {
        List<Store> region = fixtures.region(5);
        String hq = fixtures.account(Role.HQ);
        AtomicInteger updates = new AtomicInteger();
        doAnswer(invocation -> {
                    if (updates.incrementAndGet() == 3) {
                        throw new IllegalStateException("simulated database failure");
                    }
                    return invocation.callRealMethod();
                })
                .when(stores)
                .updateStatus(anyString(), any(), any(), any(), any());
        Api api = new Api(port);

        Api.Response response = api.request("POST", "/api/v1/incidents")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "title",
                        "Halvvägs",
                        "status",
                        "CLOSED",
                        "region",
                        region.getFirst().region()))
                .send();

        assertThat(updates.get()).isEqualTo(3);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.problemCode()).isEqualTo("internal_error");
        assertThat(response.body()).doesNotContain("simulated");
        assertThat(stores.findAll().stores().stream()
                        .filter(store -> store.region().equals(region.getFirst().region()))
                        .map(Store::status))
                .as("rows in the database")
                .hasSize(5)
                .containsOnly(StoreStatus.OPEN);
        for (Store store : region) {
            assertThat(api.get("/api/v1/stores/" + store.id())
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("OPEN");
        }
        String incidents = api.request("GET", "/api/v1/incidents?limit=200")
                .as(hq, TestFixtures.PASSWORD)
                .send()
                .body();
        assertThat(incidents).doesNotContain("Halvvägs");
    }
}
