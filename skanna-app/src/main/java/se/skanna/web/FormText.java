package se.skanna.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.FreeText;
import se.skanna.shared.ProblemException;

/**
 * The {@link FreeText} rule for form fields and query parameters (the consoles' forms), the counterpart of
 * {@link StrictJson} for JSON: a refused character is a 422 naming the field before any controller runs; a
 * console page shows it as its problem page, the API as problem+json. A field named {@code code} holds a
 * scanned code and may carry the GS separator.
 */
@Configuration(proxyBeanMethods = false)
class FormText implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                check(request.getParameterMap());
                return true;
            }
        });
    }

    static void check(Map<String, String[]> parameters) {
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            boolean code = name.equals("code");
            boolean bad = !FreeText.allowed(name);
            for (String value : parameter.getValue()) {
                bad |= code ? !FreeText.allowedCode(value) : !FreeText.allowed(value);
            }
            if (bad) {
                String field = FreeText.allowed(name) ? name : "?";
                throw new ProblemException(
                        ErrorCode.VALIDATION_FAILED,
                        "Field '" + field + "' " + FreeText.REASON + "; nothing was changed.",
                        Map.of("errors", List.of(Map.of("path", field, "reason", FreeText.REASON))));
            }
        }
    }
}
