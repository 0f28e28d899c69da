package se.skanna.barcode;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import se.skanna.gs1.Barcode;
import se.skanna.gs1.BarcodeException;
import se.skanna.gs1.BarcodeReader;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/** Reads scanned codes for every module; an unreadable one is 422 {@code invalid_barcode} with its reason. */
@Service
public class Barcodes {

    private final BarcodeReader reader;

    Barcodes(BarcodeReader reader) {
        this.reader = reader;
    }

    /** The variable-measure label layouts in force, e.g. for a phone that estimates prices offline. */
    public java.util.List<se.skanna.gs1.VariableMeasureLayout> layouts() {
        return reader.layouts();
    }

    public Barcode read(String code) {
        try {
            return reader.read(code);
        } catch (BarcodeException e) {
            throw new ProblemException(
                    ErrorCode.INVALID_BARCODE,
                    e.getMessage(),
                    Map.of("reason", e.reason().name().toLowerCase(Locale.ROOT)));
        }
    }
}
