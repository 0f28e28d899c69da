/**
 * Reads scanned codes (GTIN, GS1 DataBar and variable-measure labels) into what the catalog looks up.
 */
@ApplicationModule(
        displayName = "Barcodes",
        allowedDependencies = {"gs1", "shared"})
package se.skanna.barcode;

import org.springframework.modulith.ApplicationModule;
