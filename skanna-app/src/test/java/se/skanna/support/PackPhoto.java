package se.skanna.support;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;
import uk.org.okapibarcode.backend.DataBar14;
import uk.org.okapibarcode.backend.DataBarExpanded;
import uk.org.okapibarcode.backend.DataMatrix;
import uk.org.okapibarcode.backend.HumanReadableLocation;
import uk.org.okapibarcode.graphics.Color;
import uk.org.okapibarcode.output.Java2DRenderer;

/**
 * A picture of a barcode on a pack as a phone camera sees it, not a clean rendering: the label (bars, quiet
 * zone, digits and whatever is printed beside the code) seen at an angle and turned, wrapped round a can, out of
 * focus, with sensor noise, uneven light and glare, washed-out print, a busy background, small in the frame.
 * Every effect is a setting with a default of "none", so a test case reads as the list of what makes it hard:
 * <pre>{@code PackPhoto.of(PackPhoto.Kind.UPC_A, "036000291452").curved(1.2).glare(0.7).noise(6)}</pre>
 * Pictures are grey (the luma plane a Y4M frame needs); the same settings and seed always draw the same picture,
 * and {@link #luma(int, int, long)} varies only the sensor noise from frame to frame, as a real camera does.
 */
public final class PackPhoto {

    /** What is printed: the content is the digits (with check digit) or, for the GS1 kinds, an element string. */
    public enum Kind {
        EAN_13,
        UPC_A,
        EAN_8,
        UPC_E,
        /** GS1 DataBar Omnidirectional; content: the 13 digits of the GTIN without its check digit. */
        DATABAR,
        /** GS1 DataBar Stacked Omnidirectional (two rows, on small produce); content as for {@link #DATABAR}. */
        DATABAR_STACKED,
        /** GS1 DataBar Expanded; content in Okapi's form, e.g. {@code [01]90012345678908[3103]000875}. */
        DATABAR_EXPANDED,
        QR,
        /** GS1 DataMatrix; content in Okapi's form, e.g. {@code [01]07310865004703[17]261231}. */
        GS1_DATAMATRIX
    }

    private static final int PAPER = 238;
    private static final int INK = 28;

    private final Kind kind;
    private final String content;
    private double widthInFrame = 0.6;
    private double rotation;
    private double tilt;
    private double curve;
    private double blur;
    private double noise;
    private double glare;
    private double unevenLight;
    private double contrast = 1;
    private boolean busyBackground;
    private boolean printBeside;
    private double offsetX;
    private double offsetY;
    private long seed = 1;

    private PackPhoto(Kind kind, String content) {
        this.kind = kind;
        this.content = content;
    }

    public static PackPhoto of(Kind kind, String content) {
        return new PackPhoto(kind, content);
    }

    /**
     * How wide the label is in the picture, as a fraction of the picture's width (default 0.6); a tall label
     * is made smaller until it fits nine tenths of the height.
     */
    public PackPhoto widthInFrame(double fraction) {
        widthInFrame = fraction;
        return this;
    }

    /** Turned by this many degrees, clockwise. */
    public PackPhoto rotated(double degrees) {
        rotation = degrees;
        return this;
    }

    /** Seen at an angle: the far (top) edge this fraction narrower than the near one (0.3 is a lot). */
    public PackPhoto tilted(double fraction) {
        tilt = fraction;
        return this;
    }

    /** Wrapped round a can: the angle in radians the label's width covers (1.5 is about a third of the can). */
    public PackPhoto curved(double radians) {
        curve = radians;
        return this;
    }

    /** Out of focus: the blur's radius in pixels of the picture. */
    public PackPhoto blurred(double radius) {
        blur = radius;
        return this;
    }

    /** Sensor noise: its standard deviation in grey levels (0–255). */
    public PackPhoto noise(double sigma) {
        noise = sigma;
        return this;
    }

    /** A bright reflection across part of the code: 0 none, 1 white. */
    public PackPhoto glare(double strength) {
        glare = strength;
        return this;
    }

    /** Light falling off across the picture: 0 even, 1 the far side in deep shadow. */
    public PackPhoto unevenLight(double amount) {
        unevenLight = amount;
        return this;
    }

    /** How dark the bars are against the paper: 1 black on white, 0.3 washed-out print. */
    public PackPhoto contrast(double fraction) {
        contrast = fraction;
        return this;
    }

    /** Shelves, other packs and text all round the label instead of a plain table. */
    public PackPhoto busyBackground() {
        busyBackground = true;
        return this;
    }

    /** Dark artwork and text printed on the label right beside the code (just outside its quiet zone). */
    public PackPhoto printBeside() {
        printBeside = true;
        return this;
    }

    /** Off centre, by these fractions of the picture's width and height. */
    public PackPhoto offCentre(double x, double y) {
        offsetX = x;
        offsetY = y;
        return this;
    }

    /** Another random background, print and noise pattern. */
    public PackPhoto seed(long value) {
        seed = value;
        return this;
    }

    /** The picture's grey values, row by row; {@code frame} picks the sensor noise. */
    public byte[] luma(int width, int height, long frame) {
        return frames(width, height).apply(frame);
    }

    /** Frames of the picture (drawn once), each with its own sensor noise: frame number to grey values. */
    public LongFunction<byte[]> frames(int width, int height) {
        int[] scene = scene(width, height);
        return frame -> {
            Random random = new Random(seed * 7919 + frame);
            byte[] luma = new byte[width * height];
            for (int i = 0; i < luma.length; i++) {
                double value = scene[i] + (noise > 0 ? random.nextGaussian() * noise : 0);
                luma[i] = (byte) Math.clamp(Math.round(value), 0, 255);
            }
            return luma;
        };
    }

    private int[] scene(int width, int height) {
        BufferedImage label = label();
        int[] paper = label.getRaster().getPixels(0, 0, label.getWidth(), label.getHeight(), (int[]) null);
        int lw = label.getWidth();
        int lh = label.getHeight();
        double[] background = background(width, height);
        // where the label's corners land in the picture: scaled, seen at an angle, turned, moved
        double scale = Math.min(width * widthInFrame / lw, height * 0.9 / lh); // a tall label fits the height
        double cx = width / 2.0 + offsetX * width;
        double cy = height / 2.0 + offsetY * height;
        double[][] corners = {{-lw / 2.0, -lh / 2.0}, {lw / 2.0, -lh / 2.0}, {lw / 2.0, lh / 2.0}, {-lw / 2.0, lh / 2.0}
        };
        double[][] target = new double[4][];
        double angle = Math.toRadians(rotation);
        for (int i = 0; i < 4; i++) {
            double x = corners[i][0] * scale;
            double y = corners[i][1] * scale;
            if (y < 0) { // the far edge: narrower, and foreshortened
                x *= 1 - tilt;
                y *= 1 - tilt / 2;
            }
            target[i] = new double[] {
                cx + x * Math.cos(angle) - y * Math.sin(angle), cy + x * Math.sin(angle) + y * Math.cos(angle)
            };
        }
        double[] toLabel = homography(target, new double[][] {{0, 0}, {1, 0}, {1, 1}, {0, 1}});
        double[] picture = new double[width * height];
        double half = curve / 2;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double w = toLabel[6] * x + toLabel[7] * y + 1;
                double s = (toLabel[0] * x + toLabel[1] * y + toLabel[2]) / w;
                double t = (toLabel[3] * x + toLabel[4] * y + toLabel[5]) / w;
                double value = background[y * width + x];
                if (s >= 0 && s < 1 && t >= 0 && t < 1) {
                    double u = s;
                    double shade = 1;
                    if (curve > 0) { // seen from the front, a point on the can at angle φ shows at sin φ
                        double phi = Math.asin((2 * s - 1) * Math.sin(half));
                        u = phi / curve + 0.5;
                        shade = 0.7 + 0.3 * Math.cos(phi);
                    }
                    value = sample(paper, lw, lh, u * (lw - 1), t * (lh - 1)) * shade;
                }
                picture[y * width + x] = value * light(x, y, width, height) + glareAt(x, y, cx, cy, scale * lw);
            }
        }
        if (blur > 0) {
            int radius = (int) Math.max(1, Math.round(blur));
            for (int pass = 0; pass < 2; pass++) {
                boxBlur(picture, width, height, radius);
            }
        }
        int[] scene = new int[width * height];
        for (int i = 0; i < scene.length; i++) {
            scene[i] = Math.clamp(Math.round(picture[i]), 0, 255);
        }
        return scene;
    }

    private double light(int x, int y, int width, int height) {
        double across = (double) x / width * 0.8 + (double) y / height * 0.2;
        return 1 - unevenLight * 0.75 * across;
    }

    private double glareAt(int x, int y, double cx, double cy, double labelWidth) {
        if (glare <= 0) {
            return 0;
        }
        double gx = cx + labelWidth * 0.12;
        double gy = cy - labelWidth * 0.05;
        double sx = labelWidth * 0.09;
        double sy = labelWidth * 0.25;
        double d = (x - gx) * (x - gx) / (2 * sx * sx) + (y - gy) * (y - gy) / (2 * sy * sy);
        return glare * 200 * Math.exp(-d);
    }

    private static double sample(int[] image, int width, int height, double x, double y) {
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = image[y0 * width + x0] * (1 - fx) + image[y0 * width + x1] * fx;
        double bottom = image[y1 * width + x0] * (1 - fx) + image[y1 * width + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static void boxBlur(double[] image, int width, int height, int radius) {
        double[] row = new double[Math.max(width, height)];
        for (int y = 0; y < height; y++) {
            blurLine(image, y * width, 1, width, radius, row);
        }
        for (int x = 0; x < width; x++) {
            blurLine(image, x, width, height, radius, row);
        }
    }

    private static void blurLine(double[] image, int start, int step, int length, int radius, double[] copy) {
        for (int i = 0; i < length; i++) {
            copy[i] = image[start + i * step];
        }
        double sum = 0;
        int count = 0;
        for (int i = -radius; i < length; i++) {
            int in = i + radius;
            int out = i - radius - 1;
            if (in < length) {
                sum += copy[in];
                count++;
            }
            if (out >= 0) {
                sum -= copy[out];
                count--;
            }
            if (i >= 0) {
                image[start + i * step] = sum / count;
            }
        }
    }

    /** The plain table the packs lie on, with nothing on it: what the camera sees between two packs. */
    public static byte[] emptyTable(int width, int height) {
        byte[] luma = new byte[width * height];
        for (int y = 0; y < height; y++) {
            Arrays.fill(luma, y * width, (y + 1) * width, (byte) (150 + 40 * y / height));
        }
        return luma;
    }

    /** A plain table in soft light, or shelves and other packs with print on them. */
    private double[] background(int width, int height) {
        double[] background = new double[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                background[y * width + x] = 150 + 40.0 * y / height;
            }
        }
        if (busyBackground) {
            Random random = new Random(seed);
            for (int i = 0; i < 40; i++) {
                int w = 20 + random.nextInt(width / 3);
                int h = 20 + random.nextInt(height / 3);
                fill(
                        background,
                        width,
                        height,
                        random.nextInt(width),
                        random.nextInt(height),
                        w,
                        h,
                        20 + random.nextInt(220));
            }
            for (int i = 0; i < 30; i++) { // lines of text: short dark strokes
                int x = random.nextInt(width);
                int y = random.nextInt(height);
                int size = 6 + random.nextInt(10);
                for (int c = 0; c < 12; c++) {
                    int stroke = 1 + random.nextInt(3);
                    fill(background, width, height, x, y, stroke, size, 15 + random.nextInt(40));
                    x += stroke + 1 + random.nextInt(size / 2 + 1);
                }
            }
        }
        return background;
    }

    private static void fill(double[] image, int width, int height, int left, int top, int w, int h, int value) {
        for (int y = Math.max(0, top); y < Math.min(height, top + h); y++) {
            for (int x = Math.max(0, left); x < Math.min(width, left + w); x++) {
                image[y * width + x] = value;
            }
        }
    }

    /** The flat label: the symbol in ink on paper, its quiet zone, digits and, if asked, print beside it. */
    private BufferedImage label() {
        BufferedImage symbol = symbol();
        int module = moduleSize();
        boolean linear = kind != Kind.QR && kind != Kind.GS1_DATAMATRIX;
        int quiet = (linear ? 10 : 4) * module;
        int side = printBeside ? 36 * module : 0;
        int digits = linear && !kind.name().startsWith("DATABAR") ? 9 * module : 0;
        int width = symbol.getWidth() + 2 * quiet + 2 * side;
        int height = symbol.getHeight() + 2 * quiet + digits;
        BufferedImage label = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = label.createGraphics();
        int ink = (int) Math.round(PAPER - (PAPER - INK) * contrast);
        try {
            graphics.setColor(new java.awt.Color(PAPER, PAPER, PAPER));
            graphics.fillRect(0, 0, width, height);
            graphics.drawImage(symbol, side + quiet, quiet, null);
            graphics.setColor(new java.awt.Color(ink, ink, ink));
            Random random = new Random(seed * 31);
            if (digits > 0) { // the digits under the bars, as blocky glyphs
                strokes(
                        graphics,
                        random,
                        side + quiet,
                        quiet + symbol.getHeight() + module,
                        symbol.getWidth(),
                        7 * module,
                        module);
            }
            if (printBeside) { // artwork in a dark block and lines of text, up to the quiet zone on both sides
                graphics.fillRect(module * 2, quiet, side - module * 4, symbol.getHeight() / 2);
                for (int line = 0; line < 5; line++) {
                    int top = quiet + symbol.getHeight() / 2 + module * 2 + line * 8 * module;
                    if (top + 6 * module < height) {
                        strokes(graphics, random, module * 2, top, side - module * 3, 6 * module, module);
                    }
                    strokes(
                            graphics,
                            random,
                            side + quiet * 2 + symbol.getWidth(),
                            quiet + line * 8 * module,
                            side - module * 3,
                            6 * module,
                            module);
                }
            }
        } finally {
            graphics.dispose();
        }
        return label;
    }

    /** Text-like marks: letters made of a few vertical and horizontal strokes. */
    private static void strokes(Graphics2D graphics, Random random, int left, int top, int width, int height, int m) {
        int x = left;
        while (x + 4 * m < left + width) {
            int letter = 3 * m + random.nextInt(2 * m);
            graphics.fillRect(x, top, m, height);
            if (random.nextBoolean()) {
                graphics.fillRect(x, top, letter, m);
            }
            if (random.nextBoolean()) {
                graphics.fillRect(x, top + height - m, letter, m);
            }
            if (random.nextBoolean()) {
                graphics.fillRect(x + letter - m, top, m, height);
            }
            x += letter + m + random.nextInt(2 * m);
        }
    }

    private int moduleSize() {
        return switch (kind) {
            case QR, GS1_DATAMATRIX -> 8;
            default -> 4;
        };
    }

    private BufferedImage symbol() {
        int m = moduleSize();
        return switch (kind) {
            case EAN_13 -> zxing(BarcodeFormat.EAN_13, 95 * m, 70 * m);
            case UPC_A -> zxing(BarcodeFormat.UPC_A, 95 * m, 70 * m);
            case EAN_8 -> zxing(BarcodeFormat.EAN_8, 67 * m, 55 * m);
            case UPC_E -> zxing(BarcodeFormat.UPC_E, 51 * m, 55 * m);
            case QR -> zxing(BarcodeFormat.QR_CODE, 0, 0);
            // Okapi encodes in setContent: every other setting comes first
            case DATABAR, DATABAR_STACKED -> {
                DataBar14 symbol = new DataBar14();
                symbol.setHumanReadableLocation(HumanReadableLocation.NONE);
                symbol.setMode(kind == Kind.DATABAR_STACKED ? DataBar14.Mode.OMNI : DataBar14.Mode.LINEAR);
                symbol.setContent(content);
                yield okapi(symbol, m);
            }
            case DATABAR_EXPANDED -> { // Okapi's default: stacked in rows of a few segments, as deli labels are
                DataBarExpanded symbol = new DataBarExpanded();
                symbol.setHumanReadableLocation(HumanReadableLocation.NONE);
                symbol.setContent(content);
                yield okapi(symbol, m);
            }
            case GS1_DATAMATRIX -> {
                DataMatrix symbol = new DataMatrix();
                symbol.setHumanReadableLocation(HumanReadableLocation.NONE);
                symbol.setDataType(uk.org.okapibarcode.backend.Symbol.DataType.GS1);
                symbol.setContent(content);
                yield okapi(symbol, m);
            }
        };
    }

    /** A ZXing symbol, one module {@link #moduleSize()} pixels, no margin (the label has the quiet zone). */
    private BufferedImage zxing(BarcodeFormat format, int width, int height) {
        BitMatrix bars;
        try {
            bars = new MultiFormatWriter().encode(content, format, width, height, Map.of(EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("ZXing cannot draw " + content + " as " + format, e);
        }
        int m = format == BarcodeFormat.QR_CODE ? moduleSize() : 1;
        BufferedImage image =
                new BufferedImage(bars.getWidth() * m, bars.getHeight() * m, BufferedImage.TYPE_BYTE_GRAY);
        int ink = (int) Math.round(PAPER - (PAPER - INK) * contrast);
        int paper = PAPER | PAPER << 8 | PAPER << 16;
        int dark = ink | ink << 8 | ink << 16;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, bars.get(x / m, y / m) ? dark : paper);
            }
        }
        return image;
    }

    private BufferedImage okapi(uk.org.okapibarcode.backend.Symbol symbol, int module) {
        BufferedImage image = new BufferedImage(
                symbol.getWidth() * module, symbol.getHeight() * module, BufferedImage.TYPE_BYTE_GRAY);
        int ink = (int) Math.round(PAPER - (PAPER - INK) * contrast);
        Graphics2D graphics = image.createGraphics();
        try {
            new Java2DRenderer(graphics, module, new Color(PAPER, PAPER, PAPER), new Color(ink, ink, ink))
                    .render(symbol);
        } finally {
            graphics.dispose();
        }
        return image;
    }

    /**
     * The projective map (a, b, c, d, e, f, g, h) taking each {@code from} point to its {@code to} point:
     * {@code x' = (ax + by + c) / (gx + hy + 1)}, {@code y' = (dx + ey + f) / (gx + hy + 1)}.
     */
    private static double[] homography(double[][] from, double[][] to) {
        double[][] system = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = from[i][0];
            double y = from[i][1];
            double u = to[i][0];
            double v = to[i][1];
            system[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            system[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        for (int column = 0; column < 8; column++) {
            int pivot = column;
            for (int row = column + 1; row < 8; row++) {
                if (Math.abs(system[row][column]) > Math.abs(system[pivot][column])) {
                    pivot = row;
                }
            }
            double[] swap = system[column];
            system[column] = system[pivot];
            system[pivot] = swap;
            for (int row = 0; row < 8; row++) {
                if (row != column) {
                    double factor = system[row][column] / system[column][column];
                    for (int k = column; k < 9; k++) {
                        system[row][k] -= factor * system[column][k];
                    }
                }
            }
        }
        double[] h = new double[8];
        for (int i = 0; i < 8; i++) {
            h[i] = system[i][8] / system[i][i];
        }
        return h;
    }
}
