// swift-tools-version: 6.0
// Relais: scheduling and outreach for public-health prevention campaigns.
// No Swift package dependencies: C libraries come from Debian through system-library targets.
import PackageDescription

let package = Package(
    name: "relais",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "relais", targets: ["relais"])
    ],
    targets: [
        // MARK: - System libraries (module.modulemap + shim.h, nothing else)
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CICal", pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]),
        .systemLibrary(
            name: "CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]),
        /// yescrypt password hashes, from libxcrypt.
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        /// Random session tokens and their SHA-256, from OpenSSL's libcrypto.
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        /// signalfd and inotify, from the C library.
        .systemLibrary(name: "CLinux"),

        // MARK: - Relais modules
        /// The domain, pure: no I/O, no C.
        .target(name: "RelaisCore"),
        /// The only code that speaks SQLite.
        .target(name: "RelaisStore", dependencies: ["RelaisCore", "CSQLite"]),
        /// The only code that speaks libical.
        .target(name: "RelaisCalendar", dependencies: ["RelaisCore", "CICal"]),
        /// The JSON shape of each resource (resident, occurrence, run, booking...), one for the
        /// command line's --json and the desk's API: Codable types over the store's records.
        .target(name: "RelaisJSON", dependencies: ["RelaisCore", "RelaisStore"]),
        /// The only code that speaks libcurl: SMTP, the SMS gateways, and the file transport.
        .target(name: "RelaisDelivery", dependencies: ["RelaisCore", "CCurl"]),
        /// The only code that speaks libmicrohttpd: the HTTP server of relais serve and its handlers.
        /// The CCAS desk's pages and JSON API are here too, above the server.
        .target(
            name: "RelaisWeb", dependencies: ["RelaisCore", "RelaisStore", "RelaisReports", "RelaisJSON", "RelaisAuth", "CMicroHTTPD"],
            exclude: ["openapi.json"]),
        /// The participation reports, made once and written as text, CSV, JSON or HTML for the
        /// command line and the desk alike.
        .target(name: "RelaisReports", dependencies: ["RelaisCore", "RelaisStore"]),
        /// The only code that speaks libxcrypt and libcrypto: password hashes, session tokens.
        .target(name: "RelaisAuth", dependencies: ["CCrypt", "COpenSSL"]),
        /// The daemon's parts: configuration into transports, the sender, logging.
        .target(
            name: "RelaisService", dependencies: ["RelaisCore", "RelaisStore", "RelaisDelivery", "RelaisCalendar", "RelaisWeb", "RelaisAuth", "CLinux"]),
        /// The command-line front, one file per command.
        .executableTarget(
            name: "relais",
            dependencies: ["RelaisCore", "RelaisStore", "RelaisJSON", "RelaisReports", "RelaisCalendar", "RelaisService", "RelaisAuth"]),
        /// Benchmarks that print figures: swift run -c release relais-bench
        .executableTarget(
            name: "relais-bench", dependencies: ["RelaisCore", "RelaisStore", "RelaisCalendar"]),
        /// Fuzz targets for what strangers write (calendars, CSV, the desk's requests): a replay tool
        /// when built normally, a libFuzzer binary when scripts/fuzz builds it with -D FUZZING.
        .executableTarget(
            name: "relais-fuzz", dependencies: ["RelaisCore", "RelaisCalendar", "RelaisWeb"]),

        // MARK: - Tests
        /// Real peers for tests: smtp-sink, Kannel with fakesmsc, small Python servers.
        .target(name: "RelaisTestPeers", path: "Tests/Peers"),
        .target(name: "RelaisTestTerritories", dependencies: ["RelaisCore"], path: "Tests/Territories"),
        .testTarget(name: "RelaisCoreTests", dependencies: ["RelaisTestTerritories", "RelaisCore", "RelaisTestPeers"]),
        .testTarget(name: "RelaisStoreTests", dependencies: ["RelaisTestTerritories", "RelaisStore", "RelaisCore"]),
        .testTarget(name: "RelaisServiceTests", dependencies: ["RelaisTestTerritories", "RelaisService", "RelaisStore", "RelaisCore"]),
        .testTarget(
            name: "RelaisCalendarTests", dependencies: ["RelaisCalendar", "RelaisCore", "RelaisTestPeers", "CICal"],
            exclude: ["rrule_oracle.py"]),
        .testTarget(name: "RelaisAuthTests", dependencies: ["RelaisAuth"]),
        .testTarget(name: "RelaisWebTests", dependencies: ["RelaisTestTerritories", "RelaisWeb", "RelaisCore", "RelaisStore", "RelaisAuth"]),
        .testTarget(name: "RelaisJSONTests", dependencies: ["RelaisTestTerritories", "RelaisJSON", "RelaisStore", "RelaisCore"]),
        .testTarget(name: "RelaisDeliveryTests", dependencies: ["RelaisDelivery", "RelaisCore", "RelaisTestPeers"]),
        .testTarget(
            name: "RelaisCLITests", dependencies: ["relais", "RelaisTestPeers", "RelaisCore", "RelaisWeb", "RelaisJSON", "RelaisReports"],
            exclude: [
                "desk_browser.py", "desk_counts_browser.py", "report_print.py", "gtfs_flex_check.py", "manifest_browser.py",
                "browser_script.py",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
