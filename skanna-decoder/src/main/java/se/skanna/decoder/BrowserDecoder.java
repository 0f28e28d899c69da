package se.skanna.decoder;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ResultMetadataType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * What the browser module exports (TeaVM compiles this class and what it reaches into {@code zxing.js}, an ES
 * module): {@code decode(gray, width, height, formats, tryHarder)} reads one frame of grey values and returns
 * the code's text or null. {@code formats} is a comma-separated list of ZXing format names.
 */
public final class BrowserDecoder {

    static {
        // TeaVM's class-initialisation analysis leaves some of ZXing's enums uninitialised at their first use
        // (EnumMap.put on ResultMetadataType then fails with "Cannot read properties of null"): touch them first
        ResultMetadataType.values();
        BarcodeFormat.values();
        DecodeHintType.values();
    }

    private static final Map<String, FrameDecoder> DECODERS = new HashMap<>();

    private BrowserDecoder() {}

    @JSExport
    public static String decode(Int8Array gray, int width, int height, String formats, boolean tryHarder) {
        return decoder(formats).decode(gray.toJavaArray(), width, height, tryHarder);
    }

    private static FrameDecoder decoder(String formats) {
        return DECODERS.computeIfAbsent(formats, names -> new FrameDecoder(parse(names)));
    }

    static Set<BarcodeFormat> parse(String names) {
        Set<BarcodeFormat> formats = EnumSet.noneOf(BarcodeFormat.class);
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                formats.add(BarcodeFormat.valueOf(name.trim()));
            }
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no formats asked for");
        }
        return formats;
    }
}
