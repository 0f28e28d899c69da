package se.skanna.demo;

import java.util.Map;
import java.util.Random;
import se.skanna.store.Store;

/**
 * Where the demo chain's towns are: the centre of each town (WGS 84, rounded) and its postcodes (the first three
 * digits of the town's range and how many ranges follow on from it), so a demo store gets an address, a position
 * near its town and a postcode that fits it. Street names are the ones every Swedish town has.
 */
final class DemoPlaces {

    /** Centre latitude, longitude, first postcode range (three digits) and how many ranges the town has. */
    record Town(double lat, double lon, int postcodeRange, int ranges) {}

    private static final String[] STREETS = {
        "Storgatan",
        "Drottninggatan",
        "Kungsgatan",
        "Järnvägsgatan",
        "Skolgatan",
        "Torggatan",
        "Kyrkogatan",
        "Nygatan",
        "Hamngatan",
        "Köpmangatan",
        "Parkvägen",
        "Industrivägen",
        "Centrumvägen",
        "Sjögatan",
        "Ringvägen",
        "Västra vägen",
        "Östra vägen",
        "Norra Allén",
        "Södra Allén",
        "Bergsgatan",
        "Trädgårdsgatan",
        "Ängsvägen",
        "Handelsvägen",
        "Stationsgatan",
        "Prästgatan",
        "Fabriksgatan",
        "Lasarettsvägen",
        "Björkvägen",
        "Tallvägen",
        "Granvägen"
    };

    private static final Map<String, Town> TOWNS = Map.ofEntries(
            Map.entry("Stockholm", new Town(59.3293, 18.0686, 111, 19)),
            Map.entry("Södertälje", new Town(59.1955, 17.6253, 151, 2)),
            Map.entry("Norrtälje", new Town(59.7580, 18.7049, 761, 1)),
            Map.entry("Solna", new Town(59.3600, 18.0009, 169, 3)),
            Map.entry("Nacka", new Town(59.3105, 18.1637, 131, 2)),
            Map.entry("Huddinge", new Town(59.2369, 17.9816, 141, 2)),
            Map.entry("Täby", new Town(59.4439, 18.0687, 183, 5)),
            Map.entry("Järfälla", new Town(59.4230, 17.8340, 175, 3)),
            Map.entry("Botkyrka", new Town(59.2000, 17.8300, 145, 3)),
            Map.entry("Sollentuna", new Town(59.4280, 17.9508, 191, 2)),
            Map.entry("Haninge", new Town(59.1680, 18.1440, 136, 2)),
            Map.entry("Värmdö", new Town(59.3200, 18.3900, 134, 2)),
            Map.entry("Lidingö", new Town(59.3667, 18.1333, 181, 2)),
            Map.entry("Upplands Väsby", new Town(59.5184, 17.9113, 194, 1)),
            Map.entry("Sigtuna", new Town(59.6173, 17.7233, 193, 3)),
            Map.entry("Tyresö", new Town(59.2442, 18.2290, 135, 1)),
            Map.entry("Uppsala", new Town(59.8586, 17.6389, 751, 7)),
            Map.entry("Enköping", new Town(59.6361, 17.0777, 745, 1)),
            Map.entry("Östhammar", new Town(60.2590, 18.3740, 742, 1)),
            Map.entry("Tierp", new Town(60.3450, 17.5160, 815, 1)),
            Map.entry("Knivsta", new Town(59.7250, 17.7870, 741, 1)),
            Map.entry("Eskilstuna", new Town(59.3710, 16.5100, 632, 4)),
            Map.entry("Nyköping", new Town(58.7530, 17.0079, 611, 1)),
            Map.entry("Katrineholm", new Town(58.9959, 16.2072, 641, 1)),
            Map.entry("Strängnäs", new Town(59.3774, 17.0312, 645, 1)),
            Map.entry("Flen", new Town(59.0580, 16.5880, 642, 1)),
            Map.entry("Linköping", new Town(58.4108, 15.6214, 582, 6)),
            Map.entry("Norrköping", new Town(58.5877, 16.1924, 602, 4)),
            Map.entry("Motala", new Town(58.5370, 15.0360, 591, 1)),
            Map.entry("Mjölby", new Town(58.3250, 15.1280, 595, 1)),
            Map.entry("Finspång", new Town(58.7050, 15.7670, 612, 1)),
            Map.entry("Jönköping", new Town(57.7826, 14.1618, 553, 4)),
            Map.entry("Värnamo", new Town(57.1860, 14.0400, 331, 1)),
            Map.entry("Nässjö", new Town(57.6530, 14.6970, 571, 1)),
            Map.entry("Tranås", new Town(58.0370, 14.9780, 573, 1)),
            Map.entry("Gislaved", new Town(57.3040, 13.5400, 332, 1)),
            Map.entry("Vetlanda", new Town(57.4280, 15.0770, 574, 1)),
            Map.entry("Växjö", new Town(56.8777, 14.8091, 352, 4)),
            Map.entry("Ljungby", new Town(56.8330, 13.9410, 341, 1)),
            Map.entry("Älmhult", new Town(56.5510, 14.1370, 343, 1)),
            Map.entry("Alvesta", new Town(56.8990, 14.5560, 342, 1)),
            Map.entry("Kalmar", new Town(56.6634, 16.3568, 392, 2)),
            Map.entry("Västervik", new Town(57.7580, 16.6370, 593, 1)),
            Map.entry("Oskarshamn", new Town(57.2640, 16.4480, 572, 1)),
            Map.entry("Nybro", new Town(56.7450, 15.9060, 382, 1)),
            Map.entry("Borgholm", new Town(56.8790, 16.6560, 387, 1)),
            Map.entry("Visby", new Town(57.6348, 18.2948, 621, 1)),
            Map.entry("Hemse", new Town(57.2370, 18.3720, 623, 1)),
            Map.entry("Slite", new Town(57.7060, 18.8000, 624, 1)),
            Map.entry("Karlskrona", new Town(56.1612, 15.5869, 371, 1)),
            Map.entry("Ronneby", new Town(56.2100, 15.2760, 372, 1)),
            Map.entry("Karlshamn", new Town(56.1710, 14.8630, 374, 1)),
            Map.entry("Sölvesborg", new Town(56.0500, 14.5750, 294, 1)),
            Map.entry("Malmö", new Town(55.6050, 13.0038, 211, 8)),
            Map.entry("Helsingborg", new Town(56.0465, 12.6945, 252, 5)),
            Map.entry("Lund", new Town(55.7047, 13.1910, 222, 5)),
            Map.entry("Kristianstad", new Town(56.0294, 14.1567, 291, 1)),
            Map.entry("Landskrona", new Town(55.8708, 12.8302, 261, 1)),
            Map.entry("Trelleborg", new Town(55.3751, 13.1569, 231, 1)),
            Map.entry("Ystad", new Town(55.4295, 13.8200, 271, 1)),
            Map.entry("Ängelholm", new Town(56.2428, 12.8622, 262, 1)),
            Map.entry("Hässleholm", new Town(56.1589, 13.7668, 281, 1)),
            Map.entry("Eslöv", new Town(55.8392, 13.3039, 241, 1)),
            Map.entry("Höganäs", new Town(56.1998, 12.5570, 263, 1)),
            Map.entry("Halmstad", new Town(56.6744, 12.8578, 302, 3)),
            Map.entry("Varberg", new Town(57.1057, 12.2502, 432, 1)),
            Map.entry("Kungsbacka", new Town(57.4872, 12.0761, 434, 1)),
            Map.entry("Falkenberg", new Town(56.9055, 12.4912, 311, 1)),
            Map.entry("Laholm", new Town(56.5120, 13.0440, 312, 1)),
            Map.entry("Göteborg", new Town(57.7089, 11.9746, 411, 8)),
            Map.entry("Borås", new Town(57.7210, 12.9401, 503, 5)),
            Map.entry("Trollhättan", new Town(58.2837, 12.2886, 461, 1)),
            Map.entry("Uddevalla", new Town(58.3498, 11.9381, 451, 1)),
            Map.entry("Skövde", new Town(58.3910, 13.8450, 541, 1)),
            Map.entry("Mölndal", new Town(57.6554, 12.0138, 431, 1)),
            Map.entry("Kungälv", new Town(57.8710, 11.9800, 442, 1)),
            Map.entry("Lidköping", new Town(58.5052, 13.1577, 531, 1)),
            Map.entry("Alingsås", new Town(57.9300, 12.5330, 441, 1)),
            Map.entry("Vänersborg", new Town(58.3800, 12.3230, 462, 1)),
            Map.entry("Partille", new Town(57.7394, 12.1064, 433, 1)),
            Map.entry("Lerum", new Town(57.7700, 12.2690, 443, 1)),
            Map.entry("Falköping", new Town(58.1730, 13.5520, 521, 1)),
            Map.entry("Stenungsund", new Town(58.0700, 11.8180, 444, 1)),
            Map.entry("Mariestad", new Town(58.7100, 13.8230, 542, 1)),
            Map.entry("Karlstad", new Town(59.4022, 13.5115, 652, 4)),
            Map.entry("Arvika", new Town(59.6550, 12.5860, 671, 1)),
            Map.entry("Kristinehamn", new Town(59.3100, 14.1080, 681, 1)),
            Map.entry("Säffle", new Town(59.1330, 12.9300, 661, 1)),
            Map.entry("Torsby", new Town(60.1360, 13.0000, 685, 1)),
            Map.entry("Örebro", new Town(59.2741, 15.2066, 702, 3)),
            Map.entry("Karlskoga", new Town(59.3270, 14.5240, 691, 1)),
            Map.entry("Kumla", new Town(59.1270, 15.1430, 692, 1)),
            Map.entry("Lindesberg", new Town(59.5940, 15.2300, 711, 1)),
            Map.entry("Hallsberg", new Town(59.0670, 15.1100, 694, 1)),
            Map.entry("Västerås", new Town(59.6099, 16.5448, 722, 4)),
            Map.entry("Köping", new Town(59.5140, 15.9920, 731, 1)),
            Map.entry("Sala", new Town(59.9200, 16.6070, 733, 1)),
            Map.entry("Fagersta", new Town(60.0040, 15.7940, 737, 1)),
            Map.entry("Arboga", new Town(59.3940, 15.8390, 732, 1)),
            Map.entry("Falun", new Town(60.6065, 15.6355, 791, 1)),
            Map.entry("Borlänge", new Town(60.4858, 15.4371, 781, 1)),
            Map.entry("Mora", new Town(61.0070, 14.5430, 792, 1)),
            Map.entry("Ludvika", new Town(60.1490, 15.1880, 771, 1)),
            Map.entry("Avesta", new Town(60.1450, 16.1680, 774, 1)),
            Map.entry("Leksand", new Town(60.7300, 14.9990, 793, 1)),
            Map.entry("Gävle", new Town(60.6749, 17.1413, 802, 4)),
            Map.entry("Sandviken", new Town(60.6210, 16.7760, 811, 1)),
            Map.entry("Hudiksvall", new Town(61.7280, 17.1040, 824, 1)),
            Map.entry("Bollnäs", new Town(61.3480, 16.3940, 821, 1)),
            Map.entry("Söderhamn", new Town(61.3040, 17.0590, 826, 1)),
            Map.entry("Ljusdal", new Town(61.8290, 16.0960, 827, 1)),
            Map.entry("Sundsvall", new Town(62.3908, 17.3069, 852, 5)),
            Map.entry("Örnsköldsvik", new Town(63.2909, 18.7153, 891, 1)),
            Map.entry("Härnösand", new Town(62.6323, 17.9379, 871, 1)),
            Map.entry("Sollefteå", new Town(63.1670, 17.2710, 881, 1)),
            Map.entry("Kramfors", new Town(62.9310, 17.7770, 872, 1)),
            Map.entry("Östersund", new Town(63.1792, 14.6357, 831, 1)),
            Map.entry("Åre", new Town(63.3990, 13.0810, 837, 1)),
            Map.entry("Strömsund", new Town(63.8520, 15.5550, 833, 1)),
            Map.entry("Krokom", new Town(63.3260, 14.4560, 835, 1)),
            Map.entry("Umeå", new Town(63.8258, 20.2630, 902, 6)),
            Map.entry("Skellefteå", new Town(64.7507, 20.9528, 931, 1)),
            Map.entry("Lycksele", new Town(64.5960, 18.6760, 921, 1)),
            Map.entry("Vännäs", new Town(63.9080, 19.7510, 911, 1)),
            Map.entry("Vilhelmina", new Town(64.6240, 16.6550, 912, 1)),
            Map.entry("Luleå", new Town(65.5848, 22.1547, 972, 4)),
            Map.entry("Piteå", new Town(65.3170, 21.4800, 941, 1)),
            Map.entry("Boden", new Town(65.8250, 21.6890, 961, 1)),
            Map.entry("Kiruna", new Town(67.8558, 20.2253, 981, 1)),
            Map.entry("Gällivare", new Town(67.1330, 20.6600, 982, 1)),
            Map.entry("Kalix", new Town(65.8540, 23.1560, 952, 1)),
            Map.entry("Haparanda", new Town(65.8350, 24.1370, 953, 1)));

    private DemoPlaces() {}

    static Town town(String name) {
        Town town = TOWNS.get(name);
        if (town == null) {
            throw new IllegalStateException("No place for the demo town " + name);
        }
        return town;
    }

    /**
     * The store with a street address, a postcode of its town, a position within a few kilometres of the town's
     * centre (further out in a big town) and opening hours that fit its format.
     */
    static Store place(Store store, int storesInTown, Random random) {
        Town town = town(store.city());
        // a town with many stores spreads further: about 1.5 km for one store, up to about 12 km for Stockholm
        double radiusKm = Math.min(12, 1.5 + Math.sqrt(storesInTown) * 1.2);
        double distance = radiusKm * Math.sqrt(random.nextDouble());
        double bearing = random.nextDouble() * 2 * Math.PI;
        double lat = town.lat() + distance * Math.cos(bearing) / 111.2;
        double lon = town.lon() + distance * Math.sin(bearing) / (111.2 * Math.cos(Math.toRadians(town.lat())));
        int range = town.postcodeRange() + random.nextInt(town.ranges());
        String postcode = "%03d %02d".formatted(range, 30 + random.nextInt(60));
        String street = STREETS[random.nextInt(STREETS.length)] + " " + (1 + random.nextInt(60));
        return store.withDetails(street, postcode, round(lat), round(lon), hours(store.name()));
    }

    private static String hours(String name) {
        if (name.contains("Stormarknad")) {
            return "mon-fri 08-22, sat-sun 09-20";
        }
        if (name.contains("Supermarket")) {
            return "mon-fri 08-21, sat 09-19, sun 10-19";
        }
        if (name.contains("Express")) {
            return "mon-sun 06-24";
        }
        return "mon-fri 07-22, sat-sun 08-22";
    }

    private static double round(double degrees) {
        return Math.round(degrees * 100_000) / 100_000.0;
    }
}
