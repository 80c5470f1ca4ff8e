// WebService: the HTTP server of `relais serve`, built from `[web]`: the CCAS desk's pages and
// JSON API (RelaisWeb.DeskPages, DeskAPI, with CalendarUploads for planners' calendars, whose
// paths take bodies up to `[calendars] max_file_mb`) and the SMS gateway's callbacks
// (RelaisWeb.GatewayCallbacks). Its handlers run on
// libmicrohttpd's threads and borrow their own SQLite connections from a StorePool, never the
// daemon's.
//
// A server that cannot listen (port taken) is logged and left out: reminders keep going, which
// matters more than callbacks, and `relais doctor`/the journal say why.
//
// SIGHUP (`reload`): the routes are built again from the new configuration, territory and route
// data, with a new StorePool, and put in place of the old ones in one step (HTTPServer.replace):
// every handler sees either all the old values or all the new, requests in flight finish on the
// old, and the listening socket stays open, so no client is refused during a reload. This was
// chosen over readers threaded through each handler (the territory alone reaches the pool, the
// desk, the sign-in, the link pages and the gateway) and over a second libmicrohttpd daemon on the
// same socket (which would cut the kept-alive connections of the old one). What libmicrohttpd was
// started with (address, port, connection limits, body sizes, whether the desk and its calendar
// uploads are served, their size limit) needs a restart, and is logged as such. The in-memory
// counts of unknown logins and wrong link tokens are built once at start and handed to every set
// of routes: a reload does not give a guesser a fresh count (a restart does).

import Foundation
import RelaisCore
import RelaisStore
import RelaisWeb

/// The running HTTP server, or nothing when `[web] enabled = no`.
public final class WebService {
    private let server: HTTPServer
    /// What libmicrohttpd was started with (listeningValues: a reload cannot change them).
    private let listening: [String]
    /// The guess counts every set of routes shares.
    private let guesses: GuessCounts
    private let databasePath: String
    private let localTime: LocalTime
    private let log: Log
    private let clock: @Sendable () -> Date

    private init(
        server: HTTPServer, listening: [String], guesses: GuessCounts, databasePath: String, localTime: LocalTime, log: Log,
        clock: @escaping @Sendable () -> Date
    ) {
        self.server = server
        self.listening = listening
        self.guesses = guesses
        self.databasePath = databasePath
        self.localTime = localTime
        self.log = log
        self.clock = clock
    }

    /// Starts the server `configuration` describes, its handlers on the database at `databasePath`
    /// (the daemon's, which `--db` may have chosen); nil when disabled or when it cannot listen.
    /// A secret file that cannot be read is an error: the gateway would be refused without a word.
    public static func start(
        _ configuration: Configuration, databasePath: String, territory: Territory, route: RouteDataLoad, localTime: LocalTime, log: Log,
        clock: @escaping @Sendable () -> Date
    ) throws -> WebService? {
        let web = configuration.web
        guard web.enabled else { return nil }
        let guesses = GuessCounts()
        let router = try routes(
            configuration, databasePath: databasePath, territory: territory, route: route, guesses: guesses, localTime: localTime,
            log: log, clock: clock)
        var limits = HTTPLimits(
            maximumBodyBytes: web.maximumBodyKilobytes << 10, maximumConnections: web.maximumConnections,
            timeoutSeconds: web.timeoutSeconds, connectionMemoryBytes: web.connectionMemoryKilobytes << 10,
            maximumConnectionsPerAddress: web.perAddressConnections, requestDeadlineSeconds: web.requestDeadlineSeconds)
        if web.desk {
            // A calendar as large as a file `campaigns load` takes, and the multipart form around it.
            let calendarBytes = (configuration.maximumFileMegabytes << 20) + (64 << 10)
            for path in Desk.calendarUploadPaths { limits.largeBodies[path] = max(calendarBytes, limits.maximumBodyBytes) }
        }
        do {
            let server = try HTTPServer(address: web.address, port: UInt16(web.port), limits: limits, router: router)
            log.info(
                "web server listening",
                [
                    "address": web.address, "port": String(server.port), "desk": String(web.desk),
                    "callbacks": String(web.callbackSecretFile != nil),
                ])
            return WebService(
                server: server, listening: listeningValues(configuration), guesses: guesses, databasePath: databasePath,
                localTime: localTime, log: log, clock: clock)
        } catch {
            log.error("web server not started; relais serve goes on without it", ["error": "\(error)"])
            return nil
        }
    }

    /// Every route the server answers, on the values given: the desk, its API and calendar uploads,
    /// the link pages and the gateway's callbacks.
    static func routes(
        _ configuration: Configuration, databasePath: String, territory: Territory, route: RouteDataLoad, guesses: GuessCounts,
        localTime: LocalTime, log: Log, clock: @escaping @Sendable () -> Date
    ) throws -> Router {
        let web = configuration.web
        var router = Router()
        // Idle connections kept for up to 16 clients at once, so a busy desk does not open a connection per request.
        let pool = StorePool(
            path: databasePath, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds, territory: territory,
            maximumIdle: min(web.maximumConnections, 16))
        if web.desk {
            var uploads = CalendarUploads(configuration: configuration, territory: territory, calendar: localTime.calendar)
            uploads.route = route
            let desk = Desk(
                pool: pool, territory: territory, localTime: localTime, clock: clock, calendarUploads: uploads, routeData: { route }
            ) { now, actor in
                var context = ShuttleContext(
                    settings: configuration.shuttle, outreach: configuration.outreachRules, now: now, localTime: localTime,
                    territory: territory, actor: actor)
                context.use(route)
                return context
            }
            let authenticator = Authenticator(
                pool: pool, territory: territory, sessionHours: web.sessionHours, clock: clock, unknownLogins: guesses.unknownLogins)
            let logger: DeskPages.Logger = { message, metadata in log.info(message, metadata) }
            DeskPages(desk: desk, authenticator: authenticator, secureCookies: web.secureCookies, log: logger).install(in: &router)
            DeskAPI(desk: desk, authenticator: authenticator, log: logger).install(in: &router)
        }
        // The pages behind the links in messages (`[web] public_url`/u/…, /r/…), served with or without the desk.
        LinkPages(pool: pool, localTime: localTime, clock: clock, guesses: guesses.linkTokens, context: { now in
            var context = ShuttleContext(
                settings: configuration.shuttle, outreach: configuration.outreachRules, now: now, localTime: localTime,
                territory: territory, actor: "link")
            context.use(route)
            return context
        }) { message, metadata in log.info(message, metadata) }.install(in: &router)
        if let file = web.callbackSecretFile {
            let secret = try Transports.secret(file, "[web] callback_secret_file")
            guard secret.count >= 16 else {
                throw ServiceSetupError(description: "[web] callback_secret_file: the secret must be at least 16 characters")
            }
            let settings = GatewaySettings(
                secret: secret, allowedAddresses: Set(web.callbackAllow), phonePlan: territory.phonePlan, organiser: territory.organiser)
            var callbacks = GatewayCallbacks(settings: settings, pool: pool, clock: clock) { message, metadata in
                log.info(message, metadata)
            }
            callbacks.smsCancelling = SMSCancelling(
                context: { now in
                    RegistrationContext(actor: "sms", rules: configuration.outreachRules, now: now, calendar: localTime.calendar)
                },
                shuttle: { now in
                    var context = ShuttleContext(
                        settings: configuration.shuttle, outreach: configuration.outreachRules, now: now, localTime: localTime,
                        territory: territory, actor: "sms")
                    context.use(route)
                    return context
                })
            callbacks.install(in: &router)
        }
        return router
    }

    /// SIGHUP: answers from now on with `configuration`, `territory` and `route`; throws, keeping
    /// the routes in place, when they cannot be built (a callback secret that cannot be read).
    /// Settings libmicrohttpd was started with that changed are logged as needing a restart.
    public func reload(_ configuration: Configuration, territory: Territory, route: RouteDataLoad) throws {
        let router = try Self.routes(
            configuration, databasePath: databasePath, territory: territory, route: route, guesses: guesses, localTime: localTime,
            log: log, clock: clock)
        server.replace(router: router)
        if listening != Self.listeningValues(configuration) {
            log.warning("[web] listening settings, desk or upload size changed; they take effect at the next restart", [:])
        }
    }

    /// What libmicrohttpd takes at start: the address, the port, the limits, whether the desk (and
    /// its calendar uploads) is served and the uploads' size limit (`[calendars] max_file_mb`).
    private static func listeningValues(_ configuration: Configuration) -> [String] {
        let web = configuration.web
        return [
            String(web.enabled), web.address, String(web.port), String(web.maximumBodyKilobytes), String(web.maximumConnections),
            String(web.timeoutSeconds), String(web.connectionMemoryKilobytes), String(web.perAddressConnections),
            String(web.requestDeadlineSeconds), String(web.desk), String(configuration.maximumFileMegabytes),
        ]
    }

    /// Stops the server once the requests in progress are answered.
    public func stop() { server.stop() }
}

/// The in-memory counts of guesses (unknown logins at sign-in, wrong link tokens), built once at
/// start and shared by every set of routes, so that a reload does not reset a guesser's count.
struct GuessCounts: Sendable {
    let unknownLogins = UnknownLogins()
    let linkTokens = LinkGuesses()
}
