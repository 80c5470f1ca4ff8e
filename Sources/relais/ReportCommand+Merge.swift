// relais report merge: several territories' masked JSON reports summed into one, for a
// département or the ARS (RelaisReports' ReportMerge says how masked cells stay masked). It needs
// no installation: no configuration, territory or database is read, only the files it is given.

import Foundation
import RelaisCore
import RelaisReports

extension ReportCommand {
    static let mergeHelp = """
        relais report merge A.json B.json [C.json ...] [--output FILE]

        Merges the masked JSON reports of several territories (each made with
        relais report all --format json, without --unmasked) into one of the same shape: counts
        published by every territory are added; a count masked in any territory stays masked
        (primary "< 11" over secondary "s"), so the merge never reveals a masked count; rows and
        columns only one territory has (its communes, its QPVs) are kept as it gives them;
        percentages are left out (recompute them from the counts). The reports must cover the
        same period, with the same small-count limit and age threshold; unmasked reports are
        refused. The merge can itself be merged again.

        Example (one instance per territory, /etc/relais/NAME/relais.conf):
          relais --config /etc/relais/north/relais.conf report all --year 2027 \\
              --format json --output north.json
          relais --config /etc/relais/south/relais.conf report all --year 2027 \\
              --format json --output south.json
          relais report merge north.json south.json --output departement-2027.json
        """

    /// `relais report merge FILE... [--output FILE]`, run without a Context (main.swift).
    static func merge(_ words: [String]) throws {
        let arguments = try Arguments(words, options: ["output"], flags: [])
        let names = Array(arguments.positional.dropFirst())
        let limits = TextLimits(maximumFileBytes: Configuration().maximumFileBytes)
        var files: [(name: String, text: String)] = []
        for name in names { files.append((name, try Context.readText(name, limits: limits))) }
        let merged: String
        do {
            merged = try ReportMerge.merge(files, generatedAt: ISO8601DateFormatter().string(from: Date()))
        } catch .tooFew {
            throw UserError.usage(mergeWords(.tooFew))
        } catch {
            throw UserError.data(mergeWords(error))
        }
        guard let output = try arguments.value("output") else { return print(merged, terminator: "") }
        do {
            try Data(merged.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw UserError.cannotCreate("\(output): cannot be written (\(error.localizedDescription))")
        }
        print("merged report of \(files.count) reports written to \(output)")
    }

    static func mergeWords(_ refusal: ReportMergeRefusal) -> String {
        switch refusal {
        case .tooFew: "relais report merge needs at least two JSON reports (relais report --help)"
        case .notAReport(let file, let field):
            "\(file): not a report from relais report --format json (\(field) is missing or unreadable)"
        case .unmasked(let file):
            "\(file): an unmasked (confidential) report cannot be merged; make it again without --unmasked"
        case .differs(let file, let field, let first, let this):
            "\(file): its \(field) (\(this)) differs from the first report's (\(first)); merge reports of the same \(field)"
        }
    }
}
