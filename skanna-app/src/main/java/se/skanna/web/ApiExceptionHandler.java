package se.skanna.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import se.skanna.shared.DatabaseTrouble;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.FreeText;
import se.skanna.shared.ProblemException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The single place where failures become answers: every error leaves as problem+json with a stable code,
 * and nothing internal (exception messages, stack traces, SQL) reaches the client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> onProblem(ProblemException e) {
        ResponseEntity<Object> answer = entity(ProblemResponses.problem(e.code(), e.getMessage(), e.properties()));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(answer.getHeaders());
        if ((e.code() == ErrorCode.TOO_MANY_REQUESTS || e.code() == ErrorCode.SERVICE_UNAVAILABLE)
                && e.properties().get("retryAfter") != null) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(e.properties().get("retryAfter")));
        }
        if ((e.code() == ErrorCode.SIGN_IN_THROTTLED || e.code() == ErrorCode.SIGN_IN_BUSY)
                && e.properties().get("retryAfter") != null) {
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(e.properties().get("retryAfter")));
        }
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Skanna\"");
        }
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> onAccessDenied(AccessDeniedException e) {
        return entity(ProblemResponses.problem(ErrorCode.FORBIDDEN, "Your account may not do this."));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> onAuthentication(AuthenticationException e) {
        return entity(ProblemResponses.problem(ErrorCode.UNAUTHORIZED, "Sign in to do this."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> onTypeMismatch(MethodArgumentTypeMismatchException e) {
        return entity(ProblemResponses.problem(
                ErrorCode.INVALID_PARAMETER, "Parameter '" + e.getName() + "' has an invalid value."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception e, HttpServletRequest request) {
        if (clientWentAway(e)) {
            log.debug("Client went away during {} {}", request.getMethod(), request.getRequestURI());
            return null;
        }
        if (DatabaseTrouble.isUnavailable(e)) {
            log.warn(
                    "Database unavailable during {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.toString());
            return databaseUnavailable();
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return entity(ProblemResponses.problem(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimitFilter.BodyTooLargeException) {
                return entity(ProblemResponses.problem(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large."));
            }
        }
        Throwable specific = ex.getMostSpecificCause();
        if (specific instanceof StrictJson.UnsafeTextException unsafe) {
            String path = StrictJson.path(unsafe);
            ErrorCode code = request instanceof ServletWebRequest servlet
                            && servlet.getRequest().getRequestURI().startsWith("/api/v1/catalog/imports")
                    ? ErrorCode.IMPORT_REJECTED
                    : ErrorCode.VALIDATION_FAILED;
            return entity(ProblemResponses.problem(
                    code,
                    "Field '" + path + "' " + FreeText.REASON + ".",
                    Map.of("errors", List.of(Map.of("path", path, "reason", FreeText.REASON)))));
        }
        String detail;
        if (specific instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown field '" + unknown.getPropertyName() + "'.";
        } else if (specific instanceof StreamReadException read && duplicateKey(read)) {
            detail = "A field is given twice in one object; send each field once.";
        } else if (specific instanceof MismatchedInputException mismatch
                && !StrictJson.path(mismatch).isEmpty()) {
            detail = "Field '" + StrictJson.path(mismatch) + "' has the wrong type: numbers, text and true/false"
                    + " are not converted into one another.";
        } else {
            detail = "The request body is not valid JSON for this call.";
        }
        return entity(ProblemResponses.problem(ErrorCode.MALFORMED_REQUEST, detail));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // the shape of ProblemException.invalidField: detail = the (first) field's reason, errors = [{path, reason}]
        // by path; one field broken two ways (null and too short, say) is named once
        Map<String, String> byField = new java.util.TreeMap<>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(error -> byField.putIfAbsent(error.getField(), String.valueOf(error.getDefaultMessage())));
        if (byField.isEmpty()) {
            return entity(ProblemResponses.problem(ErrorCode.VALIDATION_FAILED, "The request body is invalid."));
        }
        List<Map<String, String>> errors = byField.entrySet().stream()
                .map(error -> Map.of("path", error.getKey(), "reason", error.getValue()))
                .toList();
        return entity(ProblemResponses.problem(
                ErrorCode.VALIDATION_FAILED, errors.getFirst().get("reason"), Map.of("errors", errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return entity(ProblemResponses.problem(ErrorCode.VALIDATION_FAILED, "Some parameters are invalid."));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return entity(ProblemResponses.problem(
                ErrorCode.INVALID_PARAMETER, "Parameter '" + ex.getParameterName() + "' is required."));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return entity(ProblemResponses.problem(ErrorCode.NOT_FOUND, "There is nothing at this address."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return entity(ProblemResponses.problem(
                ErrorCode.METHOD_NOT_ALLOWED, "Method " + ex.getMethod() + " is not allowed here."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return entity(
                ProblemResponses.problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send this request as application/json."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return entity(ProblemResponses.problem(
                ErrorCode.NOT_ACCEPTABLE, "This resource is not available in the requested media type."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (clientWentAway(ex)) {
            log.debug("Client went away", ex);
            return null;
        }
        if (statusCode.is5xxServerError()) {
            log.error("Request failed", ex);
        }
        ErrorCode code = switch (statusCode.value()) {
            case 400 -> ErrorCode.MALFORMED_REQUEST;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> statusCode.is4xxClientError() ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
        return entity(ProblemResponses.problem(code, code.title() + "."));
    }

    /** Jackson's strict duplicate detection says so only in its message. */
    private static boolean duplicateKey(StreamReadException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate ");
    }

    /** 503 with Retry-After: phones queue and retry, balancers move on; nothing was changed. */
    static ResponseEntity<Object> databaseUnavailable() {
        return ResponseEntity.status(ErrorCode.DATABASE_UNAVAILABLE.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseTrouble.RETRY_AFTER_SECONDS))
                .body(ProblemResponses.problem(
                        ErrorCode.DATABASE_UNAVAILABLE,
                        "The database is not answering; nothing was changed. Try again in a few seconds."));
    }

    /** A phone that lost its connection mid-answer is normal, not an error of ours. */
    static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException
                    || cause.getClass().getSimpleName().equals("ClientAbortException")) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Object> entity(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
