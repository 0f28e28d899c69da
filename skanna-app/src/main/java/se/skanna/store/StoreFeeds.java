package se.skanna.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.HtmlUtils;
import se.skanna.web.PublicUrl;
import tools.jackson.databind.ObjectMapper;

/**
 * Feeds for media and other sites: {@code /stores.atom} (Atom) and {@code /stores.json} (JSON Feed 1.1), an entry
 * per recent status change of any store, in the reader's language (Accept-Language, Swedish by default). They move
 * with the same store revision as the list, so they are validated the same way (weak ETag, Last-Modified) and
 * built once per change and language rather than once per reader.
 */
@RestController
class StoreFeeds {

    static final int ENTRIES = 50;
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    static final MediaType JSON_FEED = MediaType.parseMediaType("application/feed+json;charset=UTF-8");
    private static final CacheControl CACHING =
            CacheControl.maxAge(5, TimeUnit.SECONDS).cachePublic();

    private final StoreNetwork network;
    private final StoreRepository stores;
    private final MessageSource messages;
    private final PublicUrl publicUrl;
    private final ObjectMapper json;
    private final Map<String, byte[]> built = new LinkedHashMap<>();
    private long builtRevision = -1;
    private List<StoreRepository.Change> changes = List.of();

    StoreFeeds(
            StoreNetwork network,
            StoreRepository stores,
            MessageSource messages,
            PublicUrl publicUrl,
            ObjectMapper json) {
        this.network = network;
        this.stores = stores;
        this.messages = messages;
        this.publicUrl = publicUrl;
        this.json = json;
    }

    @GetMapping(path = "/stores.atom")
    ResponseEntity<byte[]> atom(WebRequest request, Locale locale) {
        return feed("atom", request, locale, ATOM);
    }

    @GetMapping(path = "/stores.json")
    ResponseEntity<byte[]> jsonFeed(WebRequest request, Locale locale) {
        return feed("json", request, locale, JSON_FEED);
    }

    private ResponseEntity<byte[]> feed(String kind, WebRequest request, Locale locale, MediaType type) {
        Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("sv");
        long revision = network.revision();
        String etag = "W/\"" + kind + "-" + revision + "-" + language.getLanguage() + "\"";
        byte[] body;
        Instant updated;
        synchronized (this) {
            if (revision != builtRevision) {
                changes = stores.recentChanges(ENTRIES);
                built.clear();
                builtRevision = revision;
            }
            updated = changes.isEmpty() ? Instant.EPOCH : changes.getFirst().at();
            if (request.checkNotModified(etag, updated.toEpochMilli())) {
                return null;
            }
            body = built.computeIfAbsent(
                    kind + language.getLanguage(),
                    key -> kind.equals("atom") ? atom(changes, language, updated) : jsonFeed(changes, language));
        }
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CACHING)
                .eTag(etag)
                .lastModified(updated)
                .header("Vary", "Accept-Language")
                .body(body);
    }

    private byte[] atom(List<StoreRepository.Change> changes, Locale language, Instant updated) {
        StringBuilder xml = new StringBuilder(2048 + changes.size() * 600);
        xml.append(
                        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
                .append(language.getLanguage())
                .append("\">\n<id>")
                .append(escape(publicUrl.of("/stores.atom")))
                .append("</id>\n<title>")
                .append(escape(text("feeds.title", language)))
                .append("</title>\n<updated>")
                .append(DateTimeFormatter.ISO_INSTANT.format(updated))
                .append("</updated>\n<link rel=\"self\" href=\"")
                .append(escape(publicUrl.of("/stores.atom")))
                .append("\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
                .append(escape(publicUrl.of("/stores")))
                .append("\"/>\n<author><name>Matboden</name></author>\n");
        for (StoreRepository.Change change : changes) {
            String message = change.messages().in(language);
            xml.append("<entry>\n<id>urn:skanna:store-status-change:")
                    .append(change.id())
                    .append("</id>\n<title>")
                    .append(escape(title(change, language)))
                    .append("</title>\n<updated>")
                    .append(DateTimeFormatter.ISO_INSTANT.format(change.at()))
                    .append("</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(escape(publicUrl.of("/stores/" + change.storeId())))
                    .append("\"/>\n<category term=\"")
                    .append(change.status().name())
                    .append("\"/>\n");
            if (message != null) {
                xml.append("<summary>").append(escape(message)).append("</summary>\n");
            }
            xml.append("</entry>\n");
        }
        xml.append("</feed>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON Feed 1.1 (jsonfeed.org) of status changes; {@code _skanna} is the feed's own extension. */
    @JsonPropertyOrder({"version", "title", "home_page_url", "feed_url", "language", "items"})
    record JsonFeed(
            String version,
            String title,
            @JsonProperty("home_page_url") String homePageUrl,
            @JsonProperty("feed_url") String feedUrl,
            String language,
            List<Item> items) {

        @JsonPropertyOrder({"id", "url", "title", "content_text", "date_published", "tags", "_skanna"})
        record Item(
                String id,
                String url,
                String title,
                @JsonProperty("content_text") String contentText,
                @JsonProperty("date_published") String datePublished,
                List<String> tags,
                @JsonProperty("_skanna") Change skanna) {}

        /** The change as Skanna tells it: the store, its new status and the message in every language given. */
        @JsonPropertyOrder({"storeId", "status", "messages"})
        record Change(String storeId, String status, Store.Messages messages) {}
    }

    private byte[] jsonFeed(List<StoreRepository.Change> changes, Locale language) {
        List<JsonFeed.Item> items = new ArrayList<>();
        for (StoreRepository.Change change : changes) {
            String message = change.messages().in(language);
            items.add(new JsonFeed.Item(
                    "urn:skanna:store-status-change:" + change.id(),
                    publicUrl.of("/stores/" + change.storeId()),
                    title(change, language),
                    message == null ? title(change, language) : message,
                    DateTimeFormatter.ISO_INSTANT.format(change.at()),
                    List.of(change.status().name()),
                    new JsonFeed.Change(change.storeId(), change.status().name(), change.messages())));
        }
        return json.writeValueAsBytes(new JsonFeed(
                "https://jsonfeed.org/version/1.1",
                text("feeds.title", language),
                publicUrl.of("/stores"),
                publicUrl.of("/stores.json"),
                language.getLanguage(),
                items));
    }

    private String title(StoreRepository.Change change, Locale language) {
        return messages.getMessage(
                "feeds.entry",
                new Object[] {
                    change.storeName(), text("status." + change.status().name(), language)
                },
                language);
    }

    private String text(String key, Locale language) {
        return messages.getMessage(key, null, language);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
