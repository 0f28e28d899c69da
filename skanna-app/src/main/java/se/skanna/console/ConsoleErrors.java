package se.skanna.console;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import se.skanna.shared.DatabaseTrouble;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * Failures on console pages become HTML pages (403, 404, or a short problem page), never problem+json,
 * a stack trace or a whitelabel page. Placed before the API's handler and limited to the console.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(ProblemException.class)
    ModelAndView onProblem(ProblemException e) {
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            return new ModelAndView("redirect:/login");
        }
        return page(HttpStatus.valueOf(e.code().status()), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView onUnexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            return page(HttpStatus.valueOf(known.getStatusCode().value()), null);
        }
        if (DatabaseTrouble.isUnavailable(e)) {
            log.warn(
                    "Database unavailable on console page {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.toString());
            return page(HttpStatus.SERVICE_UNAVAILABLE, null);
        }
        log.error("Unhandled error on console page {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, null);
    }

    static ModelAndView page(HttpStatus status, String detail) {
        String view = switch (status) {
            case FORBIDDEN -> "error/403";
            case NOT_FOUND -> "error/404";
            default -> status.is5xxServerError() ? "error/500" : "console/problem";
        };
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("detail", detail);
        return page;
    }
}
