package se.skanna.payment.swish;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process stand-in for the Swish Commerce API as docs/payments.md describes it (and as Swish's own test
 * environment, MSS, behaves where its documentation says so): {@code PUT v2/paymentrequests/{id}} validated field
 * by field (201 with {@code Location} and {@code PaymentRequestToken}, 403 for another merchant's alias, 422 with
 * Swish error codes), {@code GET v1/paymentrequests/{id}}, {@code PUT v2/refunds/{id}} and {@code GET
 * v1/refunds/{id}}. Tests drive the payer's side ({@link #pay}, {@link #decline}) and fire callbacks, also repeated,
 * stale or forged ones. Plain HTTP on 127.0.0.1; callbacks go to the https {@code callbackUrl}'s path on the origin
 * given to {@link #deliverCallbacksTo}.
 */
public final class SwishSimulator {

    static final String PAYMENT_REQUESTS_V2 = "/swish-cpcapi/api/v2/paymentrequests/";
    static final String PAYMENT_REQUESTS_V1 = "/swish-cpcapi/api/v1/paymentrequests/";
    static final String REFUNDS_V2 = "/swish-cpcapi/api/v2/refunds/";
    static final String REFUNDS_V1 = "/swish-cpcapi/api/v1/refunds/";

    private static final Pattern INSTRUCTION_ID = Pattern.compile("[0-9A-F]{32}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{2})?");
    private static final Pattern REFERENCE = Pattern.compile("[a-zA-Z0-9]{1,35}");
    private static final Pattern MESSAGE = Pattern.compile("[a-zA-ZåäöÅÄÖ0-9 :;.,?!()\"]{0,50}");
    private static final Pattern PHONE = Pattern.compile("\\d{8,15}");
    private static final BigDecimal MIN = new BigDecimal("1.00");
    private static final BigDecimal MAX = new BigDecimal("999999999999.99");
    private static final Set<String> PAYMENT_FIELDS =
            Set.of("payeePaymentReference", "callbackUrl", "payerAlias", "payeeAlias", "amount", "currency", "message");
    private static final Set<String> REFUND_FIELDS = Set.of(
            "payerPaymentReference",
            "originalPaymentReference",
            "callbackUrl",
            "payerAlias",
            "payeeAlias",
            "amount",
            "currency",
            "message");

    /** One call Skanna made, for assertions. */
    public record Call(String method, String path, String contentType, String body) {}

    /** One callback delivered to Skanna, with Skanna's answer. */
    public record Delivery(int status, String contentType, String body) {}

    private final String merchantAlias;
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Map<String, Object>> paymentRequests = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> refunds = new LinkedHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<int[]> injectedFailures = new ConcurrentLinkedDeque<>();
    private volatile String callbackOrigin;
    private volatile boolean down;

    private SwishSimulator(String merchantAlias, HttpServer server) {
        this.merchantAlias = merchantAlias;
        this.server = server;
    }

    /** Starts a simulator for the merchant with this Swish number (the one its "certificate" is for). */
    public static SwishSimulator start(String merchantAlias) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SwishSimulator simulator = new SwishSimulator(merchantAlias, server);
            server.createContext("/swish-cpcapi/api/", simulator::handle);
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "swish-simulator");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Callbacks go to the {@code callbackUrl}'s path on this origin (Skanna's test server) instead of its host. */
    public void deliverCallbacksTo(String origin) {
        this.callbackOrigin = origin;
    }

    /** The next valid payment request PUT answers {@code status}; with {@code create} it is created anyway. */
    public void failNextPut(int status, boolean create) {
        injectedFailures.add(new int[] {status, create ? 1 : 0});
    }

    /** While down, every call answers 503 Service Unavailable. */
    public void down(boolean down) {
        this.down = down;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized Map<String, Object> paymentRequest(String instructionId) {
        Map<String, Object> request = paymentRequests.get(instructionId);
        return request == null ? null : new LinkedHashMap<>(request);
    }

    public synchronized Map<String, Object> refund(String refundId) {
        Map<String, Object> refund = refunds.get(refundId);
        return refund == null ? null : new LinkedHashMap<>(refund);
    }

    public synchronized int refundCount() {
        return refunds.size();
    }

    /** The payer approves in Swish: PAID with the bank's payment reference. */
    public synchronized void pay(String instructionId) {
        Map<String, Object> request = existing(instructionId);
        request.put("status", "PAID");
        request.put("paymentReference", hex(16));
        request.put("datePaid", now());
    }

    /** The payment request ends unpaid: {@code status} DECLINED, ERROR or CANCELLED, with an optional code. */
    public synchronized void decline(String instructionId, String status, String errorCode, String errorMessage) {
        Map<String, Object> request = existing(instructionId);
        request.put("status", status);
        request.put("errorCode", errorCode);
        request.put("errorMessage", errorMessage);
    }

    /** Swish pays the refund out. */
    public synchronized void completeRefund(String refundId) {
        Map<String, Object> refund = refunds.get(refundId);
        if (refund == null) {
            throw new IllegalArgumentException("No refund " + refundId);
        }
        refund.put("status", "PAID");
        refund.put("paymentReference", hex(16));
        refund.put("datePaid", now());
    }

    /** Sends the payment request as it stands now to its callback URL, as Swish does when it changes. */
    public Delivery callback(String instructionId) {
        return callback(instructionId, Map.of());
    }

    /** Sends the payment request with some fields replaced: a stale or forged callback. */
    public Delivery callback(String instructionId, Map<String, Object> replaced) {
        Map<String, Object> body;
        synchronized (this) {
            body = new LinkedHashMap<>(existing(instructionId));
        }
        body.remove("token");
        body.putAll(replaced);
        return deliver((String) body.get("callbackUrl"), json.writeValueAsString(body));
    }

    /** Posts any text to a callback URL (its path, on the delivery origin). */
    public Delivery deliver(String callbackUrl, String body) {
        String origin = callbackOrigin;
        if (origin == null) {
            throw new IllegalStateException("deliverCallbacksTo(…) first");
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(origin + URI.create(callbackUrl).getRawPath()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Delivery(
                    answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(null),
                    answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(method, path, exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Answer answer = route(method, path, exchange.getRequestHeaders().getFirst("Content-Type"), body);
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.body() != null) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), null);
        }
    }

    private Answer route(String method, String path, String contentType, String body) {
        if (down) {
            return Answer.of(503);
        }
        Matcher id;
        if ("PUT".equals(method) && (id = match(PAYMENT_REQUESTS_V2, path)) != null) {
            return createPaymentRequest(id.group(1), contentType, body);
        }
        if ("GET".equals(method) && (id = match(PAYMENT_REQUESTS_V1, path)) != null) {
            return read(paymentRequests, id.group(1));
        }
        if ("PATCH".equals(method) && (id = match(PAYMENT_REQUESTS_V1, path)) != null) {
            return cancelPaymentRequest(id.group(1), contentType, body);
        }
        if ("PUT".equals(method) && (id = match(REFUNDS_V2, path)) != null) {
            return createRefund(id.group(1), contentType, body);
        }
        if ("GET".equals(method) && (id = match(REFUNDS_V1, path)) != null) {
            return read(refunds, id.group(1));
        }
        return Answer.of(404);
    }

    /** The merchant calls an unpaid payment request off: a JSON Patch setting its status to cancelled. */
    private synchronized Answer cancelPaymentRequest(String id, String contentType, String body) {
        Map<String, Object> request = paymentRequests.get(id);
        if (request == null) {
            return Answer.of(404);
        }
        JsonNode patch = json.readTree(body);
        boolean cancels = "application/json-patch+json".equals(contentType)
                && patch.isArray()
                && patch.size() == 1
                && "replace".equals(text(patch.get(0), "op"))
                && "/status".equals(text(patch.get(0), "path"))
                && "cancelled".equals(text(patch.get(0), "value"));
        if (!cancels) {
            return Answer.of(400);
        }
        if (!"CREATED".equals(request.get("status"))) {
            return new Answer(
                    422,
                    Map.of(),
                    json.writeValueAsString(List.of(error("RP06", "Payment request cannot be cancelled"))));
        }
        request.put("status", "CANCELLED");
        request.put("dateCancelled", now());
        return read(paymentRequests, id);
    }

    private static Matcher match(String prefix, String path) {
        if (!path.startsWith(prefix)) {
            return null;
        }
        Matcher matcher = Pattern.compile("([^/]*)").matcher(path.substring(prefix.length()));
        return matcher.matches() ? matcher : null;
    }

    private synchronized Answer read(Map<String, Map<String, Object>> store, String id) {
        Map<String, Object> object = store.get(id);
        if (object == null) {
            return Answer.of(404);
        }
        Map<String, Object> view = new LinkedHashMap<>(object);
        view.remove("token");
        // Swish answers the amount as a JSON number
        view.put("amount", new BigDecimal((String) object.get("amount")));
        return new Answer(200, Map.of(), json.writeValueAsString(view));
    }

    private synchronized Answer createPaymentRequest(String id, String contentType, String body) {
        Answer malformed = malformed(id, contentType, body, PAYMENT_FIELDS);
        if (malformed != null) {
            return malformed;
        }
        JsonNode request = json.readTree(body);
        if (paymentRequests.containsKey(id)) {
            return Answer.of(409);
        }
        String payeeAlias = text(request, "payeeAlias");
        if (payeeAlias != null && !payeeAlias.equals(merchantAlias)) {
            return Answer.of(403); // not the Swish number of the certificate the call came with
        }
        List<Map<String, String>> errors = new ArrayList<>();
        String reference = text(request, "payeePaymentReference");
        if (reference != null && !REFERENCE.matcher(reference).matches()) {
            errors.add(error("FF08", "PayeePaymentReference is invalid"));
        }
        if (!isHttps(text(request, "callbackUrl"))) {
            errors.add(error("RP03", "Callback URL is missing or does not use HTTPS"));
        }
        if (payeeAlias == null) {
            errors.add(error("RP01", "Missing Merchant Swish Number"));
        }
        String payerAlias = text(request, "payerAlias");
        if (request.has("payerAlias")
                && (payerAlias == null || !PHONE.matcher(payerAlias).matches())) {
            errors.add(error("BE18", "Payer alias is invalid"));
        }
        checkAmount(request, errors, null);
        if (!"SEK".equals(text(request, "currency"))) {
            errors.add(error("AM03", "Invalid or missing Currency"));
        }
        checkMessage(request, errors);
        if (!errors.isEmpty()) {
            return new Answer(422, Map.of(), json.writeValueAsString(errors));
        }
        int[] failure = injectedFailures.poll();
        if (failure != null && failure[1] == 0) {
            return Answer.of(failure[0]);
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", id);
        created.put("payeePaymentReference", reference);
        created.put("paymentReference", null);
        created.put("callbackUrl", text(request, "callbackUrl"));
        created.put("payerAlias", payerAlias);
        created.put("payeeAlias", payeeAlias);
        created.put("amount", text(request, "amount"));
        created.put("currency", "SEK");
        created.put("message", text(request, "message"));
        created.put("status", "CREATED");
        created.put("dateCreated", now());
        created.put("datePaid", null);
        created.put("errorCode", null);
        created.put("errorMessage", null);
        String token = hex(16);
        created.put("token", token);
        paymentRequests.put(id, created);
        if (failure != null) {
            return Answer.of(failure[0]); // created, but the answer is lost
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", baseUrl() + PAYMENT_REQUESTS_V1 + id);
        if (payerAlias == null) {
            headers.put("PaymentRequestToken", token); // m-commerce only
        }
        return new Answer(201, headers, null);
    }

    private synchronized Answer createRefund(String id, String contentType, String body) {
        Answer malformed = malformed(id, contentType, body, REFUND_FIELDS);
        if (malformed != null) {
            return malformed;
        }
        JsonNode request = json.readTree(body);
        if (refunds.containsKey(id)) {
            return Answer.of(409);
        }
        String payerAlias = text(request, "payerAlias");
        if (payerAlias != null && !payerAlias.equals(merchantAlias)) {
            return Answer.of(403);
        }
        List<Map<String, String>> errors = new ArrayList<>();
        String original = text(request, "originalPaymentReference");
        Map<String, Object> paid = paymentRequests.values().stream()
                .filter(p -> "PAID".equals(p.get("status"))
                        && original != null
                        && original.equals(p.get("paymentReference")))
                .findFirst()
                .orElse(null);
        if (paid == null) {
            errors.add(error("RF02", "Original Payment not found or original payment is more than 13 months old"));
        }
        if (!isHttps(text(request, "callbackUrl"))) {
            errors.add(error("RP03", "Callback URL is missing or does not use HTTPS"));
        }
        if (payerAlias == null) {
            errors.add(error("RP01", "Missing Merchant Swish Number"));
        }
        BigDecimal remaining = null;
        if (paid != null) {
            remaining = new BigDecimal((String) paid.get("amount"));
            for (Map<String, Object> refund : refunds.values()) {
                if (original.equals(refund.get("originalPaymentReference")) && !"ERROR".equals(refund.get("status"))) {
                    remaining = remaining.subtract(new BigDecimal((String) refund.get("amount")));
                }
            }
        }
        checkAmount(request, errors, remaining);
        if (!"SEK".equals(text(request, "currency"))) {
            errors.add(error("AM03", "Invalid or missing Currency"));
        }
        checkMessage(request, errors);
        if (!errors.isEmpty()) {
            return new Answer(422, Map.of(), json.writeValueAsString(errors));
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", id);
        created.put("payerPaymentReference", text(request, "payerPaymentReference"));
        created.put("originalPaymentReference", original);
        created.put("paymentReference", null);
        created.put("callbackUrl", text(request, "callbackUrl"));
        created.put("payerAlias", payerAlias);
        created.put("payeeAlias", null);
        created.put("amount", text(request, "amount"));
        created.put("currency", "SEK");
        created.put("message", text(request, "message"));
        created.put("status", "CREATED");
        created.put("dateCreated", now());
        created.put("datePaid", null);
        refunds.put(id, created);
        return new Answer(201, Map.of("Location", baseUrl() + REFUNDS_V1 + id), null);
    }

    /** 400 for what Swish cannot even read: a bad instruction id, not JSON, unknown fields; 415 for not JSON. */
    private Answer malformed(String id, String contentType, String body, Set<String> fields) {
        if (contentType == null || !contentType.startsWith("application/json")) {
            return Answer.of(415);
        }
        if (!INSTRUCTION_ID.matcher(id).matches()) {
            return Answer.of(400);
        }
        try {
            JsonNode request = json.readTree(body);
            if (request == null || !request.isObject() || !fields.containsAll(request.propertyNames())) {
                return Answer.of(400);
            }
        } catch (JacksonException e) {
            return Answer.of(400);
        }
        return null;
    }

    private void checkAmount(JsonNode request, List<Map<String, String>> errors, BigDecimal remaining) {
        JsonNode amount = request.get("amount");
        // a text of digits with no or two decimals; a JSON number is refused too (it invites doubles)
        if (amount == null
                || !amount.isString()
                || !AMOUNT.matcher(amount.stringValue()).matches()) {
            errors.add(error("PA02", "Amount value is missing or not a valid number"));
            return;
        }
        BigDecimal value = new BigDecimal(amount.stringValue());
        if (value.compareTo(MIN) < 0) {
            errors.add(error("AM06", "Specified transaction amount is less than agreed minimum"));
        } else if (value.compareTo(MAX) > 0 || (remaining != null && value.compareTo(remaining) > 0)) {
            errors.add(error("AM02", "Amount value is too large"));
        }
    }

    private static void checkMessage(JsonNode request, List<Map<String, String>> errors) {
        String message = text(request, "message");
        if (request.has("message")
                && (message == null || !MESSAGE.matcher(message).matches())) {
            errors.add(error("RP02", "Wrong formatted message"));
        }
    }

    private static boolean isHttps(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private Map<String, Object> existing(String instructionId) {
        Map<String, Object> request = paymentRequests.get(instructionId);
        if (request == null) {
            throw new IllegalArgumentException("No payment request " + instructionId);
        }
        return request;
    }

    private static Map<String, String> error(String code, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("errorCode", code);
        error.put("errorMessage", message);
        error.put("additionalInformation", null);
        return error;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.stringValue();
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().withUpperCase().formatHex(value);
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }
}
