package se.skanna.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.ValveBase;

/**
 * Reads the RFC 7239 {@code Forwarded} header of a trusted proxy as the {@code X-Forwarded-For} and {@code
 * X-Forwarded-Proto} that {@link TrustedProxies}' RemoteIpValve understands, so proxies that send only the standard
 * header are served as well. Only for connections from a trusted proxy and only when the request carries no
 * {@code X-Forwarded-For} of its own; from anyone else the header is left as it is and means nothing. Obfuscated
 * ({@code _hidden}) and {@code unknown} nodes are skipped; ports and IPv6 brackets are dropped.
 */
final class ForwardedHeaderValve extends ValveBase {

    /** More elements than any chain of proxies has: the rest is not read. */
    static final int MAX_ELEMENTS = 32;

    private final List<NetMask> proxies;

    ForwardedHeaderValve(List<NetMask> proxies) {
        super(true);
        this.proxies = List.copyOf(proxies);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getHeader("X-Forwarded-For") == null && fromProxy(request.getRemoteAddr())) {
            List<String> values = Collections.list(request.getHeaders("Forwarded"));
            if (!values.isEmpty()) {
                Forwarded forwarded = parse(values);
                var headers = request.getCoyoteRequest().getMimeHeaders();
                if (!forwarded.clients().isEmpty()) {
                    headers.addValue("X-Forwarded-For").setString(String.join(", ", forwarded.clients()));
                }
                if (forwarded.proto() != null && request.getHeader("X-Forwarded-Proto") == null) {
                    headers.addValue("X-Forwarded-Proto").setString(forwarded.proto());
                }
            }
        }
        getNext().invoke(request, response);
    }

    private boolean fromProxy(String address) {
        java.net.InetAddress peer = literal(address);
        return peer != null && proxies.stream().anyMatch(mask -> mask.matches(peer));
    }

    /** The {@code for} nodes in order (nearest proxy last) and the {@code proto} of the last element. */
    record Forwarded(List<String> clients, String proto) {}

    static Forwarded parse(List<String> headerValues) {
        List<String> clients = new ArrayList<>();
        String proto = null;
        int elements = 0;
        for (String value : headerValues) {
            for (String element : split(value, ',')) {
                if (++elements > MAX_ELEMENTS) {
                    return new Forwarded(clients, proto);
                }
                String elementProto = null;
                for (String pair : split(element, ';')) {
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        continue;
                    }
                    String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                    String text = unquote(pair.substring(equals + 1).strip());
                    if (name.equals("for")) {
                        String node = node(text);
                        if (node != null) {
                            clients.add(node);
                        }
                    } else if (name.equals("proto")) {
                        elementProto = text.toLowerCase(Locale.ROOT);
                    }
                }
                proto = elementProto;
            }
        }
        return new Forwarded(clients, proto);
    }

    /** An address without port or brackets, or null for {@code unknown}, obfuscated or malformed nodes. */
    static String node(String text) {
        String address = text;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                return null;
            }
            address = address.substring(1, close);
        } else if (address.indexOf(':') >= 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':')); // IPv4 with a port
        }
        java.net.InetAddress parsed = literal(address);
        return parsed == null ? null : parsed.getHostAddress(); // null: "unknown", "_hidden" or not an address
    }

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9a-fA-F:.]{2,45}");

    /** An IP address literal, never a name to look up; null when the text is not one. */
    static java.net.InetAddress literal(String text) {
        var v4 = IPV4.matcher(text);
        boolean v4Ok = v4.matches()
                && java.util.stream.IntStream.rangeClosed(1, 4).allMatch(i -> Integer.parseInt(v4.group(i)) <= 255);
        if (!v4Ok && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return java.net.InetAddress.getByName(text); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** Splits at {@code separator} outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text;
    }
}
