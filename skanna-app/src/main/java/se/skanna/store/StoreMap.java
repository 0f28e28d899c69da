package se.skanna.store;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sweden as an SVG with every located store as a dot in its status colour, drawn on the server from the store
 * data: no tiles, nothing fetched. The outline is a hand-simplified polygon of the border and coast (about 90
 * points, a few kilometres off here and there, plus Öland and Gotland), projected equirectangularly with the
 * longitude scaled by cos 62°, which keeps the country's shape at this size. Open stores are drawn first so a closed
 * one is never hidden under them; status is in the dot's class, size and title, never in the colour alone.
 */
@Component
class StoreMap {

    static final double WEST = 10.6;
    static final double NORTH = 69.3;
    static final double SCALE = 40;
    static final double LON_SCALE = Math.cos(Math.toRadians(62));
    static final int WIDTH = 270;
    static final int HEIGHT = 590;

    /** lon, lat pairs clockwise from Smygehuk: the south coast, the east coast, the Finnish and Norwegian borders. */
    private static final double[] MAINLAND = {
        13.36, 55.34, 13.82, 55.43, 14.36, 55.55, 14.20, 55.85, 14.32, 55.99, 14.58, 56.03, 14.86, 56.15, 15.25, 56.16,
        15.59, 56.13, 16.04, 56.25, 16.36, 56.66, 16.55, 57.05, 16.45, 57.30, 16.70, 57.75, 16.60, 58.20, 16.95, 58.49,
        17.30, 58.70, 17.87, 58.80, 18.30, 59.10, 18.65, 59.35, 18.95, 59.75, 18.80, 60.10, 18.45, 60.34, 17.75, 60.55,
        17.30, 60.70, 17.15, 61.05, 17.35, 61.72, 17.50, 62.40, 18.00, 62.63, 18.55, 63.00, 19.00, 63.35, 20.40, 63.70,
        20.95, 64.10, 21.30, 64.70, 21.60, 65.25, 22.20, 65.55, 22.80, 65.70, 23.30, 65.75, 24.15, 65.82, 23.90, 66.40,
        23.65, 66.85, 23.55, 67.20, 23.75, 67.45, 23.45, 67.90, 22.95, 68.15, 22.40, 68.45, 21.60, 68.75, 20.55, 69.06,
        20.10, 68.90, 19.90, 68.55, 18.95, 68.50, 18.10, 68.42, 17.90, 67.95, 16.70, 67.50, 16.35, 67.05, 15.60, 66.55,
        15.40, 66.15, 14.55, 65.80, 14.50, 65.30, 13.70, 64.60, 14.10, 64.45, 13.20, 64.05, 12.70, 63.75, 12.10, 63.30,
        12.25, 62.75, 12.05, 62.55, 12.30, 61.80, 12.85, 61.35, 12.60, 61.00, 12.25, 60.50, 12.55, 60.15, 12.30, 59.85,
        11.80, 59.40, 11.65, 58.90, 11.20, 59.05, 11.15, 58.85, 11.40, 58.35, 11.60, 57.95, 11.75, 57.68, 11.98, 57.35,
        12.20, 57.10, 12.55, 56.80, 12.80, 56.62, 12.90, 56.45, 12.45, 56.30, 12.70, 56.05, 12.90, 55.75, 12.95, 55.55,
        12.82, 55.39
    };

    private static final double[] OLAND = {
        16.40, 56.20, 16.65, 56.55, 16.95, 57.10, 17.12, 57.37, 16.85, 57.25, 16.55, 56.80, 16.40, 56.45
    };

    private static final double[] GOTLAND = {
        18.10, 56.92, 18.45, 57.10, 18.75, 57.25, 18.95, 57.50, 19.35, 57.95, 18.95, 57.90, 18.75, 57.75, 18.45, 57.60,
        18.10, 57.45, 18.15, 57.20
    };

    private static final StoreStatus[] DRAW_ORDER = {StoreStatus.OPEN, StoreStatus.APP_ONLY, StoreStatus.CLOSED};

    private final MessageSource messages;

    StoreMap(MessageSource messages) {
        this.messages = messages;
    }

    static double x(double lon) {
        return (lon - WEST) * LON_SCALE * SCALE;
    }

    static double y(double lat) {
        return (NORTH - lat) * SCALE;
    }

    /** The map as inline SVG markup for a page (styled by status.css), labelled for screen readers. */
    String render(List<Store> stores, Locale locale) {
        return render(stores, locale, false);
    }

    /**
     * The map as an SVG document of its own ({@code /stores/map.svg}, the list page's thumbnail): the colours are
     * attributes, since no page style sheet reaches an image, and the dots have no titles, which an image never
     * shows (the map's own title stays).
     */
    String document(List<Store> stores, Locale locale) {
        return render(stores, locale, true);
    }

    private static String fill(StoreStatus status) {
        return switch (status) {
            case OPEN -> " fill=\"#009e73\" stroke=\"#fff\" stroke-width=\"0.5\"";
            case APP_ONLY -> " fill=\"#e69f00\" stroke=\"#3d2a00\" stroke-width=\"0.6\"";
            case CLOSED -> " fill=\"#d55e00\" stroke=\"#1b1f24\" stroke-width=\"0.9\"";
        };
    }

    private String render(List<Store> stores, Locale locale, boolean standalone) {
        StringBuilder svg = new StringBuilder(stores.size() * 90 + 4000);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"store-map\" id=\"store-map\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"map-title\"><title id=\"map-title\">")
                .append(escape(messages.getMessage("map.title", null, locale)))
                .append("</title>");
        svg.append(
                standalone
                        ? "<g class=\"land\" fill=\"#eef1ec\" stroke=\"#6b7670\" stroke-width=\"0.8\""
                                + " stroke-linejoin=\"round\">"
                        : "<g class=\"land\">");
        polygon(svg, MAINLAND);
        polygon(svg, OLAND);
        polygon(svg, GOTLAND);
        svg.append("</g><g class=\"dots\">");
        for (StoreStatus status : DRAW_ORDER) {
            String label = messages.getMessage("status." + status.name(), null, locale);
            for (Store store : stores) {
                if (store.status() == status && store.located()) {
                    svg.append("<circle data-store-id=\"")
                            .append(escape(store.id()))
                            .append("\" data-status=\"")
                            .append(status.name())
                            .append("\" class=\"dot dot-")
                            .append(status.name().toLowerCase(Locale.ROOT))
                            .append("\" cx=\"")
                            .append(coordinate(x(store.lon())))
                            .append("\" cy=\"")
                            .append(coordinate(y(store.lat())))
                            .append("\" r=\"")
                            .append(radius(status))
                            .append('"')
                            .append(standalone ? fill(status) : "");
                    if (standalone) {
                        // an image shows no titles: the dots' names would only cost bytes
                        svg.append("/>");
                    } else {
                        svg.append("><title>")
                                .append(escape(store.name()))
                                .append(": ")
                                .append(escape(label))
                                .append("</title></circle>");
                    }
                }
            }
        }
        svg.append("</g></svg>");
        return svg.toString();
    }

    /** Problems stand out: closed stores are the biggest dots, app-only ones bigger than open ones. */
    static String radius(StoreStatus status) {
        return switch (status) {
            case OPEN -> "2.2";
            case APP_ONLY -> "3";
            case CLOSED -> "3.6";
        };
    }

    private static void polygon(StringBuilder svg, double[] points) {
        svg.append("<polygon points=\"");
        for (int i = 0; i < points.length; i += 2) {
            if (i > 0) {
                svg.append(' ');
            }
            svg.append(coordinate(x(points[i]))).append(',').append(coordinate(y(points[i + 1])));
        }
        svg.append("\"/>");
    }

    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
