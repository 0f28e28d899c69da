/**
 * Products, prices, offers and deposits per store; catalog imports; the offline catalog for the app.
 */
@ApplicationModule(
        displayName = "Catalog",
        allowedDependencies = {"barcode", "gs1", "pricing", "shared", "staff", "store", "web"})
package se.skanna.catalog;

import org.springframework.modulith.ApplicationModule;
