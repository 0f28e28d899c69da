package se.skanna.store;

import java.util.Arrays;
import java.util.stream.Collectors;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/** How a store sells right now. */
public enum StoreStatus {
    /** Registers and the app. */
    OPEN,
    /** Shop with the app only: the registers are down or closed. */
    APP_ONLY,
    /** Not selling at all. */
    CLOSED;

    /** Reads a status sent by a client; anything else is a clear 422, never a 500. */
    public static StoreStatus parse(String value) {
        if (value != null) {
            for (StoreStatus status : values()) {
                if (status.name().equals(value)) {
                    return status;
                }
            }
        }
        throw new ProblemException(
                ErrorCode.INVALID_STATUS,
                "Status must be one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                        + ".");
    }

    /** Whether a shopper may start a trip with the app. */
    public boolean sellsInApp() {
        return this != CLOSED;
    }
}
