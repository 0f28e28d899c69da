package se.skanna.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import se.skanna.store.Store;
import se.skanna.store.StoreStatus;

/**
 * A made-up chain of about 800 stores across Sweden's 21 regions, spread roughly by population. The same
 * seed always gives the same stores, so demo ids stay stable between machines and runs.
 */
final class DemoStores {

    static final String CHAIN = "Matboden";
    private static final String[] FORMATS = {"Nära", "Supermarket", "Nära", "Stormarknad", "Express", "Nära"};
    private static final String[] DISTRICTS = {
        "Centrum", "Torget", "Station", "Norr", "Söder", "Väster", "Öster", "Hamnen", "Gärdet", "Ängen", "Parken",
        "Strand", "Hagen", "Backen", "Kyrkbyn", "Bruket", "Dalen", "Höjden", "Lunden", "Viken", "Skogen", "Åsen",
        "Bäcken", "Tallbacken", "Ekbacken", "Björkhagen", "Granlund", "Solhem", "Sjöstaden", "Gamla stan"
    };

    /** region, then pairs of town and population in thousands (a rough share of the chain's stores). */
    private static final String[][] REGIONS = {
        {
            "Stockholms län",
            "Stockholm",
            "980",
            "Södertälje",
            "100",
            "Norrtälje",
            "60",
            "Solna",
            "85",
            "Nacka",
            "110",
            "Huddinge",
            "115",
            "Täby",
            "75",
            "Järfälla",
            "80",
            "Botkyrka",
            "95",
            "Sollentuna",
            "75",
            "Haninge",
            "95",
            "Värmdö",
            "45",
            "Lidingö",
            "48",
            "Upplands Väsby",
            "48",
            "Sigtuna",
            "50",
            "Tyresö",
            "48"
        },
        {"Uppsala län", "Uppsala", "240", "Enköping", "47", "Östhammar", "22", "Tierp", "21", "Knivsta", "20"},
        {
            "Södermanlands län",
            "Eskilstuna",
            "107",
            "Nyköping",
            "58",
            "Katrineholm",
            "35",
            "Strängnäs",
            "38",
            "Flen",
            "16"
        },
        {"Östergötlands län", "Linköping", "167", "Norrköping", "145", "Motala", "44", "Mjölby", "28", "Finspång", "22"
        },
        {
            "Jönköpings län",
            "Jönköping",
            "144",
            "Värnamo",
            "34",
            "Nässjö",
            "31",
            "Tranås",
            "19",
            "Gislaved",
            "30",
            "Vetlanda",
            "27"
        },
        {"Kronobergs län", "Växjö", "96", "Ljungby", "28", "Älmhult", "18", "Alvesta", "20"},
        {"Kalmar län", "Kalmar", "71", "Västervik", "36", "Oskarshamn", "27", "Nybro", "20", "Borgholm", "11"},
        {"Gotlands län", "Visby", "60", "Hemse", "5", "Slite", "5"},
        {"Blekinge län", "Karlskrona", "67", "Ronneby", "29", "Karlshamn", "32", "Sölvesborg", "18"},
        {
            "Skåne län",
            "Malmö",
            "360",
            "Helsingborg",
            "150",
            "Lund",
            "128",
            "Kristianstad",
            "87",
            "Landskrona",
            "46",
            "Trelleborg",
            "46",
            "Ystad",
            "31",
            "Ängelholm",
            "43",
            "Hässleholm",
            "53",
            "Eslöv",
            "35",
            "Höganäs",
            "27"
        },
        {"Hallands län", "Halmstad", "105", "Varberg", "67", "Kungsbacka", "85", "Falkenberg", "47", "Laholm", "26"},
        {
            "Västra Götalands län",
            "Göteborg",
            "600",
            "Borås",
            "115",
            "Trollhättan",
            "60",
            "Uddevalla",
            "57",
            "Skövde",
            "57",
            "Mölndal",
            "70",
            "Kungälv",
            "48",
            "Lidköping",
            "40",
            "Alingsås",
            "42",
            "Vänersborg",
            "40",
            "Partille",
            "40",
            "Lerum",
            "43",
            "Falköping",
            "33",
            "Stenungsund",
            "27",
            "Mariestad",
            "25"
        },
        {"Värmlands län", "Karlstad", "96", "Arvika", "26", "Kristinehamn", "24", "Säffle", "15", "Torsby", "12"},
        {"Örebro län", "Örebro", "160", "Karlskoga", "30", "Kumla", "22", "Lindesberg", "23", "Hallsberg", "16"},
        {"Västmanlands län", "Västerås", "158", "Köping", "26", "Sala", "23", "Fagersta", "13", "Arboga", "14"},
        {"Dalarnas län", "Falun", "60", "Borlänge", "53", "Mora", "20", "Ludvika", "26", "Avesta", "23", "Leksand", "16"
        },
        {
            "Gävleborgs län",
            "Gävle",
            "103",
            "Sandviken",
            "40",
            "Hudiksvall",
            "37",
            "Bollnäs",
            "26",
            "Söderhamn",
            "26",
            "Ljusdal",
            "19"
        },
        {
            "Västernorrlands län",
            "Sundsvall",
            "100",
            "Örnsköldsvik",
            "56",
            "Härnösand",
            "25",
            "Sollefteå",
            "19",
            "Kramfors",
            "18"
        },
        {"Jämtlands län", "Östersund", "65", "Åre", "12", "Strömsund", "12", "Krokom", "15"},
        {"Västerbottens län", "Umeå", "132", "Skellefteå", "75", "Lycksele", "12", "Vännäs", "9", "Vilhelmina", "7"},
        {
            "Norrbottens län",
            "Luleå",
            "79",
            "Piteå",
            "43",
            "Boden",
            "28",
            "Kiruna",
            "22",
            "Gällivare",
            "17",
            "Kalix",
            "16",
            "Haparanda",
            "9"
        }
    };

    private DemoStores() {}

    static List<Store> generate(int target, long seed, Instant at) {
        double population = 0;
        for (String[] region : REGIONS) {
            for (int i = 2; i < region.length; i += 2) {
                population += Integer.parseInt(region[i]);
            }
        }
        Random random = new Random(seed);
        // a second sequence for addresses and positions, so the names stay what they were before stores had them
        Random places = new Random(seed + 1);
        List<Store> stores = new ArrayList<>(target);
        int number = 1;
        for (String[] region : REGIONS) {
            for (int i = 1; i < region.length; i += 2) {
                String town = region[i];
                int share = Math.max(1, (int) Math.round(target * Integer.parseInt(region[i + 1]) / population));
                for (String district : districts(share, random)) {
                    String format = FORMATS[random.nextInt(FORMATS.length)];
                    String name = share == 1
                            ? CHAIN + " " + format + " " + town
                            : CHAIN + " " + format + " " + town + " " + district;
                    Store store =
                            new Store("s%04d".formatted(number++), name, town, region[0], StoreStatus.OPEN, null, at);
                    stores.add(DemoPlaces.place(store, share, places));
                }
            }
        }
        return stores;
    }

    private static Set<String> districts(int count, Random random) {
        Set<String> chosen = new LinkedHashSet<>();
        int round = 1;
        while (chosen.size() < count) {
            String district = DISTRICTS[random.nextInt(DISTRICTS.length)];
            chosen.add(round == 1 ? district : district + " " + round);
            if (chosen.size() % DISTRICTS.length == 0) {
                round++;
            }
        }
        return chosen;
    }
}
