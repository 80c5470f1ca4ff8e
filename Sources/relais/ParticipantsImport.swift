// relais participants import: a CCAS's spreadsheet of residents, all lines or none.

import Foundation
import RelaisCore
import RelaisStore

enum ParticipantsImport {
    /// The columns a file may have; name and commune are required.
    static let columns: Set<String> = ["name", "commune", "phone", "email", "birth_year", "language", "consent", "consent_source"]

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: ["consent-source", "occurrence"], flags: ["json", "allow-duplicate"])
        try arguments.expectPositional(
            atMost: 1, usage: "relais participants import FILE.csv [--consent-source TEXT] [--occurrence ID] [--allow-duplicate]")
        guard let path = arguments.positional.first else { throw UserError.usage("participants import needs a CSV file") }
        let text = try Context.readText(path, limits: context.textLimits)
        let records: [CSVRecord]
        do { records = try CSVTable.parse(text) } catch { throw UserError.data("\(path):\(error.line): \(error.reason)") }
        guard let header = records.first else { throw UserError.data("\(path): the file is empty; it needs a header line") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_") }
        for (index, name) in names.enumerated() where !columns.contains(name) {
            throw UserError.data(
                "\(path):\(header.line): column \(index + 1) \"\(name)\" is not one of \(columns.sorted().joined(separator: ", "))")
        }
        for required in ["name", "commune"] where !names.contains(required) {
            throw UserError.data("\(path):\(header.line): the header has no \(required) column")
        }
        let defaultConsentSource = try arguments.value("consent-source")
        var people: [NewParticipant] = []
        for record in records.dropFirst() {
            guard record.fields.count == names.count else {
                throw UserError.data("\(path):\(record.line): \(record.fields.count) fields where the header has \(names.count)")
            }
            let field = Dictionary(uniqueKeysWithValues: zip(names, record.fields))
            let form = ParticipantForm(
                name: field["name"] ?? "", phone: field["phone"], email: field["email"], commune: field["commune"] ?? "",
                birthYear: field["birth_year"], language: field["language"],
                consentedChannels: (field["consent"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == "+" }).map(String.init),
                consentSource: field["consent_source"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultConsentSource)
            do {
                people.append(try form.validated(territory: context.territory, now: context.now, calendar: context.localTime.calendar))
            } catch {
                throw UserError.data("\(path):\(record.line): \(problem(error)); nothing imported")
            }
        }
        let occurrence = try arguments.identifier("occurrence")
        let ids: [Int64]
        do {
            ids = try context.store().add(
                people, now: context.now, registeringTo: occurrence, source: "import \(URL(fileURLWithPath: path).lastPathComponent)",
                rules: context.configuration.outreachRules, calendar: context.localTime.calendar,
                duplicates: arguments.flag("allow-duplicate") ? .allow : .refuse(viewer: nil))
        } catch let refused as RefusedPerson {
            let line = records[refused.index + 1].line
            guard let earlier = refused.sameAs, case .resident(let refusal) = refused.refusal else {
                throw UserError.data("\(path):\(line): \(problem(refused.refusal)); nothing imported")
            }
            let what = refusal.field == .email ? "e-mail address" : "phone number"
            throw UserError.data(
                "\(path):\(line): \(refusal.field?.rawValue ?? "phone"): line \(records[earlier + 1].line) has the same \(what); "
                    + "--allow-duplicate imports both; nothing imported")
        } catch let refusal as Refusal {
            // Registering them to --occurrence refused (cancelled, started, unknown): the whole file is refused.
            throw UserError.data("\(path): \(RefusalText.words(refusal, context.localTime)); nothing imported")
        }
        if arguments.flag("json") {
            Output.json(["imported": ids.count, "ids": ids])
        } else {
            print(
                "\(ids.count) participants imported from \(path)" + (ids.isEmpty ? "" : " (ids \(ids.first!) to \(ids.last!))")
                    + (occurrence.map { " and registered to occurrence \($0)" } ?? ""))
        }
    }

    /// A refused resident as `column: reason` (the CSV's column names are the refusals' fields).
    static func problem(_ refusal: Refusal) -> String {
        guard case .resident(let resident) = refusal else { return "\(refusal.code)" }
        return "\(resident.field?.rawValue ?? "name"): \(RefusalText.reason(resident))"
    }
}
