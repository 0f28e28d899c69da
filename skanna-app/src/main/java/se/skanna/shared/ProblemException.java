package se.skanna.shared;

import java.util.List;
import java.util.Map;

/**
 * A business rule said no. The web edge turns it into problem+json with the code's status; the detail
 * is written for the client and must never carry secrets or internals.
 */
public class ProblemException extends RuntimeException {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Map<String, Object> properties;

    public ProblemException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    /** The members every problem document has (RFC 9457 and our {@code code}); no extension may replace them. */
    public static final java.util.Set<String> STANDARD_MEMBERS =
            java.util.Set.of("type", "title", "status", "detail", "instance", "code");

    public ProblemException(ErrorCode code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        for (String member : properties.keySet()) {
            if (STANDARD_MEMBERS.contains(member)) {
                // "status" must stay the HTTP status clients read; a trip's status goes in "tripStatus"
                throw new IllegalArgumentException("A problem's extension may not replace its '" + member + "'");
            }
        }
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    /** 422 for one invalid field, in the same {@code errors} shape that request validation uses. */
    public static ProblemException invalidField(String field, String reason) {
        return new ProblemException(
                ErrorCode.VALIDATION_FAILED,
                reason,
                Map.of("errors", List.of(Map.of("path", field, "reason", reason))));
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra members of the problem document, such as the list of unknown store ids. */
    public Map<String, Object> properties() {
        return properties;
    }
}
