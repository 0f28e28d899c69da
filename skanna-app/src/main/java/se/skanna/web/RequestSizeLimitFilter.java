package se.skanna.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.AssertTrue;
import java.io.IOException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.filter.OncePerRequestFilter;
import se.skanna.shared.ErrorCode;

/**
 * Refuses request bodies above a limit with 413 before anything reads them, whether the client declares
 * the length or streams the body chunked. Catalog imports (the API's and the HQ console's upload) get their
 * own, larger limit. Console pages get a short HTML answer, the API problem+json.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final String CONSOLE_IMPORTS = "/console/hq/catalog/imports";

    private final Limits limits;

    RequestSizeLimitFilter(Limits limits) {
        this.limits = limits;
    }

    /** {@code skanna.request-limits.*}; a limit of zero or below stops startup. */
    @Validated
    @ConfigurationProperties("skanna.request-limits")
    record Limits(DataSize api, DataSize imports) {

        @AssertTrue(message = "skanna.request-limits.api and .imports must be positive sizes, e.g. 64KB and 16MB")
        boolean isPositive() {
            return api.toBytes() > 0 && imports.toBytes() > 0;
        }

        Limits {
            api = api == null ? DataSize.ofKilobytes(64) : api;
            // 16 MiB is about 250,000 CSV products, five times a large chain's range; a whole import is held in
            // memory to be checked all or nothing, and the largest accepted one stays well inside a 1 GB heap
            // (docs/benchmarks.md). Above it the 413 comes before any of the body is read.
            imports = imports == null ? DataSize.ofMegabytes(16) : imports;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        long limit = path.startsWith("/api/v1/catalog/imports")
                        || path.startsWith("/api/v1/members/imports")
                        || path.startsWith(CONSOLE_IMPORTS)
                ? limits.imports().toBytes()
                : limits.api().toBytes();
        if (request.getContentLengthLong() > limit) {
            reject(request, response, limit);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, limit), response);
        } catch (BodyTooLargeException e) {
            if (!response.isCommitted()) {
                response.reset();
                reject(request, response, limit);
            }
        }
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, long limit)
            throws IOException {
        response.setStatus(413);
        response.setHeader("Connection", "close");
        if (request.getRequestURI().startsWith("/console/")) {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>413 · Skanna</title>"
                            + "<link rel=\"stylesheet\" href=\"/css/skanna.css\"></head><body><main id=\"error-page\""
                            + " data-status=\"413\"><h1>För stort · Too large</h1><p id=\"error-text\">"
                            + "Det som skickades (en fil?) är större än " + limit
                            + " byte och togs inte emot; ingenting ändrades. "
                            + "What was sent (a file?) is larger than " + limit
                            + " bytes and was not accepted; nothing changed.</p>"
                            + "<p><a href=\"/console\">Till konsolen · To the console</a></p></main></body></html>");
            return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write(ProblemResponses.json(
                        ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes."));
    }

    static final class BodyTooLargeException extends IOException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("request body over limit", null);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
