package se.skanna.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import se.skanna.support.Api;
import tools.jackson.databind.JsonNode;

/** What a newcomer gets on first start: the demo chain and catalog, loaded through the real import. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:demo-data;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "skanna.demo.enabled=true"
        })
@ActiveProfiles("test")
class DemoDataTest {

    @LocalServerPort
    int port;

    @Test
    void the_demo_chain_has_about_800_open_stores() {
        JsonNode stores = new Api(port).get("/api/v1/stores").json().get("stores");

        assertThat(stores.size()).as("the seeded chain").isEqualTo(801);
        assertThat(new Api(port)
                        .get("/api/v1/stores?status=OPEN")
                        .json()
                        .get("stores")
                        .size())
                .isEqualTo(stores.size());
    }

    @Test
    void the_demo_catalog_answers_a_milk_carton_and_a_cheese_weight_label() {
        Api api = new Api(port);

        JsonNode milk = api.get("/api/v1/stores/s0001/products/7310865004703").json();
        JsonNode cheese = api.get("/api/v1/stores/s0001/products/2300000112504").json();

        assertThat(milk.get("name").asString()).startsWith("Mellanmjölk");
        assertThat(milk.get("price").asLong()).isPositive();
        assertThat(cheese.get("unit").asString()).isEqualTo("KG");
        assertThat(cheese.get("weightGrams").asLong()).isEqualTo(1250);
        assertThat(cheese.get("amount").asLong())
                .isEqualTo(Math.floorDiv(cheese.get("price").asLong() * 1250 + 500, 1000));
    }
}
