package se.skanna.trip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import se.skanna.catalog.Catalog;
import se.skanna.catalog.Offer;
import se.skanna.pricing.CartLine;
import se.skanna.pricing.PricedCart;
import se.skanna.pricing.PricingEngine;
import se.skanna.pricing.Promotion;

/** Turns stored cart lines into the priced {@link Cart}, with the store's offers running now. */
@Component
class CartPricer {

    static final String CURRENCY = "SEK";

    private final PricingEngine engine = new PricingEngine();
    private final Catalog catalog;

    CartPricer(Catalog catalog) {
        this.catalog = catalog;
    }

    Cart price(String storeId, boolean member, List<Trip.Line> rows, Instant at) {
        return price(member, rows, promotions(storeId, at));
    }

    /** The store's offers running at {@code at}, to price many carts of the store with one look-up. */
    List<Promotion> promotions(String storeId, Instant at) {
        return catalog.offers(storeId, at).stream().map(CartPricer::promotion).toList();
    }

    Cart price(boolean member, List<Trip.Line> rows, List<Promotion> promotions) {
        List<CartLine> lines = new ArrayList<>(rows.size());
        for (Trip.Line row : rows) {
            lines.add(new CartLine(
                    row.lineId(),
                    row.gtin(),
                    row.quantity(),
                    row.measured() ? row.amount() : row.unitPrice(),
                    row.measured(),
                    row.deposit(),
                    row.vatRate()));
        }
        PricedCart priced = engine.price(lines, promotions, member);
        List<Cart.Line> cartLines = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Trip.Line row = rows.get(i);
            CartLine line = lines.get(i);
            cartLines.add(new Cart.Line(
                    row.lineId(),
                    row.code(),
                    row.gtin(),
                    row.name(),
                    row.quantity(),
                    row.weightGrams(),
                    row.unitPrice(),
                    line.amount(),
                    line.depositTotal(),
                    row.ageLimit()));
        }
        return new Cart(
                CURRENCY,
                List.copyOf(cartLines),
                priced.discounts().stream()
                        .map(d ->
                                new Cart.Discount(d.promotionId(), d.description(), d.amount(), d.times(), d.lineIds()))
                        .toList(),
                priced.subtotal(),
                priced.discountTotal(),
                priced.depositTotal(),
                priced.total(),
                priced.vat().stream()
                        .map(v -> new Cart.Vat(v.rate(), v.net(), v.vat(), v.gross()))
                        .toList(),
                priced.itemCount());
    }

    private static Promotion promotion(Offer offer) {
        return new Promotion(
                offer.id(),
                offer.description(),
                Promotion.Type.valueOf(offer.type().name()),
                offer.n() == null ? 0 : offer.n(),
                offer.m() == null ? 0 : offer.m(),
                offer.price() == null ? 0 : offer.price(),
                offer.percent() == null ? 0 : offer.percent(),
                offer.limitPerTrip() == null ? 0 : offer.limitPerTrip(),
                offer.gtins());
    }
}
