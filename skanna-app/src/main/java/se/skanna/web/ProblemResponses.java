package se.skanna.web;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import se.skanna.shared.ErrorCode;

/** Builds the one problem+json shape Skanna answers with: RFC 9457 plus a stable {@code code}. */
public final class ProblemResponses {

    private ProblemResponses() {}

    public static ProblemDetail problem(ErrorCode code, String detail) {
        return problem(code, detail, Map.of());
    }

    public static ProblemDetail problem(ErrorCode code, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.status()), detail);
        problem.setTitle(code.title());
        problem.setType(URI.create("https://skanna.se/problems/" + code.code()));
        problem.setProperty("code", code.code());
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ResponseEntity<Object> response(ErrorCode code, String detail) {
        return ResponseEntity.status(code.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(code, detail));
    }

    /** The problem document as JSON text, for filters that answer before Spring MVC is reached. */
    public static String json(ErrorCode code, String detail) {
        return "{\"type\":\"https://skanna.se/problems/" + code.code() + "\",\"title\":\"" + escape(code.title())
                + "\",\"status\":" + code.status() + ",\"detail\":\"" + escape(detail) + "\",\"code\":\""
                + code.code() + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
