package se.skanna.support;

import java.util.List;
import se.skanna.gs1.CheckDigits;
import se.skanna.support.PackPhoto.Kind;

/**
 * The hard pictures the camera must read, one per format and condition, each with the product number it must
 * land as: for the browser's image-matrix test and for the check that Java ZXing reads the pictures at all. To
 * add a case, add a line to {@link #all}.
 */
public final class CameraCases {

    /** One picture: what the test calls it, the picture, and the product (GTIN as imported) it must add. */
    public record Case(String name, PackPhoto photo, String gtin) {}

    /** The product numbers the cases show. */
    public record Products(
            String ean13,
            String ean13Beside,
            String ean13Small,
            String upcA,
            String ean8,
            String upcE,
            String dataBar,
            String dataBarStacked,
            String weighed,
            String qr,
            String dataMatrix) {

        /**
         * The same numbers every run (prefix 40 17, used by no other test), so every run sees the same pictures:
         * a picture is hard for a decoder because of its bars too, and a random number can draw one that even
         * Java ZXing misreads (seen: a UPC-A under glare read as another valid UPC-A).
         */
        public static Products fixed() {
            return new Products(
                    CheckDigits.append("401700000001"),
                    CheckDigits.append("401700000002"),
                    CheckDigits.append("401700000003"),
                    CheckDigits.append("03401700001"),
                    CheckDigits.append("4017000"),
                    upcE("12345" + 7),
                    CheckDigits.append("401700000004"),
                    CheckDigits.append("401700000005"),
                    CheckDigits.append("401700000006"),
                    CheckDigits.append("401700000007"),
                    CheckDigits.append("401700000008"));
        }

        /** The UPC-A a UPC-E stands for: product number system 0, last data digit 5–9 (zeros before it). */
        public String upcEAsUpcA() {
            String d = upcE.substring(1, 7);
            return "0" + d.substring(0, 5) + "0000" + d.charAt(5) + upcE.charAt(7);
        }

        /** The UPC-E of six data digits (the last 5–9, zeros before it in the UPC-A), number system 0. */
        private static String upcE(String d) {
            String upcA = "0" + d.substring(0, 5) + "0000" + d.charAt(5);
            return "0" + d + CheckDigits.compute(upcA);
        }
    }

    /** The weight (g) and price (öre) on the deli label of {@link Products#weighed()}, at 249 kr/kg. */
    public static final long DELI_GRAMS = 875;

    public static final long DELI_PRICE = 21788;

    public static final long DELI_KILO_PRICE = 24900;

    private CameraCases() {}

    /** The DataBar Expanded element string of the deli label: GTIN, net weight (kg, 3 decimals), price. */
    public static String deliLabel(String gtin13) {
        return "[01]0" + gtin13 + "[3103]%06d[3922]%06d".formatted(DELI_GRAMS, DELI_PRICE);
    }

    public static List<Case> all(Products p) {
        return List.of(
                new Case(
                        "EAN-13 at an angle, turned, out of focus, noisy",
                        PackPhoto.of(Kind.EAN_13, p.ean13())
                                .tilted(0.2)
                                .rotated(12)
                                .blurred(1)
                                .noise(8)
                                .seed(11),
                        p.ean13()),
                new Case(
                        "EAN-13 with dark artwork and text beside it, busy background, uneven light",
                        PackPhoto.of(Kind.EAN_13, p.ean13Beside())
                                .printBeside()
                                .widthInFrame(0.9)
                                .busyBackground()
                                .unevenLight(0.6)
                                .noise(5)
                                .seed(12),
                        p.ean13Beside()),
                new Case(
                        "EAN-13 small in the picture",
                        PackPhoto.of(Kind.EAN_13, p.ean13Small())
                                .widthInFrame(0.36)
                                .offCentre(0.15, -0.1)
                                .busyBackground()
                                .noise(4)
                                .seed(13),
                        p.ean13Small()),
                new Case(
                        "UPC-A on a can, with glare",
                        PackPhoto.of(Kind.UPC_A, p.upcA())
                                .curved(1.4)
                                .glare(0.6)
                                .noise(5)
                                .seed(14),
                        p.upcA()),
                new Case(
                        "EAN-8 washed-out print, out of focus",
                        PackPhoto.of(Kind.EAN_8, p.ean8())
                                .contrast(0.35)
                                .blurred(1.2)
                                .noise(4)
                                .widthInFrame(0.45)
                                .seed(15),
                        p.ean8()),
                new Case(
                        "UPC-E turned on a busy shelf",
                        PackPhoto.of(Kind.UPC_E, p.upcE())
                                .rotated(-20)
                                .busyBackground()
                                .widthInFrame(0.4)
                                .noise(5)
                                .seed(16),
                        p.upcEAsUpcA()),
                new Case(
                        "GS1 DataBar at an angle in uneven light",
                        PackPhoto.of(Kind.DATABAR, p.dataBar().substring(0, 12))
                                .tilted(0.2)
                                .rotated(-8)
                                .unevenLight(0.5)
                                .noise(6)
                                .widthInFrame(0.7)
                                .seed(17),
                        p.dataBar()),
                new Case(
                        "GS1 DataBar Stacked Omnidirectional, turned, busy background",
                        PackPhoto.of(Kind.DATABAR_STACKED, p.dataBarStacked().substring(0, 12))
                                .rotated(5)
                                .busyBackground()
                                .noise(5)
                                .widthInFrame(0.35)
                                .seed(21),
                        p.dataBarStacked()),
                new Case(
                        "GS1 DataBar Expanded deli label (weight and price), slightly curved, noisy",
                        PackPhoto.of(Kind.DATABAR_EXPANDED, deliLabel(p.weighed()))
                                .curved(0.8)
                                .rotated(5)
                                .blurred(1)
                                .noise(6)
                                .widthInFrame(0.85)
                                .seed(18),
                        p.weighed()),
                new Case(
                        "QR (GS1 Digital Link) small, at an angle, on a busy background",
                        PackPhoto.of(Kind.QR, "https://id.gs1.org/01/0" + p.qr())
                                .widthInFrame(0.3)
                                .tilted(0.2)
                                .rotated(25)
                                .busyBackground()
                                .noise(6)
                                .seed(19),
                        p.qr()),
                new Case(
                        "GS1 DataMatrix with expiry date and batch, at an angle, uneven light",
                        PackPhoto.of(Kind.GS1_DATAMATRIX, "[01]0" + p.dataMatrix() + "[17]271231[10]LOT7")
                                .widthInFrame(0.4)
                                .tilted(0.15)
                                .rotated(4) // ZXing's DataMatrix detector misses codes turned by 15° or more
                                .unevenLight(0.4)
                                .noise(5)
                                .seed(20),
                        p.dataMatrix()));
    }
}
