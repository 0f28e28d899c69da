package se.skanna.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import se.skanna.catalog.CatalogImporter;
import se.skanna.catalog.ImportError;
import se.skanna.catalog.ImportRejectedException;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.StaffPrincipal;

/**
 * The catalog import page (HQ only): upload a JSON or CSV catalog file, see what was imported or every bad
 * row of a rejected file (nothing imported), and the latest imports.
 */
@Controller
class HqCatalogController {

    static final int RECENT = 20;

    private final AccessPolicy access;
    private final CatalogImporter importer;
    private final ActionLog log;
    private final CatalogErrorText errorText;

    HqCatalogController(AccessPolicy access, CatalogImporter importer, ActionLog log, CatalogErrorText errorText) {
        this.access = access;
        this.errorText = errorText;
        this.importer = importer;
        this.log = log;
    }

    @ModelAttribute("me")
    StaffPrincipal me() {
        return access.current();
    }

    @GetMapping("/console/hq/catalog")
    String page(Model model) {
        access.requireHq();
        model.addAttribute("imports", importer.recentImports(RECENT));
        return "console/catalog";
    }

    /**
     * Imports the file all or nothing; a rejected file is answered 422 with the page listing every bad row, CSV
     * rows in line order.
     */
    @PostMapping("/console/hq/catalog/imports")
    ModelAndView upload(@RequestParam(required = false) MultipartFile file, Locale locale) throws IOException {
        StaffPrincipal me = access.requireHq();
        ModelAndView page = new ModelAndView("console/catalog");
        String name = file == null || file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        page.addObject("fileName", name);
        if (file == null || file.isEmpty()) {
            page.addObject("noFile", true);
            page.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        } else {
            String text = new String(file.getBytes(), StandardCharsets.UTF_8);
            String format = isJson(name, file.getContentType(), text) ? "JSON" : "CSV";
            try {
                CatalogImporter.Report report = log.inOneTransaction(() -> {
                    CatalogImporter.Report applied =
                            format.equals("JSON") ? importer.importJson(text) : importer.importCsv(text);
                    log.record(
                            me,
                            "CATALOG_IMPORTED",
                            null,
                            String.valueOf(applied.importId()),
                            format + " " + name + ": " + applied.products() + " products ("
                                    + applied.productsCreated() + " new, " + applied.productsUpdated()
                                    + " updated), " + applied.prices() + " prices, " + applied.offers() + " offers");
                    return applied;
                });
                page.addObject("report", report);
            } catch (ImportRejectedException e) {
                page.addObject(
                        "errors",
                        e.errors().stream()
                                .sorted(Comparator.comparing(
                                        ImportError::line, Comparator.nullsLast(Comparator.naturalOrder())))
                                .map(error -> errorText.explain(error, locale))
                                .toList());
                page.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
            } catch (ProblemException e) {
                if (e.code() != ErrorCode.MALFORMED_REQUEST) {
                    throw e;
                }
                page.addObject("malformed", e.getMessage());
                page.setStatus(HttpStatus.BAD_REQUEST);
            }
        }
        page.addObject("imports", importer.recentImports(RECENT));
        return page;
    }

    /** JSON by name or type; a file named neither way is JSON if it starts with a brace. */
    private static boolean isJson(String name, String contentType, String text) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return true;
        }
        if (lower.endsWith(".csv")) {
            return false;
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        String start = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return start.stripLeading().startsWith("{");
    }
}
