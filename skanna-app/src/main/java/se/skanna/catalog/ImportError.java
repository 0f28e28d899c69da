package se.skanna.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One bad entry of an import: where (JSON path, or CSV line and field) and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportError(String path, Integer line, String field, String reason) {

    static ImportError at(String path, String reason) {
        return new ImportError(path, null, null, reason);
    }

    static ImportError atLine(int line, String field, String reason) {
        return new ImportError(null, line, field, reason);
    }
}
