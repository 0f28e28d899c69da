package se.skanna.decoder;

import org.teavm.extension.spi.substitution.SimpleSubstitutionPolicy;
import org.teavm.extension.spi.substitution.SubstitutionSink;

/**
 * Tells TeaVM (at compile time, through its substitution SPI) to use our own version of ZXing's
 * {@code CharacterSetECI}: the original's static initialiser asks {@code Charset.isSupported} about charsets
 * TeaVM does not know, which stops the build. A same-named class in these sources would lose to the jar's.
 */
public final class ZxingSubstitutions extends SimpleSubstitutionPolicy {

    @Override
    public void contribute(SubstitutionSink sink) {
        sink.selectClasses(named("com.google.zxing.common.CharacterSetECI"))
                .packagePrefix("se.skanna.decoder.substitutes.")
                .simpleNamePrefix("T");
    }
}
