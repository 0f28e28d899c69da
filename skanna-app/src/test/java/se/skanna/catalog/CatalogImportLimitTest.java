package se.skanna.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** With the default limits an import too large to check in memory is refused before it is read. */
@SkannaTest
class CatalogImportLimitTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Test
    void an_import_over_16_mib_gets_413_before_it_is_parsed() {
        String hq = fixtures.account(Role.HQ);
        String line = TestFixtures.gtin() + ",Vara,Märke,EACH,600,1000,0,\n";
        StringBuilder csv = new StringBuilder("gtin,name,brand,unit,vatRate,price,deposit,ageLimit\n");
        while (csv.length() <= 16 * 1024 * 1024) {
            csv.append(line);
        }

        Api.Response answer = new Api(port)
                .request("POST", "/api/v1/catalog/imports")
                .as(hq, TestFixtures.PASSWORD)
                .body("text/csv", csv.toString())
                .send();

        assertThat(answer.status())
                .as(answer.body().substring(0, Math.min(300, answer.body().length())))
                .isEqualTo(413);
        assertThat(answer.problemCode()).isEqualTo("payload_too_large");
    }
}
