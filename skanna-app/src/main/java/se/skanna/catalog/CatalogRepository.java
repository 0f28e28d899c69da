package se.skanna.catalog;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogRepository {

    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** Reads the whole catalog in chunks rather than one result set held in memory at once. */
    private final JdbcTemplate streaming;

    CatalogRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.streaming = new JdbcTemplate(java.util.Objects.requireNonNull(template.getDataSource()));
        this.streaming.setFetchSize(BATCH);
    }

    record StorePrice(String storeId, String gtin, Instant validFrom, long price) {}

    record VatRate(String vatClass, Instant validFrom, int rate) {}

    long productCount() {
        return jdbc.sql("select count(*) from product").query(Long.class).single();
    }

    long version() {
        Long version = jdbc.sql("select max(id) from catalog_import")
                .query(Long.class)
                .optional()
                .orElse(null);
        return version == null ? 0 : version;
    }

    void forEachProduct(Consumer<Product> consumer) {
        streaming.query(
                "select gtin, name, brand, unit, vat_class, price, deposit, age_limit, min_weight_grams,"
                        + " max_weight_grams, min_label_price, max_label_price from product",
                rs -> {
                    consumer.accept(product(rs));
                });
    }

    List<StorePrice> storePrices() {
        return jdbc.sql("select store_id, gtin, valid_from, price from store_price")
                .query((rs, n) -> new StorePrice(
                        rs.getString("store_id"), rs.getString("gtin"), instant(rs, "valid_from"), rs.getLong("price")))
                .list();
    }

    List<VatRate> vatRates() {
        return jdbc.sql("select vat_class, valid_from, rate from vat_rate")
                .query((rs, n) -> new VatRate(rs.getString("vat_class"), instant(rs, "valid_from"), rs.getInt("rate")))
                .list();
    }

    List<Offer> offers() {
        Map<String, Set<String>> gtins = new HashMap<>();
        jdbc.sql("select offer_id, gtin from offer_product order by offer_id, gtin")
                .query(rs -> {
                    gtins.computeIfAbsent(rs.getString("offer_id"), id -> new LinkedHashSet<>())
                            .add(rs.getString("gtin"));
                });
        Map<String, Set<String>> stores = new HashMap<>();
        jdbc.sql("select offer_id, store_id from offer_store order by offer_id, store_id")
                .query(rs -> {
                    stores.computeIfAbsent(rs.getString("offer_id"), id -> new LinkedHashSet<>())
                            .add(rs.getString("store_id"));
                });
        return jdbc.sql("select * from offer order by id")
                .query((rs, n) -> new Offer(
                        rs.getString("id"),
                        rs.getString("description"),
                        Offer.Type.valueOf(rs.getString("type")),
                        rs.getObject("n", Integer.class),
                        rs.getObject("m", Integer.class),
                        rs.getObject("price", Long.class),
                        rs.getObject("percent", Integer.class),
                        rs.getObject("limit_per_trip", Integer.class),
                        Set.copyOf(gtins.getOrDefault(rs.getString("id"), Set.of())),
                        Set.copyOf(stores.getOrDefault(rs.getString("id"), Set.of())),
                        instant(rs, "valid_from"),
                        instant(rs, "valid_to")))
                .list();
    }

    Set<String> existingGtins() {
        Set<String> gtins = new HashSet<>();
        streaming.query("select gtin from product", rs -> {
            gtins.add(rs.getString(1));
        });
        return gtins;
    }

    void insertProducts(List<Product> products, Instant at) {
        batch(
                "insert into product (name, brand, unit, vat_class, price, deposit, age_limit, min_weight_grams,"
                        + " max_weight_grams, min_label_price, max_label_price, updated_at, gtin)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                products,
                product -> productParameters(product, at));
    }

    void updateProducts(List<Product> products, Instant at) {
        batch(
                "update product set name = ?, brand = ?, unit = ?, vat_class = ?, price = ?, deposit = ?,"
                        + " age_limit = ?, min_weight_grams = ?, max_weight_grams = ?, min_label_price = ?,"
                        + " max_label_price = ?, updated_at = ? where gtin = ?",
                products,
                product -> productParameters(product, at));
    }

    void upsertStorePrices(List<StorePrice> prices, Instant at) {
        batch("delete from store_price where store_id = ? and gtin = ? and valid_from = ?", prices, price ->
                new Object[] {price.storeId(), price.gtin(), utc(price.validFrom())});
        batch(
                "insert into store_price (store_id, gtin, valid_from, price, updated_at) values (?, ?, ?, ?, ?)",
                prices,
                price -> new Object[] {price.storeId(), price.gtin(), utc(price.validFrom()), price.price(), utc(at)});
    }

    void replaceOffer(Offer offer, Instant at) {
        jdbc.sql("delete from offer where id = :id").param("id", offer.id()).update();
        jdbc.sql("insert into offer (id, description, type, n, m, price, percent, limit_per_trip, valid_from,"
                        + " valid_to, updated_at) values (:id, :description, :type, :n, :m, :price, :percent, :limit,"
                        + " :from, :to, :at)")
                .param("id", offer.id())
                .param("description", offer.description())
                .param("type", offer.type().name())
                .param("n", offer.n(), java.sql.Types.INTEGER)
                .param("m", offer.m(), java.sql.Types.INTEGER)
                .param("price", offer.price(), java.sql.Types.BIGINT)
                .param("percent", offer.percent(), java.sql.Types.INTEGER)
                .param("limit", offer.limitPerTrip(), java.sql.Types.INTEGER)
                .param(
                        "from",
                        offer.validFrom() == null ? null : utc(offer.validFrom()),
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param(
                        "to",
                        offer.validTo() == null ? null : utc(offer.validTo()),
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .param("at", utc(at))
                .update();
        batch("insert into offer_product (offer_id, gtin) values (?, ?)", List.copyOf(offer.gtins()), gtin ->
                new Object[] {offer.id(), gtin});
        batch("insert into offer_store (offer_id, store_id) values (?, ?)", List.copyOf(offer.storeIds()), store ->
                new Object[] {offer.id(), store});
    }

    /**
     * The products whose offline-snapshot row in a store may differ from what it was at {@code since}: the
     * product was imported again, one of the store's prices was imported, or a store price came into force.
     */
    Set<String> changedFor(String storeId, Instant since, Instant now) {
        Set<String> gtins = new HashSet<>(jdbc.sql("select gtin from product where updated_at > :since")
                .param("since", utc(since))
                .query(String.class)
                .list());
        gtins.addAll(jdbc.sql("select gtin from store_price where store_id = :store and (updated_at > :since"
                        + " or (valid_from > :since and valid_from <= :now))")
                .param("store", storeId)
                .param("since", utc(since))
                .param("now", utc(now))
                .query(String.class)
                .list());
        return gtins;
    }

    long recordImport(Instant at, String by, String format, int products, int prices, int offers) {
        jdbc.sql("insert into catalog_import (imported_at, imported_by, format, products, prices, offers)"
                        + " values (:at, :by, :format, :products, :prices, :offers)")
                .param("at", utc(at))
                .param("by", by)
                .param("format", format)
                .param("products", products)
                .param("prices", prices)
                .param("offers", offers)
                .update();
        return version();
    }

    List<CatalogImporter.ImportRecord> recentImports(int limit) {
        return jdbc.sql("select id, imported_at, imported_by, format, products, prices, offers from catalog_import"
                        + " order by id desc limit :limit")
                .param("limit", limit)
                .query((rs, n) -> new CatalogImporter.ImportRecord(
                        rs.getLong("id"),
                        instant(rs, "imported_at"),
                        rs.getString("imported_by"),
                        rs.getString("format"),
                        rs.getInt("products"),
                        rs.getInt("prices"),
                        rs.getInt("offers")))
                .list();
    }

    private <T> void batch(String sql, List<T> rows, java.util.function.Function<T, Object[]> parameters) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Object[]> chunk = new ArrayList<>(Math.min(BATCH, rows.size() - from));
            for (T row : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                chunk.add(parameters.apply(row));
            }
            template.batchUpdate(sql, chunk);
        }
    }

    private static Object[] productParameters(Product product, Instant at) {
        return new Object[] {
            product.name(),
            product.brand(),
            product.unit().name(),
            product.vatClass(),
            product.price(),
            product.deposit(),
            product.ageLimit(),
            product.minWeightGrams(),
            product.maxWeightGrams(),
            product.minLabelPrice(),
            product.maxLabelPrice(),
            utc(at),
            product.gtin()
        };
    }

    private static Product product(ResultSet rs) throws SQLException {
        return new Product(
                rs.getString("gtin"),
                rs.getString("name"),
                rs.getString("brand"),
                SaleUnit.valueOf(rs.getString("unit")),
                rs.getString("vat_class"),
                rs.getLong("price"),
                rs.getLong("deposit"),
                rs.getObject("age_limit", Integer.class),
                rs.getObject("min_weight_grams", Long.class),
                rs.getObject("max_weight_grams", Long.class),
                rs.getObject("min_label_price", Long.class),
                rs.getObject("max_label_price", Long.class));
    }
}
