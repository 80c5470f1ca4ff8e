// TerritoryNeutralSourcesTests: nothing territory-specific in Swift code. Every .swift file under
// Sources/ is read, and any whole-word mention of a commune of a shipped territory, or of the
// organisers' names, fails the test with its file and line: names, titles, destinations and
// senders come from the territory (its file), never from the code.
//
// The names are a fixed list for now: the 27 communes of Pays de Gex and the 18 of the CPTS du
// Haut-Chablais (INSEE's Code officiel géographique 2026), then the organisers. Once the territory
// files (Config/territories/*.conf) are merged, the list should be read from them.
//
// A name matches case aside, as written (accents kept) and with its accents folded ("Evian-les-Bains"),
// between characters that are not letters or digits (so `ccas:gex`, `Territory.paysDeGex` and
// `Pays-de-Gex` match; "Gexois" does not). Names that are also ordinary words — Publier (to
// publish), Novel, Marin (sailor) — match only capitalised.

import Foundation
import Testing

@Suite struct TerritoryNeutralSourcesTests {
    static let paysDeGexCommunes = [
        "Cessy", "Challex", "Chevry", "Chézery-Forens", "Collonges", "Crozet", "Divonne-les-Bains", "Échenevex", "Farges",
        "Ferney-Voltaire", "Gex", "Grilly", "Léaz", "Lélex", "Mijoux", "Ornex", "Péron", "Pougny", "Prévessin-Moëns",
        "Saint-Genis-Pouilly", "Saint-Jean-de-Gonville", "Sauverny", "Ségny", "Sergy", "Thoiry", "Versonnex", "Vesancy",
    ]
    static let hautChablaisCommunes = [
        "Bernex", "Champanges", "Chevenoz", "Évian-les-Bains", "Féternes", "Thollon-les-Mémises", "Saint-Gingolph", "Novel",
        "Meillerie", "Lugrin", "Saint-Paul-en-Chablais", "Maxilly-sur-Léman", "Neuvecelle", "Larringes", "Publier", "Vinzier",
        "Marin", "Thonon-les-Bains",
    ]
    static let organisers = ["Pays de Gex", "Haut-Chablais", "Bourg-en-Bresse", "PaysDeGex"]
    /// Names that are also ordinary words, matched only as written (capitalised).
    static let ordinaryWords: Set<String> = ["Publier", "Novel", "Marin"]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func noSourceFileNamesACommuneOrAnOrganiserOfAShippedTerritory() throws {
        let swift = try Self.files(under: "Sources", ending: "swift")
        #expect(swift.count > 100, "the sources were found")
        // The shipped templates too: every message is signed {{territory}}, never a name.
        let templates = try Self.files(under: "Config/templates", ending: "txt")
        #expect(templates.count > 40, "the templates were found")
        let sources = swift + templates
        var mentions: [String] = []
        for path in sources {
            let text = try String(contentsOf: Self.repository.appendingPathComponent(path), encoding: .utf8)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for name in Self.names where Self.mentions(String(line), name) {
                    mentions.append("\(path):\(index + 1): \(name)")
                }
            }
        }
        #expect(
            mentions.isEmpty, "territory names in Swift code (take them from the Territory value):\n\(mentions.joined(separator: "\n"))")
    }

    @Test func theMatchIsWholeWordCaseAsideAndAccentsFolded() {
        #expect(Self.mentions("scope ccas:gex", "Gex"))
        #expect(Self.mentions("territory: .paysDeGex)", "PaysDeGex"))
        #expect(Self.mentions("Maison du Pays-de-Gex", "Gex"))
        #expect(Self.mentions("Navette vers EVIAN-LES-BAINS", "Évian-les-Bains"))
        #expect(!Self.mentions("les Gexois", "Gex"))
        #expect(!Self.mentions("aucun indicateur à publier", "Publier"))
        #expect(Self.mentions("Mairie de Publier", "Publier"))
    }

    static var names: [String] { paysDeGexCommunes + hautChablaisCommunes + organisers }

    /// Whether `line` mentions `name` as a whole word (see the file's header).
    static func mentions(_ line: String, _ name: String) -> Bool {
        let options: String.CompareOptions = ordinaryWords.contains(name) ? [] : [.caseInsensitive]
        let folded = name.folding(options: .diacriticInsensitive, locale: nil)
        return [name, folded].contains { form in
            var searched = line.startIndex..<line.endIndex
            while let found = line.range(of: form, options: options, range: searched) {
                let before = found.lowerBound == line.startIndex ? nil : line[line.index(before: found.lowerBound)]
                let after = found.upperBound == line.endIndex ? nil : line[found.upperBound]
                if !(before?.isLetter ?? false) && !(before?.isNumber ?? false) && !(after?.isLetter ?? false)
                    && !(after?.isNumber ?? false)
                {
                    return true
                }
                searched = found.upperBound..<line.endIndex
            }
            return false
        }
    }

    /// Every .swift file under `folder`, as a path from the repository.
    static func files(under folder: String, ending suffix: String) throws -> [String] {
        let root = repository.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == suffix }
            .map { folder + "/" + $0.path.dropFirst(root.path.count + 1) }.sorted()
    }
}
