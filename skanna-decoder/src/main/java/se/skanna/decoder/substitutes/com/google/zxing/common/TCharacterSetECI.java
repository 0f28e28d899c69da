package se.skanna.decoder.substitutes.com.google.zxing.common;

import com.google.zxing.FormatException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * ZXing's {@code CharacterSetECI} as the browser module has it: only the character sets the browser runtime has
 * (Latin-1, ASCII, UTF-8, UTF-16BE). Exit passes, order codes and GS1 data are ASCII, so a QR code announcing an
 * other ECI is read as Latin-1 rather than not at all.
 */
public enum TCharacterSetECI {
    ISO8859_1(StandardCharsets.ISO_8859_1, 1, 3),
    UnicodeBigUnmarked(StandardCharsets.UTF_16BE, 25),
    UTF8(StandardCharsets.UTF_8, 26),
    ASCII(StandardCharsets.US_ASCII, 27, 170);

    private final Charset charset;
    private final int[] values;

    TCharacterSetECI(Charset charset, int... values) {
        this.charset = charset;
        this.values = values;
    }

    public int getValue() {
        return values[0];
    }

    public Charset getCharset() {
        return charset;
    }

    public static TCharacterSetECI getCharacterSetECI(Charset charset) {
        for (TCharacterSetECI eci : values()) {
            if (eci.charset.equals(charset)) {
                return eci;
            }
        }
        return null;
    }

    public static TCharacterSetECI getCharacterSetECIByValue(int value) throws FormatException {
        if (value < 0 || value >= 900) {
            throw FormatException.getFormatInstance();
        }
        for (TCharacterSetECI eci : values()) {
            for (int known : eci.values) {
                if (known == value) {
                    return eci;
                }
            }
        }
        return ISO8859_1;
    }

    public static TCharacterSetECI getCharacterSetECIByName(String name) {
        for (TCharacterSetECI eci : values()) {
            if (eci.name().equals(name) || eci.charset.name().equalsIgnoreCase(name)) {
                return eci;
            }
        }
        return null;
    }
}
