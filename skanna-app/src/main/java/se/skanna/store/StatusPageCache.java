package se.skanna.store;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Keeps the rendered status page (and the map) per store-network revision, language and filter, so the page everyone
 * opens during an incident is rendered once per change rather than once per visitor. A new revision
 * empties the cache.
 */
@Component
class StatusPageCache extends OncePerRequestFilter {

    private static final int MAX_ENTRIES = 256;
    private static final java.util.Set<String> CACHED = java.util.Set.of("/stores", "/stores/map", "/stores/map.svg");

    private final StoreNetwork network;
    private final LocaleResolver locales;
    private final Map<String, Page> pages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Page> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private long revision = -1;

    private record Page(byte[] body, String contentType, String cacheControl, String etag, String vary) {}

    StatusPageCache(StoreNetwork network, LocaleResolver locales) {
        this.network = network;
        this.locales = locales;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !CACHED.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long current = network.revision();
        String key = request.getRequestURI() + " "
                + locales.resolveLocale(request).toLanguageTag() + "?" + request.getQueryString();
        Page page = lookup(current, key);
        if (page != null) {
            response.setHeader("Cache-Control", page.cacheControl());
            response.setHeader("ETag", page.etag());
            response.setHeader("Vary", page.vary());
            if (page.etag().equals(request.getHeader("If-None-Match"))) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            response.setContentType(page.contentType());
            response.setContentLength(page.body().length);
            response.getOutputStream().write(page.body());
            return;
        }
        ContentCachingResponseWrapper capture = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, capture);
        if (capture.getStatus() == HttpServletResponse.SC_OK && capture.getHeader("ETag") != null) {
            store(
                    current,
                    key,
                    new Page(
                            capture.getContentAsByteArray(),
                            capture.getContentType(),
                            capture.getHeader("Cache-Control"),
                            capture.getHeader("ETag"),
                            capture.getHeader("Vary")));
        }
        capture.copyBodyToResponse();
    }

    private synchronized Page lookup(long current, String key) {
        if (current != revision) {
            pages.clear();
            revision = current;
            return null;
        }
        return pages.get(key);
    }

    private synchronized void store(long current, String key, Page page) {
        if (current == revision) {
            pages.put(key, page);
        }
    }
}
