// TerritoryFile: reads a territory file (Config/territories/NAME.conf) into the Territory Relais serves.
//
// The file has relais.conf's syntax (INIText) and three sections:
//
//   [territory]      name, organiser, contract, departement (one code, or several separated by
//                    commas), time_zone (default: the holiday region's), holiday_region (default:
//                    the first département's, HolidayRegion(departement:)), shuttle_destination
//                    (optional), phone_countries (border countries, e.g. "+41, +49"; France and its
//                    overseas codes are always read)
//   [communes]       one line per commune: `INSEE code = Name | short name | short name`
//   [neighbourhoods] one line per QPV: `Name = commune's INSEE code | national QPV code (optional)`
//
// Every line is checked and every problem is reported at once, each with the file and its line:
// unknown sections and keys, values given twice, malformed INSEE codes (2 digits, or 2A/2B, then 3
// digits; 97x then 2 digits overseas), communes outside the declared départements, two communes one
// name designates, a QPV in a commune the file does not list. Pure: the caller reads the file.

import Foundation

/// The reader of territory files.
public enum TerritoryFile {
    /// The keys of `[territory]`.
    public static let territoryKeys = [
        "name", "organiser", "contract", "departement", "time_zone", "holiday_region", "shuttle_destination", "phone_countries",
    ]
    /// The sections a territory file may have.
    public static let sections = ["territory", "communes", "neighbourhoods"]

    /// The territory `text` describes, or every problem found in it.
    public static func parse(_ text: String, fileName: String) throws(FileProblems) -> Territory {
        var reader = Reader(fileName: fileName)
        for line in INIText.lines(text) { reader.read(line) }
        return try reader.territory()
    }

    /// Whether `code` has the form of an INSEE commune code: 2 digits (or 2A, 2B) then 3 digits.
    public static func isCommuneCode(_ code: String) -> Bool {
        let characters = Array(code)
        guard characters.count == 5, characters.allSatisfy(\.isASCII) else { return false }
        let digits = { (range: Range<Int>) in characters[range].allSatisfy(\.isNumber) }
        return (digits(0..<2) || code.hasPrefix("2A") || code.hasPrefix("2B")) && digits(2..<5)
    }

    /// The département a commune code belongs to: its first three characters overseas (97x), else two.
    public static func departement(ofCommune code: String) -> String {
        code.hasPrefix("97") ? String(code.prefix(3)) : String(code.prefix(2))
    }

    /// Whether `code` has the form of a national QPV code (QN or QP, then six letters or digits).
    static func isNeighbourhoodCode(_ code: String) -> Bool {
        code.count == 8 && (code.hasPrefix("QN") || code.hasPrefix("QP"))
            && code.dropFirst(2).allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
    }
}

extension TerritoryFile {
    /// A commune line read, with its line for the checks made once the whole file is read.
    struct CommuneLine {
        var commune: Commune
        var line: Int
    }

    /// A neighbourhood line read.
    struct NeighbourhoodLine {
        var name: String
        var communeCode: String
        var code: String?
        var line: Int
    }

    /// Gathers the file's values and its problems, line by line.
    struct Reader {
        let fileName: String
        var problems: [FileError] = []
        var section: String?
        var values: [String: (value: String, line: Int)] = [:]
        var communes: [CommuneLine] = []
        var neighbourhoods: [NeighbourhoodLine] = []

        init(fileName: String) { self.fileName = fileName }

        mutating func problem(_ line: Int, _ reason: String) {
            problems.append(FileError(fileName: fileName, line: line, reason: reason))
        }

        mutating func read(_ line: INILine) {
            switch line {
            case .malformed(let reason, let number):
                problem(number, reason)
            case .section(let name, let number):
                section = name
                if !TerritoryFile.sections.contains(name) {
                    problem(number, "unknown section [\(name)] (known: \(TerritoryFile.sections.joined(separator: ", ")))")
                }
            case .entry(let section, let key, let value, let number):
                switch section {
                case nil: problem(number, "\(key) must come after a [section]")
                case "territory": readSetting(key, value, number)
                case "communes": readCommune(key, value, number)
                case "neighbourhoods": readNeighbourhood(key, value, number)
                default: break  // the unknown section was said once, at its header
                }
            }
        }

        mutating func readSetting(_ key: String, _ value: String, _ line: Int) {
            guard TerritoryFile.territoryKeys.contains(key) else {
                problem(line, "unknown key \(key) in [territory] (known: \(TerritoryFile.territoryKeys.joined(separator: ", ")))")
                return
            }
            if let first = values[key] {
                problem(line, "territory.\(key) is given twice (first on line \(first.line))")
                return
            }
            values[key] = (value, line)
        }

        mutating func readCommune(_ code: String, _ value: String, _ line: Int) {
            guard TerritoryFile.isCommuneCode(code) else {
                problem(line, "\"\(code)\" is not an INSEE commune code (5 characters: 2 digits or 2A/2B, then 3 digits; 97x overseas)")
                return
            }
            if let first = communes.first(where: { $0.commune.code == code }) {
                problem(line, "commune \(code) is given twice (first on line \(first.line))")
                return
            }
            let names = value.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = names.first, !name.isEmpty, names.allSatisfy({ !Territory.slug($0).isEmpty }) else {
                problem(line, "commune \(code) needs a name, then optional short names: 38421 = Saint-Martin-d'Hères | St Martin")
                return
            }
            let commune = Commune(name: name, code: code, aliases: Array(names.dropFirst()))
            for typed in [commune.slug] + commune.aliases {
                if let other = communes.first(where: { $0.commune.slug == typed || $0.commune.aliases.contains(typed) }) {
                    problem(line, "the name \"\(typed)\" already designates commune \(other.commune.code) (line \(other.line))")
                    return
                }
            }
            communes.append(CommuneLine(commune: commune, line: line))
        }

        mutating func readNeighbourhood(_ name: String, _ value: String, _ line: Int) {
            let parts = value.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !Territory.slug(name).isEmpty, (1...2).contains(parts.count), TerritoryFile.isCommuneCode(parts[0]) else {
                problem(line, "a neighbourhood is written: Name = commune's INSEE code, then optionally | its QPV code (QN…)")
                return
            }
            let code = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
            if let code, !TerritoryFile.isNeighbourhoodCode(code) {
                problem(line, "\"\(code)\" is not a QPV code (QN or QP, then six letters or digits, e.g. QN00101M)")
                return
            }
            if let first = neighbourhoods.first(where: { Territory.slug($0.name) == Territory.slug(name) }) {
                problem(line, "neighbourhood \(name) is given twice (first on line \(first.line))")
                return
            }
            neighbourhoods.append(NeighbourhoodLine(name: name, communeCode: parts[0], code: code, line: line))
        }
    }
}
