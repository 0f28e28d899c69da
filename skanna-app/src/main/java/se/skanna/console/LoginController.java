package se.skanna.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff sign-in page; Spring Security handles the form's POST to {@code /login} and comes back here with
 * {@code ?error}, {@code ?throttled=<seconds to wait>} or {@code ?busy}.
 */
@Controller
class LoginController {

    private static final long MAX_WAIT_SHOWN = 24 * 3600;

    @GetMapping("/login")
    String login(@RequestParam(name = "throttled", required = false) String throttled, Model model) {
        if (throttled != null) {
            long seconds = 1;
            try {
                seconds = Math.clamp(Long.parseLong(throttled), 1, MAX_WAIT_SHOWN);
            } catch (NumberFormatException e) {
                // only ever a number from our own redirect; anything else shows the shortest wait
            }
            if (seconds > 120) {
                model.addAttribute("throttledMinutes", (seconds + 59) / 60);
            } else {
                model.addAttribute("throttledSeconds", seconds);
            }
        }
        return "login";
    }
}
