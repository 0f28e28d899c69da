package se.skanna.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ErrorHandler;

/**
 * While the database is down, every background task (payment and refund recovery, store and catalog refresh,
 * sweeps) fails on each run; that is one WARN line per failure without a stack trace, not a page of ERROR. Other
 * failures are logged in full, as before.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledTaskErrors {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskErrors.class);

    static final ErrorHandler HANDLER = failure -> {
        if (DatabaseTrouble.isUnavailable(failure)) {
            log.warn("Background task skipped, database unavailable: {}", failure.toString());
        } else {
            log.error("Background task failed", failure);
        }
    };

    @Bean
    SimpleAsyncTaskSchedulerCustomizer quietDatabaseTroubleOnVirtualThreads() {
        return scheduler -> scheduler.setErrorHandler(HANDLER);
    }

    @Bean
    ThreadPoolTaskSchedulerCustomizer quietDatabaseTroubleOnPlatformThreads() {
        return scheduler -> scheduler.setErrorHandler(HANDLER);
    }
}
