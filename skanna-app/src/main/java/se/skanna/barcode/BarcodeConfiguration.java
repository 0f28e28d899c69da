package se.skanna.barcode;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;
import se.skanna.gs1.BarcodeReader;
import se.skanna.gs1.VariableMeasureLayout;

/**
 * The one barcode reader of the application, with the in-store label layouts from configuration
 * ({@code skanna.barcodes.layouts}); GS1 Sweden's layouts when none are configured.
 */
@Configuration(proxyBeanMethods = false)
class BarcodeConfiguration {

    /**
     * {@code skanna.barcodes.layouts}: each layout checks itself as it is bound (VariableMeasureLayout's
     * constructor), so a bad one stops startup naming the field; none configured means the Swedish layouts.
     */
    @Validated
    @ConfigurationProperties("skanna.barcodes")
    record BarcodeProperties(List<VariableMeasureLayout> layouts) {}

    @Bean
    BarcodeReader barcodeReader(BarcodeProperties properties) {
        List<VariableMeasureLayout> layouts =
                properties.layouts() == null || properties.layouts().isEmpty()
                        ? VariableMeasureLayout.swedish()
                        : properties.layouts();
        return new BarcodeReader(layouts);
    }
}
