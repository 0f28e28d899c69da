package se.skanna.decoder;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Reader;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import com.google.zxing.oned.MultiFormatUPCEANReader;
import com.google.zxing.oned.OneDReader;
import com.google.zxing.oned.rss.RSS14Reader;
import com.google.zxing.oned.rss.expanded.RSSExpandedReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one grey camera frame with Java ZXing's readers for the formats asked for: the 1-D retail codes first
 * (EAN/UPC, then GS1 DataBar and DataBar Expanded), then QR and DataMatrix. Only these readers are compiled into
 * the browser module, which keeps it small. GS1 DataMatrix and GS1 QR codes come back with their symbology
 * identifier ({@code ]d2}, {@code ]Q3}) in front, so the server knows FNC1 separators are GS characters, and so
 * does UPC-E ({@code ]E0}): its 8 digits alone pass for an EAN-8 whenever they happen to fit EAN-8's check digit.
 */
final class FrameDecoder {

    private final List<Reader> readers = new ArrayList<>();
    private final Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    private final Map<DecodeHintType, Object> hardHints = new EnumMap<>(DecodeHintType.class);

    FrameDecoder(Set<BarcodeFormat> formats) {
        EnumSet<BarcodeFormat> retail =
                EnumSet.of(BarcodeFormat.EAN_13, BarcodeFormat.EAN_8, BarcodeFormat.UPC_A, BarcodeFormat.UPC_E);
        retail.retainAll(formats);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.copyOf(formats));
        hardHints.putAll(hints);
        hardHints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        List<OneDReader> linear = new ArrayList<>();
        if (!retail.isEmpty()) {
            linear.add(new MultiFormatUPCEANReader(hints));
        }
        if (formats.contains(BarcodeFormat.RSS_14)) {
            linear.add(new RSS14Reader());
        }
        if (formats.contains(BarcodeFormat.RSS_EXPANDED)) {
            linear.add(new RSSExpandedReader());
        }
        if (!linear.isEmpty()) {
            readers.add(new RetailRowReader(linear));
        }
        if (formats.contains(BarcodeFormat.QR_CODE)) {
            readers.add(new QRCodeReader());
        }
        if (formats.contains(BarcodeFormat.DATA_MATRIX)) {
            readers.add(new DataMatrixReader());
        }
    }

    /**
     * The text of the first code found in the frame, or null; {@code tryHarder} spends more time on it: every
     * row, both ways, the frame turned by 90° too.
     */
    String decode(byte[] gray, int width, int height, boolean tryHarder) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new GrayLuminanceSource(gray, width, height)));
        for (Reader reader : readers) {
            try {
                return text(reader.decode(bitmap, tryHarder ? hardHints : hints));
            } catch (ReaderException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                // not this format (or a damaged symbol): the next reader's turn
            } finally {
                reader.reset();
            }
        }
        return null;
    }

    private static String text(Result result) {
        Map<ResultMetadataType, Object> metadata = result.getResultMetadata();
        Object symbology = metadata == null ? null : metadata.get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
        if ("]d2".equals(symbology) || "]Q3".equals(symbology)) {
            return symbology + result.getText();
        }
        if (result.getBarcodeFormat() == BarcodeFormat.UPC_E) {
            return "]E0" + result.getText();
        }
        return result.getText();
    }
}
