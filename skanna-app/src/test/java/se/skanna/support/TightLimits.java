package se.skanna.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * A running Skanna ({@link SkannaTest}) with low limits, for the tests of the limits themselves; every class
 * using it shares one context. Each test calls from loopback addresses of its own ({@link Api#ownAddress}),
 * so limits per client address never leak between tests; limits per store are kept apart by fresh stores.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SkannaTest
@TestPropertySource(
        properties = {
            "skanna.trips.starts-per-minute-per-client=1",
            "skanna.trips.start-burst-per-client=3",
            "skanna.trips.starts-per-minute-per-store=1",
            "skanna.trips.start-burst-per-store=5",
            "skanna.assistance.calls-per-minute-per-client=1",
            "skanna.assistance.call-burst-per-client=2",
            "skanna.assistance.calls-per-minute-per-store=1",
            "skanna.assistance.call-burst-per-store=3",
            "skanna.receipts.verifications-per-minute-per-client=1",
            "skanna.receipts.verification-burst-per-client=3",
            "skanna.stores.events.max-connections=4",
            "skanna.stores.events.max-connections-per-client=2",
            "skanna.stores.events.heartbeat=200ms",
            "skanna.stores.events.send-timeout=1s"
        })
public @interface TightLimits {}
