package se.skanna.catalog;

import java.util.List;
import java.util.Map;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/** An import with bad entries: every one of them, and nothing was imported. */
public class ImportRejectedException extends ProblemException {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final transient List<ImportError> errors;

    ImportRejectedException(List<ImportError> errors) {
        super(
                ErrorCode.IMPORT_REJECTED,
                errors.size() + " entries are invalid; nothing was imported.",
                Map.of("errors", errors));
        this.errors = List.copyOf(errors);
    }

    public List<ImportError> errors() {
        return errors;
    }
}
