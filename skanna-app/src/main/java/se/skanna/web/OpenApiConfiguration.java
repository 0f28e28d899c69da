package se.skanna.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.skanna.shared.ErrorCode;

/** The published contract: title, security schemes, and the problem+json shape with every stable error code. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI skannaOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Skanna API")
                        .version("v1")
                        .description("Self-scanning and payment for grocery chains. Errors are RFC 9457"
                                + " problem+json documents with a stable `code` (see the Problem schema)."))
                .components(new Components()
                        .addSecuritySchemes(
                                "basicAuth",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic"))
                        .addSecuritySchemes(
                                "tripToken",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")));
    }

    @Bean
    OpenApiCustomizer problemSchema() {
        return openApi -> {
            StringSchema code = new StringSchema();
            code.setEnum(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
            code.setDescription("Stable error code; clients branch on it. Codes are only ever added.");
            Schema<?> problem = new ObjectSchema()
                    .description("RFC 9457 problem details with Skanna's stable code")
                    .addProperty("type", new StringSchema())
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema())
                    .addProperty("code", code);
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas("Problem", problem);
        };
    }
}
