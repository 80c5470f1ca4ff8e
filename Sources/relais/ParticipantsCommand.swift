// relais participants add|list|show|forget (import is in ParticipantsImport.swift).

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

enum ParticipantsCommand {
    static let help = """
        relais participants add --name NAME --commune COMMUNE [--phone PHONE] [--email EMAIL]
                                [--birth-year YYYY] [--language fr|en]
                                [--consent sms|email ... --consent-source TEXT] [--allow-duplicate]
        relais participants import FILE.csv [--consent-source TEXT] [--occurrence ID] [--allow-duplicate]
        relais participants list [--commune COMMUNE] [--json]
        relais participants show ID [--json]
        relais participants forget ID

        Registers the people Relais may write to, with the minimum it needs. Phones are read as
        people type them: "06 12 34 56 78" and "+33 6..." are French; a Swiss number needs +41 or
        0041. Consent is per channel, with where it was collected (--consent-source).
        A person with the phone number or e-mail address of a participant already registered is
        refused, naming that participant; --allow-duplicate records them anyway (a couple sharing
        one phone). For import, the flag covers the whole file, whose lines are checked against
        each other too.
        import reads a CSV with a header line; columns: name, commune, phone, email, birth_year,
        language, consent (e.g. "sms,email" or "sms email"), consent_source. The whole file is
        checked first; one bad line refuses the file with its line and column, and nothing is added.
        With --occurrence, everyone imported is also registered to that occurrence (a sign-up
        sheet), with their reminders planned, in the same transaction.
        forget erases a person (GDPR): their record and consents; their registrations stay as
        anonymous counts.

        Example:
          relais participants add --name "Jeanne Martin" --commune "$COMMUNE" --phone "06 12 34 56 78" \\
              --birth-year 1952 --consent sms --consent-source "CCAS, formulaire papier"
          relais participants show 1
        """

    static func run(_ words: [String], _ context: Context) throws {
        guard let action = words.first else { throw UserError.usage("participants needs an action\n\n\(help)") }
        let rest = Array(words.dropFirst())
        switch action {
        case "add": try add(rest, context)
        case "import": try ParticipantsImport.run(rest, context)
        case "list": try list(rest, context)
        case "show": try show(rest, context)
        case "forget": try forget(rest, context)
        default: throw UserError.usage("unknown participants action \"\(action)\"\n\n\(help)")
        }
    }

    private static func add(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: ["name", "commune", "phone", "email", "birth-year", "language", "consent", "consent-source"],
            flags: ["json", "allow-duplicate"])
        try arguments.expectPositional(atMost: 0, usage: "relais participants add --name NAME --commune COMMUNE ...")
        guard let name = try arguments.value("name") else { throw UserError.usage("participants add needs --name") }
        guard let commune = try arguments.value("commune") else { throw UserError.usage("participants add needs --commune") }
        let form = ParticipantForm(
            name: name, phone: try arguments.value("phone"), email: try arguments.value("email"), commune: commune,
            birthYear: try arguments.value("birth-year"), language: try arguments.value("language"),
            consentedChannels: arguments.all("consent"), consentSource: try arguments.value("consent-source"))
        let person = try form.validated(territory: context.territory, now: context.now, calendar: context.localTime.calendar)
        let id: Int64
        do {
            id = try context.store().add(
                [person], now: context.now, duplicates: arguments.flag("allow-duplicate") ? .allow : .refuse(viewer: nil))[0]
        } catch let refused as RefusedPerson {
            throw refused.refusal
        }
        if arguments.flag("json") { Output.json(["id": id]) } else { print("participant \(id) added") }
    }

    private static func list(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: ["commune"], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais participants list [--commune COMMUNE] [--json]")
        var code: String?
        if let typed = try arguments.value("commune") {
            guard let commune = context.territory.commune(named: typed) else {
                throw UserError.data("--commune: \"\(typed)\" is not a commune of \(context.territory.name)")
            }
            code = commune.code
        }
        let store = try context.store()
        let people = try store.participants(commune: code)
        if arguments.flag("json") {
            Output.json(people.map { ResidentJSON($0, territory: context.territory, localTime: context.localTime) })
            return
        }
        if people.isEmpty {
            print("No participant.")
            return
        }
        let known = try store.storedCommuneNames()
        Output.table(
            ["ID", "NAME", "COMMUNE", "PHONE", "EMAIL", "LANG", "CONSENT"],
            people.map { person in
                [
                    String(person.id), person.name, context.territory.communeName(code: person.commune, known: known), person.phone ?? "-",
                    person.email ?? "-", person.language.rawValue,
                    person.consents.filter(\.granted).map(\.channel.rawValue).joined(separator: ",").ifEmpty("none"),
                ]
            })
    }

    private static func show(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: ["json"])
        let id = try identifier(arguments, usage: "relais participants show ID [--json]")
        let store = try context.store()
        guard let person = try store.participant(id: id) else { throw UserError.data("no participant \(id)") }
        let registrations = try store.registrations(of: id)
        if arguments.flag("json") {
            Output.json(
                ResidentRecordJSON(person, registrations: registrations, territory: context.territory, localTime: context.localTime))
            return
        }
        print("Participant \(person.id): \(person.name)")
        print("  commune     \(context.territory.communeName(code: person.commune, known: try store.storedCommuneNames()))")
        print("  phone       \(person.phone ?? "-")")
        print("  e-mail      \(person.email ?? "-")")
        print("  birth year  \(person.birthYear.map(String.init) ?? "-")")
        print("  language    \(person.language.rawValue)")
        for consent in person.consents {
            let state = consent.granted ? "given" : "withdrawn"
            print("  consent     \(consent.channel.rawValue) \(state) on \(context.localTime.day(consent.recordedAt)) (\(consent.source))")
        }
        if person.consents.isEmpty { print("  consent     none: Relais will not write to this person") }
        if registrations.isEmpty {
            print("  No registration.")
            return
        }
        print("  Registrations:")
        for registration in registrations {
            let occurrence = registration.occurrence
            let attended =
                registration.attendedAt != nil ? ", attended" : registration.status == .confirmed ? "" : ", \(registration.status.rawValue)"
            print(
                "    #\(occurrence.id) \(context.localTime.short(occurrence.start)) \(occurrence.summary) (\(occurrence.status.rawValue)\(attended))"
            )
        }
    }

    private static func forget(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: [])
        let id = try identifier(arguments, usage: "relais participants forget ID")
        guard try context.store().forget(participant: id, now: context.now, shuttle: TransportCommand.shuttleContext(context)) else {
            throw UserError.data("no participant \(id)")
        }
        print(
            "participant \(id) forgotten: record and consents erased, past registrations kept as anonymous counts, upcoming ones and shuttle bookings cancelled"
        )
    }

    private static func identifier(_ arguments: Arguments, usage: String) throws -> Int64 {
        try arguments.expectPositional(atMost: 1, usage: usage)
        guard let text = arguments.positional.first else { throw UserError.usage("usage: \(usage)") }
        guard let id = Int64(text), id > 0 else { throw UserError.usage("\"\(text)\" is not a participant id") }
        return id
    }

}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
