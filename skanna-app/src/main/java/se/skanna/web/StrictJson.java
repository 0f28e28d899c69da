package se.skanna.web;

import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import se.skanna.shared.FreeText;
import se.skanna.shared.ScannedCode;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON is read as written, nothing guessed: a key given twice is refused (not "last one wins", which lets a
 * proxy and Skanna read different values), a number sent as text or text sent as a number is refused (no
 * coercion of scalars, no enum by index), and every string in a request body or catalog import must be
 * {@link FreeText} ({@link RequestJson}). The refusals become 400 {@code malformed_request} and 422
 * {@code validation_failed} naming the field (see {@link ApiExceptionHandler}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictJsonReading() {
        return builder -> {
            builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
            builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
            builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
            for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
                builder.withCoercionConfig(
                        type,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
            }
            builder.withCoercionConfig(
                    LogicalType.Textual,
                    config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        };
    }

    /**
     * Request bodies are read with the free-text rule on top; Skanna's own stored JSON (receipts, cart snapshots,
     * audit lists) is read with the application's mapper without it, so that a scanned code's GS separator or
     * text stored before the rule existed never turns a read of our own data into an error.
     */
    @Bean
    RequestJson requestJson(JsonMapper jsonMapper) {
        return new RequestJson(jsonMapper
                .rebuild()
                .addModule(new SimpleModule("skanna-free-text").addDeserializer(String.class, new Text(false)))
                .build());
    }

    /** Spring MVC's JSON converter, in its place among the others, reads with {@link RequestJson}'s mapper. */
    @Bean
    WebMvcConfigurer requestBodiesReadAsRequestJson(RequestJson requestJson) {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
                builder.configureMessageConvertersList(converters ->
                        converters.replaceAll(converter -> converter instanceof JacksonJsonHttpMessageConverter
                                ? new JacksonJsonHttpMessageConverter(requestJson.mapper())
                                : converter));
            }
        };
    }

    /** A string that breaks the {@link FreeText} rule, with the path of its field. */
    static final class UnsafeTextException extends MismatchedInputException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        UnsafeTextException(JsonParser parser) {
            super(parser, "text " + FreeText.REASON, String.class);
        }
    }

    /** The field path of a read failure, as in {@code products[3].name}; empty for the whole body. */
    static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Strings as Jackson reads them, then held to {@link FreeText}; {@link ScannedCode} fields may carry GS. */
    private static final class Text extends StringDeserializer {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        private final boolean scannedCode;

        Text(boolean scannedCode) {
            this.scannedCode = scannedCode;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean code = property != null && property.getAnnotation(ScannedCode.class) != null;
            return code == scannedCode ? this : new Text(code);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (scannedCode ? !FreeText.allowedCode(text) : !FreeText.allowed(text)) {
                throw new UnsafeTextException(parser);
            }
            return text;
        }
    }
}
