package se.skanna.console;

import java.security.SecureRandom;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.Role;
import se.skanna.staff.StaffAccounts;
import se.skanna.staff.StaffAccounts.StaffAccount;
import se.skanna.staff.StaffPrincipal;
import se.skanna.store.StoreNetwork;

/**
 * HQ's page for staff accounts (HQ only): the accounts, filtered and paged; create one (role, stores, a password
 * given or generated and shown once); disable, enable again, reset the password (given, or generated and shown
 * once), delete after a confirmation. Everything goes through {@link StaffAccounts}, which checks the rules
 * (never one's own account, stores exist, password length) and writes the action log, as the API does.
 */
@Controller
class HqStaffController {

    static final int PAGE_SIZE = 50;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
    /** No 0/O, 1/l/I: read aloud or copied from a screen without mistakes. */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AccessPolicy access;
    private final StaffAccounts accounts;
    private final StoreNetwork network;
    private final SecureRandom random = new SecureRandom();

    HqStaffController(AccessPolicy access, StaffAccounts accounts, StoreNetwork network) {
        this.access = access;
        this.accounts = accounts;
        this.network = network;
    }

    @ModelAttribute("me")
    StaffPrincipal me() {
        return access.current();
    }

    /** What the create form held, kept when the server refuses it. */
    record NewAccountForm(String username, String role, String stores) {}

    @GetMapping("/console/hq/staff")
    String list(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String state,
            @RequestParam(defaultValue = "1") String page,
            Model model) {
        access.requireHq();
        return listPage(q, role, state, page, new NewAccountForm("", "STAFF", ""), model);
    }

    @PostMapping("/console/hq/staff")
    String create(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String stores,
            @RequestParam(defaultValue = "") String password,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        StaffPrincipal hq = access.requireHq();
        String name = username.strip().toLowerCase(Locale.ROOT);
        NewAccountForm form = new NewAccountForm(name, role, stores.strip());
        Role wanted = parseRole(role);
        Set<String> storeIds = storeIds(stores);
        String refusal = null;
        List<String> unknown =
                storeIds.stream().filter(id -> !network.exists(id)).toList();
        if (wanted == null) {
            refusal = "console.staff.error.role";
        } else if (wanted == Role.HQ && !storeIds.isEmpty()) {
            refusal = "console.staff.error.hqStores";
        } else if (wanted != Role.HQ && storeIds.isEmpty()) {
            refusal = "console.staff.error.noStores";
        } else if (!unknown.isEmpty()) {
            model.addAttribute("unknownStores", String.join(", ", unknown));
            refusal = "console.staff.error.unknownStores";
        }
        boolean generated = password.isBlank();
        String secret = generated ? generatePassword() : password;
        if (refusal == null) {
            try {
                accounts.create(hq, name, secret, wanted, storeIds);
                if (generated) {
                    return showOnce(name, "created", secret, model, response);
                }
                redirect.addFlashAttribute("done", "created");
                redirect.addFlashAttribute("doneUser", name);
                return "redirect:/console/hq/staff?q=" + name;
            } catch (ProblemException e) {
                refusal = refusalKey(e);
                model.addAttribute("refusalDetail", e.getMessage());
            }
        }
        model.addAttribute("refusal", refusal);
        return listPage("", "", "", "1", form, model);
    }

    @PostMapping("/console/hq/staff/{username}/disable")
    String disable(
            @PathVariable String username, @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        StaffPrincipal hq = access.requireHq();
        return step(redirect, username, back, "disabled", () -> accounts.disable(hq, username));
    }

    @PostMapping("/console/hq/staff/{username}/enable")
    String enable(
            @PathVariable String username, @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        StaffPrincipal hq = access.requireHq();
        return step(redirect, username, back, "enabled", () -> accounts.enable(hq, username));
    }

    @PostMapping("/console/hq/staff/{username}/password")
    String resetPassword(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String back,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        StaffPrincipal hq = access.requireHq();
        if (!password.isBlank()) {
            return step(redirect, username, back, "reset", () -> accounts.resetPassword(hq, username, password));
        }
        String secret = generatePassword();
        String answer = step(redirect, username, back, "reset", () -> accounts.resetPassword(hq, username, secret));
        return redirect.getFlashAttributes().containsKey("refusal")
                ? answer
                : showOnce(username, "reset", secret, model, response);
    }

    /**
     * A generated password is shown in the answer to the form itself, never carried to a next page: a flash
     * attribute would be written to the session, which lives in the database. The page is not cached.
     */
    private String showOnce(
            String username,
            String done,
            String secret,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("done", done);
        model.addAttribute("doneUser", username);
        model.addAttribute("oneTimePassword", secret);
        return listPage(username, "", "", "1", new NewAccountForm("", "STAFF", ""), model);
    }

    @GetMapping("/console/hq/staff/{username}/delete")
    String confirmDelete(@PathVariable String username, Model model) {
        access.requireHq();
        StaffAccount account = find(username);
        model.addAttribute("account", account);
        return "console/hq-staff-delete";
    }

    @PostMapping("/console/hq/staff/{username}/delete")
    String delete(@PathVariable String username, RedirectAttributes redirect) {
        StaffPrincipal hq = access.requireHq();
        return step(redirect, username, "", "deleted", () -> accounts.delete(hq, username));
    }

    private String step(RedirectAttributes redirect, String username, String back, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", done);
            redirect.addFlashAttribute("doneUser", username);
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("refusal", refusalKey(e));
            redirect.addFlashAttribute("refusalDetail", e.getMessage());
        }
        return "redirect:" + backTo(back);
    }

    /** Back to the list as it was filtered: only a path of this page, never somewhere else. */
    private static String backTo(String back) {
        return back.startsWith("/console/hq/staff?") || back.equals("/console/hq/staff") ? back : "/console/hq/staff";
    }

    private String listPage(String q, String role, String state, String page, NewAccountForm form, Model model) {
        String query = q.strip().toLowerCase(Locale.ROOT);
        Role roleFilter = parseRole(role);
        List<StaffAccount> matching = accounts.list().stream()
                .filter(a -> query.isEmpty()
                        || a.username().contains(query)
                        || a.storeIds().stream()
                                .anyMatch(id -> id.toLowerCase(Locale.ROOT).equals(query)))
                .filter(a -> roleFilter == null || a.role() == roleFilter)
                .filter(a -> !"enabled".equals(state) || a.enabled())
                .filter(a -> !"disabled".equals(state) || !a.enabled())
                .sorted(Comparator.comparing(StaffAccount::username))
                .toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(pages, Math.max(1, parsePage(page)));
        List<StaffAccount> shown =
                matching.subList((current - 1) * PAGE_SIZE, Math.min(matching.size(), current * PAGE_SIZE));
        UriComponentsBuilder here = UriComponentsBuilder.fromPath("/console/hq/staff");
        if (!query.isEmpty()) {
            here.queryParam("q", query);
        }
        if (roleFilter != null) {
            here.queryParam("role", roleFilter.name());
        }
        if (state.equals("enabled") || state.equals("disabled")) {
            here.queryParam("state", state);
        }
        model.addAttribute("accounts", shown);
        model.addAttribute("total", matching.size());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("q", query);
        model.addAttribute("role", roleFilter == null ? "" : roleFilter.name());
        model.addAttribute("state", state);
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form);
        model.addAttribute(
                "here", here.cloneBuilder().queryParam("page", current).build().toUriString());
        model.addAttribute(
                "prev",
                current > 1
                        ? here.cloneBuilder()
                                .queryParam("page", current - 1)
                                .build()
                                .toUriString()
                        : null);
        model.addAttribute(
                "next",
                current < pages
                        ? here.cloneBuilder()
                                .queryParam("page", current + 1)
                                .build()
                                .toUriString()
                        : null);
        model.addAttribute("storeNames", storeNames(shown));
        return "console/hq-staff";
    }

    private java.util.Map<String, String> storeNames(List<StaffAccount> shown) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        shown.forEach(a -> a.storeIds().forEach(id -> {
            if (!names.containsKey(id)) {
                names.put(id, network.exists(id) ? network.get(id).name() : id);
            }
        }));
        return names;
    }

    private StaffAccount find(String username) {
        return accounts.list().stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new ProblemException(ErrorCode.ACCOUNT_NOT_FOUND, "There is no such account."));
    }

    /** A message key for a refusal of {@link StaffAccounts}: by its code, and for a bad field by the field. */
    private static String refusalKey(ProblemException e) {
        if (e.code() == ErrorCode.VALIDATION_FAILED
                && e.properties().get("errors") instanceof List<?> errors
                && !errors.isEmpty()
                && errors.getFirst() instanceof java.util.Map<?, ?> first) {
            return "console.staff.error.field." + first.get("path");
        }
        return "console.staff.error." + e.code().name();
    }

    String generatePassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static Set<String> storeIds(String text) {
        Set<String> ids = new LinkedHashSet<>();
        if (!text.isBlank()) {
            for (String id : SEPARATORS.split(text.strip())) {
                if (!id.isBlank()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static Role parseRole(String role) {
        try {
            return role == null || role.isBlank()
                    ? null
                    : Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int parsePage(String page) {
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
