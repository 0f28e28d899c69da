package se.skanna.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import se.skanna.shared.DatabaseTrouble;
import se.skanna.shared.ErrorCode;

/**
 * The outermost answer to a database that is down when no handler could give one: a signed-in page's session is
 * read from the database (Spring Session JDBC) before any controller runs, so a staff page or an API call riding
 * on the console cookie fails there. Such a request gets 503 with {@code Retry-After} — problem+json
 * {@code database_unavailable} for the API, a short page for browsers — instead of a 500. Runs before Spring
 * Session's filter; anything else passes through untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
class DatabaseTroubleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTroubleFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseTrouble.isUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            response.resetBuffer();
            response.setStatus(ErrorCode.DATABASE_UNAVAILABLE.status());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseTrouble.RETRY_AFTER_SECONDS));
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setCharacterEncoding("UTF-8");
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.getWriter()
                        .write(ProblemResponses.json(
                                ErrorCode.DATABASE_UNAVAILABLE,
                                "The database is not answering; nothing was changed. Try again in a few seconds."));
            } else {
                response.setContentType(MediaType.TEXT_HTML_VALUE);
                response.getWriter().write(PAGE);
            }
        }
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Tillfälligt otillgängligt – Skanna</title><link rel="stylesheet" href="/css/skanna.css"></head>
            <body><main><h1>Tillfälligt otillgängligt</h1>
            <p>Databasen svarar inte just nu. Inget har ändrats. Försök igen om några sekunder.</p>
            <p lang="en">The database is not answering right now. Nothing was changed. Try again in a few seconds.</p>
            <p><a href="/stores">Butikernas status</a></p></main></body></html>
            """;
}
