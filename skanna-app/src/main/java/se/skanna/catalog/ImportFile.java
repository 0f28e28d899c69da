package se.skanna.catalog;

import java.util.List;

/** A catalog import as sent: raw values, checked by {@link CatalogImporter} before anything is applied. */
record ImportFile(List<ProductRow> products, List<PriceRow> prices, List<OfferRow> offers) {

    ImportFile {
        products = products == null ? List.of() : products;
        prices = prices == null ? List.of() : prices;
        offers = offers == null ? List.of() : offers;
    }

    /** {@code vatClass} names the VAT class; the older {@code vatRate} (basis points) is mapped to one. */
    record ProductRow(
            String gtin,
            String name,
            String brand,
            String unit,
            Integer vatRate,
            String vatClass,
            Long price,
            Long deposit,
            Integer ageLimit,
            Long minWeightGrams,
            Long maxWeightGrams,
            Long minLabelPrice,
            Long maxLabelPrice) {}

    record PriceRow(String storeId, String gtin, Long price, String validFrom) {}

    record OfferRow(
            String id,
            String description,
            String type,
            List<String> gtins,
            Integer n,
            Integer m,
            Long price,
            Integer percent,
            Integer limitPerTrip,
            List<String> storeIds,
            String validFrom,
            String validTo) {}
}
