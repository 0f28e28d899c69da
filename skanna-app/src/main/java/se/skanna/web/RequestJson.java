package se.skanna.web;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for what comes from outside: the application's mapper (strict, see {@link StrictJson}) plus
 * the {@link se.skanna.shared.FreeText} rule on every string. Spring MVC reads request bodies with it; a module
 * that parses an uploaded file itself (the HQ console's catalog upload) uses {@link #read}.
 */
public final class RequestJson {

    private final JsonMapper mapper;

    RequestJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    JsonMapper mapper() {
        return mapper;
    }

    /** Reads {@code text} from outside as {@code type}; throws Jackson's exceptions as the mapper does. */
    public <T> T read(String text, Class<T> type) {
        return mapper.readValue(text, type);
    }
}
