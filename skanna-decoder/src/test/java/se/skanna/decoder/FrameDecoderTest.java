package se.skanna.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder's Java side on the JVM: what it returns for a frame, before TeaVM compiles it for the browser. */
class FrameDecoderTest {

    private static final String RETAIL = "EAN_13,EAN_8,UPC_A,UPC_E,RSS_14,RSS_EXPANDED,DATA_MATRIX,QR_CODE";

    @Test
    void a_upc_e_comes_with_its_symbology_identifier_even_when_its_digits_would_pass_for_an_ean_8() {
        String upcE = upcEThatLooksLikeAnEan8();

        String read = decoder(RETAIL).decode(frame(BarcodeFormat.UPC_E, upcE, 400, 200), 640, 480, false);

        assertThat(read).isEqualTo("]E0" + upcE);
    }

    @Test
    void ean_13_upc_a_and_qr_come_as_their_plain_text() {
        FrameDecoder decoder = decoder(RETAIL);

        assertThat(decoder.decode(frame(BarcodeFormat.EAN_13, "7310865004703", 500, 200), 640, 480, false))
                .isEqualTo("7310865004703");
        assertThat(decoder.decode(frame(BarcodeFormat.UPC_A, "036000291452", 500, 200), 640, 480, false))
                .isEqualTo("036000291452");
        assertThat(decoder.decode(
                        frame(BarcodeFormat.QR_CODE, "https://id.gs1.org/01/07310865004703", 300, 300),
                        640,
                        480,
                        false))
                .isEqualTo("https://id.gs1.org/01/07310865004703");
    }

    @Test
    void a_frame_without_a_code_or_with_a_format_not_asked_for_reads_as_nothing() {
        byte[] ean13 = frame(BarcodeFormat.EAN_13, "7310865004703", 500, 200);
        byte[] blank = new byte[640 * 480];
        Arrays.fill(blank, (byte) 200);

        assertThat(decoder(RETAIL).decode(blank, 640, 480, true)).isNull();
        assertThat(decoder("QR_CODE").decode(ean13, 640, 480, true)).isNull();
    }

    @Test
    void the_harder_search_finds_a_barcode_held_upright() {
        byte[] upright = turn(frame(BarcodeFormat.EAN_13, "7310865004703", 420, 150), 640, 480);

        assertThat(decoder("EAN_13").decode(upright, 480, 640, false)).isNull();
        assertThat(decoder("EAN_13").decode(upright, 480, 640, true)).isEqualTo("7310865004703");
    }

    @Test
    void unknown_or_no_formats_are_refused() {
        assertThatThrownBy(() -> BrowserDecoder.parse("EAN_13,NO_SUCH")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrowserDecoder.parse(" , ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static FrameDecoder decoder(String formats) {
        return new FrameDecoder(BrowserDecoder.parse(formats));
    }

    /** Eight digits valid both as a UPC-E (check digit of its UPC-A) and as an EAN-8. */
    private static String upcEThatLooksLikeAnEan8() {
        for (int n = 10000; n < 100000; n++) {
            String d = n + "5";
            String upcA = "0" + d.substring(0, 5) + "0000" + d.charAt(5);
            String upcE = "0" + d + check(upcA);
            if (check(upcE.substring(0, 7)) == upcE.charAt(7) - '0') {
                return upcE;
            }
        }
        throw new IllegalStateException("none found");
    }

    private static int check(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? 3 * digit : digit;
        }
        return (10 - sum % 10) % 10;
    }

    /** A 640×480 grey frame with the symbol in the middle, black on white. */
    private static byte[] frame(BarcodeFormat format, String contents, int width, int height) {
        BitMatrix bars;
        try {
            bars = new MultiFormatWriter().encode(contents, format, width, height, Map.of(EncodeHintType.MARGIN, 10));
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
        byte[] frame = new byte[640 * 480];
        Arrays.fill(frame, (byte) 255);
        int left = (640 - bars.getWidth()) / 2;
        int top = (480 - bars.getHeight()) / 2;
        for (int y = 0; y < bars.getHeight(); y++) {
            for (int x = 0; x < bars.getWidth(); x++) {
                if (bars.get(x, y)) {
                    frame[(top + y) * 640 + left + x] = 0;
                }
            }
        }
        return frame;
    }

    /** The frame turned by 90°: height × width. */
    private static byte[] turn(byte[] frame, int width, int height) {
        byte[] turned = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                turned[x * height + (height - 1 - y)] = frame[y * width + x];
            }
        }
        return turned;
    }
}
