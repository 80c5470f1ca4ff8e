// relais doctor: checks what relais needs before it is trusted to run alone.

import Foundation
import RelaisCore
import RelaisDelivery
import RelaisService
import RelaisStore

enum DoctorCommand {
    static let help = """
        relais doctor

        Checks the configuration, says the territory it serves (its file, communes, QPVs, holidays and
        time zone), checks the templates (showing each SMS template's encoding, GSM 03.38
        or UCS-2, and segment count with the longest values of the loaded calendars, or typical
        values when none is loaded), the database (PRAGMA integrity_check), that
        the database and secret files are not readable by others, that each calendar of the folder
        loads (read and judged as relais serve would, nothing written; and not refused by relais serve),
        that each calendar feed of [calendars] can be fetched and loads (fetched once, judged as relais
        serve would, nothing written; and its latest fetch by relais serve), that the SMTP server and
        the SMS gateway answer (connecting only: nothing is sent), and where the CCAS desk listens: on
        loopback, or beyond it with secure_cookies = yes. Whether a TLS proxy stands in front of the
        desk cannot be seen from here and is not claimed.
        Each check prints ok or what is wrong; the exit status is 1 when anything is wrong.

        Example:
          relais --config /etc/relais/relais.conf doctor
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: [])
        try arguments.expectPositional(atMost: 0, usage: "relais doctor")
        let configuration = context.configuration
        var problems = 0
        func check(_ label: String, _ problem: String?) {
            print("\(problem == nil ? "ok  " : "FAIL") \(label)" + (problem.map { ": \($0)" } ?? ""))
            if problem != nil { problems += 1 }
        }
        check("configuration \(context.configurationPath ?? "(embedded defaults)")", nil)
        let territory = context.territory
        check(
            "territory \(context.territoryPath): \(territory.name), \(territory.communes.count) communes, "
                + "\(territory.neighbourhoods.count) QPV, holidays of \(territory.holidayRegion.name), \(configuration.timeZone)", nil)
        checkRouteData(context, check: check)
        let templates = Result { try TemplateFiles.load(directory: configuration.templatesDirectory) }
        check("templates in \(configuration.templatesDirectory)", templates.problem)
        if case .success(let loaded) = templates {
            for standIn in loaded.set.standIns { print("warn \(standIn)") }
        }
        let store = try context.store()
        try checkServeReload(store, time: context.localTime, check: check)
        if case .success(let loaded) = templates { try printSMSEstimates(loaded.set, store: store, context: context) }
        let integrity = try store.integrityCheck()
        check("database \(context.databasePath) integrity", integrity == ["ok"] ? nil : integrity.prefix(5).joined(separator: "; "))
        check("database \(context.databasePath) not readable by others", unprotected(context.databasePath))
        let secrets = [configuration.smtpPasswordFile, configuration.smsPasswordFile, configuration.web.callbackSecretFile]
        for secret in secrets.compactMap({ $0 }) where !secret.hasPrefix("$") {
            check("secret \(secret) not readable by others", unprotected(secret))
        }
        try checkCalendars(context, store: store, check: check)
        try checkFeeds(context, store: store, check: check)
        checkSenders(context, check: check)
        if configuration.emailTransport == "smtp" {
            check(
                "SMTP server \(configuration.smtpURL) answers",
                Reachability.problem(reaching: configuration.smtpURL, requireTLS: configuration.smtpRequireTLS))
        }
        if configuration.smsTransport != "file" {
            check("SMS gateway \(configuration.smsURL) answers", Reachability.problem(reaching: configuration.smsURL))
        }
        if configuration.web.enabled && configuration.web.desk {
            let web = configuration.web
            check(deskLabel(web), deskProblem(web))
            let accounts = try store.accounts()
            print(
                "     CCAS desk accounts: \(accounts.filter { $0.disabledAt == nil }.count) enabled, \(accounts.filter { $0.disabledAt != nil }.count) disabled"
            )
        }
        print(linksLine(configuration))
        if problems > 0 { throw UserError(description: "\(problems) problem\(problems == 1 ? "" : "s") found", exitCode: 1) }
    }

    /// Reads and judges every calendar of the folder as relais serve would (writing nothing), and
    /// adds what relais serve itself refused (a file can be sound but refused against the
    /// database, a capacity below the people registered for instance). Prints a warning for
    /// occurrences cut by the horizon or the cap.
    private static func checkCalendars(_ context: Context, store: Store, check: (String, String?) -> Void) throws {
        let directory = context.configuration.calendarsDirectory
        let files: [String]
        do { files = try CalendarLoader.calendarFiles(in: directory) } catch {
            check("calendars in \(directory)", "\(error)")
            return
        }
        check("calendars in \(directory): \(files.count) file\(files.count == 1 ? "" : "s")", nil)
        let loader = CalendarLoader(
            store: store, configuration: context.configuration, territory: context.territory, calendar: context.localTime.calendar)
        let refusedByServe = Dictionary(
            try store.calendarFiles().compactMap { record -> (String, String)? in
                if case .refused(let reason) = record.verdict { return (record.path, reason) }
                return nil
            }, uniquingKeysWith: { first, _ in first })
        for file in files {
            do {
                let truncations = try loader.check(file, now: context.now)
                check("calendar \(file)", refusedByServe[file].map { "relais serve refused it: \($0)" })
                for cut in truncations {
                    print(
                        "warn \(file):\(cut.line): \(cut.uid) repeats after \(context.localTime.short(cut.lastStart)), not generated beyond"
                    )
                }
            } catch {
                check("calendar \(file)", "\(error)")
            }
        }
    }

    /// What the desk check says it checked: where the desk listens and, beyond loopback, that its
    /// cookies are sent over HTTPS only. Whether TLS really stands in front (nginx) cannot be seen
    /// from here, and the line says so rather than claim it.
    static func deskLabel(_ web: WebSettings) -> String {
        let place = "CCAS desk on \(web.address):\(web.port)"
        if isLoopback(web.address) { return "\(place) listens on loopback only (a TLS proxy in front is not checked)" }
        return "\(place) listens beyond loopback with secure_cookies = \(web.secureCookies ? "yes" : "no")"
            + (web.secureCookies ? " (a TLS proxy in front is not checked)" : "")
    }

    static func deskProblem(_ web: WebSettings) -> String? {
        isLoopback(web.address) || web.secureCookies
            ? nil : "sign-in cookies would travel in clear: put nginx with TLS in front (README) and set secure_cookies = yes"
    }

    private static func isLoopback(_ address: String) -> Bool { FeedAddress.isLoopback(address) }

    /// What the links in messages will be: served at `[web] public_url`, or none (a mailto unsubscribe only).
    static func linksLine(_ configuration: Configuration) -> String {
        guard let url = configuration.web.publicURL else {
            return "warn links in messages: none, [web] public_url is not set; e-mails carry a mailto unsubscribe only "
                + "(no one-click unsubscribe, RFC 8058) and no cancel link"
        }
        let links = "links in messages at \(url)/u/… (one-click unsubscribe) and \(url)/r/… (cancel a registration)"
        return configuration.web.enabled ? "ok   " + links : "warn " + links + ", but [web] enabled = no: nothing serves them"
    }

    /// nil when the file is missing or readable by its owner and group only.
    private static func unprotected(_ path: String) -> String? {
        guard let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int else { return nil }
        return mode & 0o004 != 0 ? String(format: "mode %o lets everyone read it (chmod o-r)", mode) : nil
    }
}

extension Result where Failure == any Error {
    /// The error's description, or nil on success.
    var problem: String? {
        if case .failure(let error) = self { return "\(error)" }
        return nil
    }
}
