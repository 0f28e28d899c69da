package se.skanna.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.skanna.gs1.BarcodeReader;

/**
 * The camera cases' pictures are hard but fair: Java ZXing on the JVM (the library the browser decoder is
 * compiled from) reads each at 640×480, and what it reads is the case's product. Saves each picture as
 * target/screenshots/camera-case-N.png for a look.
 */
class PackPhotoTest {

    private static final CameraCases.Products PRODUCTS = CameraCases.Products.fixed();

    static Stream<CameraCases.Case> cases() {
        return CameraCases.all(PRODUCTS).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void java_zxing_reads_the_picture_as_the_cases_product(CameraCases.Case shot) throws IOException {
        byte[] luma = shot.photo().luma(640, 480, 0);
        save(shot, luma);

        Result result = read(luma);

        assertThat(result).as("ZXing found nothing in " + shot.name()).isNotNull();
        String text = result.getText();
        Object symbology = result.getResultMetadata().get(com.google.zxing.ResultMetadataType.SYMBOLOGY_IDENTIFIER);
        if ("]d2".equals(symbology) || result.getBarcodeFormat() == com.google.zxing.BarcodeFormat.UPC_E) {
            text = symbology + text;
        }
        assertThat(BarcodeReader.swedish().read(text).gtin().value())
                .isEqualTo(se.skanna.gs1.Gtin.parse(shot.gtin()).value());
    }

    private static Result read(byte[] luma) {
        var source = new PlanarYUVLuminanceSource(luma, 640, 480, 0, 0, 640, 480, false);
        try {
            return new MultiFormatReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(source)), Map.of(DecodeHintType.TRY_HARDER, true));
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static void save(CameraCases.Case shot, byte[] luma) throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, 640, 480, luma);
        Files.createDirectories(Browser.SCREENSHOTS);
        int index = CameraCases.all(PRODUCTS).stream()
                .map(CameraCases.Case::name)
                .toList()
                .indexOf(shot.name());
        ImageIO.write(
                image,
                "png",
                Browser.SCREENSHOTS.resolve("camera-case-" + index + ".png").toFile());
    }
}
