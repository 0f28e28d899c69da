package se.skanna.web;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Forwarded headers ({@code X-Forwarded-For}, {@code -Proto}, {@code -Host}, {@code -Port}) count only when
 * the connection comes from one of {@code skanna.trusted-proxies} (addresses or CIDR ranges; default none).
 * From such a proxy Tomcat's RemoteIpValve makes {@code getRemoteAddr()} the real client (the rightmost
 * address not itself a trusted proxy), {@code isSecure()} true behind TLS (so HSTS and secure cookies
 * follow) and the host the proxy was asked for. From anyone else the headers are ignored: a client cannot
 * pick its own rate-limit bucket or make Skanna believe it came over TLS. Spring Boot's own valve stays off
 * ({@code server.forward-headers-strategy: none}), which would otherwise trust every private address on
 * Kubernetes. A trusted proxy's RFC 7239 {@code Forwarded} header is read as well when it sends no
 * X-Forwarded-For ({@link ForwardedHeaderValve}).
 */
@Configuration(proxyBeanMethods = false)
class TrustedProxies {

    static final String PROPERTY = "skanna.trusted-proxies";

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> forwardedHeadersFromTrustedProxiesOnly(
            Environment environment) {
        List<String> proxies = Binder.get(environment)
                .bind(PROPERTY, Bindable.listOf(String.class))
                .orElse(List.of());
        String cidrs = cidrs(proxies);
        return factory -> {
            if (cidrs.isEmpty()) {
                return;
            }
            RemoteIpValve valve = new RemoteIpValve();
            valve.setInternalProxies(cidrs);
            valve.setTrustedProxies(null);
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProxiesHeader("X-Forwarded-By");
            valve.setProtocolHeader("X-Forwarded-Proto");
            valve.setProtocolHeaderHttpsValue("https");
            valve.setHostHeader("X-Forwarded-Host");
            valve.setPortHeader("X-Forwarded-Port");
            factory.addEngineValves(new ForwardedHeaderValve(java.util.Arrays.stream(cidrs.split(","))
                    .map(org.apache.catalina.util.NetMask::new)
                    .toList()));
            factory.addEngineValves(valve);
        };
    }

    /** The proxies as Tomcat's CIDR list; a bare address is a range of one. */
    static String cidrs(List<String> proxies) {
        return proxies.stream()
                .map(String::strip)
                .filter(proxy -> !proxy.isEmpty())
                .map(proxy -> proxy.contains("/") ? proxy : proxy + (proxy.contains(":") ? "/128" : "/32"))
                .collect(Collectors.joining(","));
    }
}
