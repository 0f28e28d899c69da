package se.skanna.decoder;

import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.BitArray;
import com.google.zxing.oned.OneDReader;
import java.util.List;
import java.util.Map;

/**
 * ZXing's 1-D readers for the retail formats, given each pixel row once: ZXing's own MultiFormatOneDReader does
 * the same but also pulls Code 39/93/128, Codabar and ITF into the browser module. One pass instead of one per
 * reader matters most for the harder search, which walks every row, and again with the frame turned.
 */
final class RetailRowReader extends OneDReader {

    private final List<OneDReader> readers;

    RetailRowReader(List<OneDReader> readers) {
        this.readers = List.copyOf(readers);
    }

    @Override
    public Result decodeRow(int rowNumber, BitArray row, Map<DecodeHintType, ?> hints) throws NotFoundException {
        for (OneDReader reader : readers) {
            try {
                return reader.decodeRow(rowNumber, row, hints);
            } catch (ReaderException e) {
                // not this format in this row
            }
        }
        throw NotFoundException.getNotFoundInstance();
    }

    @Override
    public void reset() {
        readers.forEach(OneDReader::reset);
    }
}
