package se.skanna.shopper;

import se.skanna.store.Store;

/**
 * What a store's entrance poster carries: the store, the address of its shopper app and that address as a
 * QR code (SVG, safe to inline under the console's CSP).
 */
public record EntrancePoster(Store store, String url, String qrSvg) {

    /** The poster of {@code store}, its app served under {@code baseUrl} (scheme, host and context path). */
    public static EntrancePoster of(Store store, String baseUrl) {
        String url = baseUrl + "/s/" + store.id();
        return new EntrancePoster(store, url, QrCodes.svg(url, url));
    }
}
