package se.skanna;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Skanna: self-scanning and payment that keeps a store selling when its registers are down. */
@SpringBootApplication
@Modulithic(systemName = "Skanna", sharedModules = "shared")
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync // after-commit module listeners (@ApplicationModuleListener) run off the request's thread
public class SkannaApplication {

    public static void main(String[] args) {
        SpringApplication.run(SkannaApplication.class, args);
    }
}
