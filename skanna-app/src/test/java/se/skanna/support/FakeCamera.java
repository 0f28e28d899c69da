package se.skanna.support;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import uk.org.okapibarcode.backend.DataBar14;
import uk.org.okapibarcode.backend.HumanReadableLocation;
import uk.org.okapibarcode.graphics.Color;
import uk.org.okapibarcode.output.Java2DRenderer;

/**
 * Videos for Chromium's fake camera ({@code --use-file-for-fake-video-capture}): an uncompressed Y4M file
 * (YUV 4:2:0, full range) whose frames show one barcode, drawn by ZXing, black on white in the middle of the
 * picture. Chromium plays the file in a loop, so the barcode stays in view for as long as the test runs.
 */
public final class FakeCamera {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int FPS = 10;

    private FakeCamera() {}

    /** A video showing the EAN-13 barcode of {@code gtin} (13 digits) all the time. */
    public static Path ean13(String gtin) {
        return write("ean13-" + gtin, new Scene(picture(BarcodeFormat.EAN_13, gtin), FPS));
    }

    /**
     * A video showing the GS1 DataBar Omnidirectional symbol of {@code gtin} (13 digits; the symbol carries it
     * as a GTIN-14), as on loose fruit and vegetables. Drawn by Okapi Barcode.
     */
    public static Path dataBar(String gtin) {
        DataBar14 label = new DataBar14();
        label.setContent(gtin.substring(0, 12)); // Okapi adds the check digit itself
        label.setHumanReadableLocation(HumanReadableLocation.NONE);
        int scale = Math.max(1, (WIDTH - 120) / label.getWidth());
        BufferedImage image =
                new BufferedImage(label.getWidth() * scale, label.getHeight() * scale, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = image.createGraphics();
        try {
            new Java2DRenderer(graphics, scale, Color.WHITE, Color.BLACK).render(label);
        } finally {
            graphics.dispose();
        }
        byte[] luma = new byte[WIDTH * HEIGHT];
        Arrays.fill(luma, (byte) 255);
        int left = (WIDTH - image.getWidth()) / 2;
        int top = (HEIGHT - image.getHeight()) / 2;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                luma[(top + y) * WIDTH + left + x] = (byte) (image.getRGB(x, y) & 0xff);
            }
        }
        return write("databar", new Scene(luma, FPS));
    }

    /**
     * A video showing {@code text} as a QR code all the time (an exit pass on a shopper's phone), a little
     * smaller each second as if the phone were moved away from the camera, then back again.
     */
    public static Path qr(String text) {
        return write(
                "qr",
                new Scene(picture(BarcodeFormat.QR_CODE, text, 420), FPS),
                new Scene(picture(BarcodeFormat.QR_CODE, text, 380), FPS),
                new Scene(picture(BarcodeFormat.QR_CODE, text, 340), FPS),
                new Scene(picture(BarcodeFormat.QR_CODE, text, 380), FPS));
    }

    /**
     * A video showing the EAN-13 barcode of {@code gtin} for {@code shownSeconds}, then a white page for
     * {@code awaySeconds}, over and over: a shopper showing one pack after another.
     */
    public static Path ean13ShownAgainAndAgain(String gtin, int shownSeconds, int awaySeconds) {
        byte[] white = new byte[WIDTH * HEIGHT];
        Arrays.fill(white, (byte) 255);
        return write(
                "ean13-again-" + gtin,
                new Scene(picture(BarcodeFormat.EAN_13, gtin), shownSeconds * FPS),
                new Scene(white, awaySeconds * FPS));
    }

    private static byte[] picture(BarcodeFormat format, String contents) {
        return picture(format, contents, 420);
    }

    /** The luma plane of one picture of the barcode; a QR code {@code size} pixels square. */
    private static byte[] picture(BarcodeFormat format, String contents, int size) {
        BitMatrix bars;
        try {
            bars = format == BarcodeFormat.QR_CODE
                    ? new MultiFormatWriter().encode(contents, format, size, size, Map.of(EncodeHintType.MARGIN, 4))
                    : new MultiFormatWriter().encode(contents, format, 520, 220, Map.of(EncodeHintType.MARGIN, 10));
        } catch (WriterException e) {
            throw new IllegalArgumentException("ZXing cannot draw " + contents + " as " + format, e);
        }
        byte[] luma = new byte[WIDTH * HEIGHT];
        Arrays.fill(luma, (byte) 255);
        int left = (WIDTH - bars.getWidth()) / 2;
        int top = (HEIGHT - bars.getHeight()) / 2;
        for (int y = 0; y < bars.getHeight(); y++) {
            for (int x = 0; x < bars.getWidth(); x++) {
                if (bars.get(x, y)) {
                    luma[(top + y) * WIDTH + left + x] = 0;
                }
            }
        }
        return luma;
    }

    /**
     * One shot of a camera video: {@code photo} (null: an empty table, nothing to read) for {@code frames}
     * frames, each frame with its own sensor noise.
     */
    public record Shot(PackPhoto photo, int frames) {

        /** Nothing in view for {@code frames} frames. */
        public static Shot nothing(int frames) {
            return new Shot(null, frames);
        }
    }

    /**
     * A video of photo-like pictures ({@link PackPhoto}), one shot after the other, {@code width}×{@code height}
     * at {@code fps} frames a second.
     */
    public static Path photos(String name, int width, int height, int fps, List<Shot> shots) {
        byte[] table = PackPhoto.emptyTable(width, height);
        List<Scene> scenes = new ArrayList<>();
        long frame = 0;
        for (Shot shot : shots) {
            if (shot.photo() == null) {
                scenes.add(new Scene(table, shot.frames()));
                frame += shot.frames();
                continue;
            }
            LongFunction<byte[]> frames = shot.photo().frames(width, height);
            for (int i = 0; i < shot.frames(); i++) {
                scenes.add(new Scene(frames.apply(frame++), 1));
            }
        }
        return write(name, width, height, fps, scenes);
    }

    /** One picture (its luma plane) shown for a number of frames. */
    private record Scene(byte[] luma, int frames) {}

    private static Path write(String name, Scene... scenes) {
        return write(name, WIDTH, HEIGHT, FPS, List.of(scenes));
    }

    private static Path write(String name, int width, int height, int fps, List<Scene> scenes) {
        byte[] chroma = new byte[(width / 2) * (height / 2)];
        Arrays.fill(chroma, (byte) 128); // no colour
        try {
            Path file = Files.createTempFile("skanna-camera-" + name + "-", ".y4m");
            file.toFile().deleteOnExit();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (Scene scene : scenes) {
                    for (int frame = 0; frame < scene.frames(); frame++) {
                        out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                        out.write(scene.luma());
                        out.write(chroma); // U
                        out.write(chroma); // V
                    }
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
