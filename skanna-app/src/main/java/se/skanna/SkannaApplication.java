package se.skanna;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Skanna: self-scanning and payment that keeps a store selling when its registers are down. */
@SpringBootApplication
@Modulithic(systemName = "Skanna", sharedModules = "shared")
@ConfigurationPropertiesScan
@EnableScheduling
public class SkannaApplication {

    public static void main(String[] args) {
        SpringApplication.run(SkannaApplication.class, args);
    }
}
