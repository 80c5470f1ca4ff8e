// TerritoryFile+Values: the checks a territory file gets once all its lines are read, and the
// Territory built from it: required keys, the département(s) and what defaults from them (holiday
// region, time zone), the phone countries, and whether each commune and QPV fits them.

import Foundation

extension TerritoryFile.Reader {
    /// The territory, or every problem of the file.
    mutating func territory() throws(FileProblems) -> Territory {
        let name = required("name")
        let departements = readDepartements()
        let region = readRegion(departements)
        let timeZone = readTimeZone(region)
        let phonePlan = readPhoneCountries()
        checkCommunes(departements)
        let neighbourhoods = checkNeighbourhoods()
        if communes.isEmpty { problem(0, "[communes] lists no commune: a territory has at least one") }
        guard problems.isEmpty, let name, let region, let first = departements.first else { throw FileProblems(problems) }
        return Territory(
            name: name, organiser: optional("organiser"), contract: optional("contract"), departement: first,
            timeZone: timeZone, holidayRegion: region, phonePlan: phonePlan, shuttleDestination: optional("shuttle_destination"),
            communes: communes.map(\.commune), neighbourhoods: neighbourhoods)
    }

    /// A key's value when given and not blank.
    func optional(_ key: String) -> String? {
        guard let value = values[key]?.value, !value.isEmpty else { return nil }
        return value
    }

    mutating func required(_ key: String) -> String? {
        guard let value = optional(key) else {
            problem(values[key]?.line ?? 0, "[territory] \(key) is required")
            return nil
        }
        return value
    }

    /// The declared départements, each a département code.
    mutating func readDepartements() -> [String] {
        guard let text = required("departement") else { return [] }
        let line = values["departement"]!.line
        var codes: [String] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).uppercased() }) {
            guard HolidayRegion(departement: part) != nil else {
                problem(line, "territory.departement: \"\(part)\" is not a département code (01 to 95, 2A, 2B, 971 to 974, 976)")
                return []
            }
            if !codes.contains(part) { codes.append(part) }
        }
        return codes
    }

    /// The holiday region: as written, or the départements' when they agree.
    mutating func readRegion(_ departements: [String]) -> HolidayRegion? {
        if let entry = values["holiday_region"] {
            guard let region = HolidayRegion(configurationWord: entry.value) else {
                let known = HolidayRegion.allCases.map(\.configurationWord).joined(separator: ", ")
                problem(entry.line, "territory.holiday_region: \"\(entry.value)\" is not a holiday region (known: \(known))")
                return nil
            }
            return region
        }
        let regions = Set(departements.compactMap { HolidayRegion(departement: $0) })
        guard regions.count <= 1 else {
            problem(values["departement"]!.line, "territory.departement: these départements have different holidays; set holiday_region")
            return nil
        }
        return regions.first
    }

    mutating func readTimeZone(_ region: HolidayRegion?) -> String? {
        guard let entry = values["time_zone"], !entry.value.isEmpty else { return region?.timeZoneIdentifier }
        guard TimeZone(identifier: entry.value) != nil else {
            problem(entry.line, "territory.time_zone: \"\(entry.value)\" is not a known time zone (e.g. Europe/Paris, Indian/Reunion)")
            return nil
        }
        return entry.value
    }

    /// France and its overseas codes, and the border countries named.
    mutating func readPhoneCountries() -> PhonePlan {
        guard let entry = values["phone_countries"] else { return .france }
        var border: [PhoneCountry] = []
        for part in entry.value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let digits = part.hasPrefix("+") ? String(part.dropFirst()) : part
            if PhonePlan.french.contains(where: { $0.callingCode == digits }) { continue }  // always read
            guard let country = PhoneCountry(borderCallingCode: part) else {
                let known = PhoneCountry.border.map { "+" + $0.callingCode }.joined(separator: ", ")
                problem(entry.line, "territory.phone_countries: \"\(part)\" is not a border country Relais knows (known: \(known))")
                continue
            }
            if !border.contains(country) { border.append(country) }
        }
        return PhonePlan(borderCountries: border)
    }

    /// Every commune's code lies in a declared département.
    mutating func checkCommunes(_ departements: [String]) {
        guard !departements.isEmpty else { return }
        for line in communes where !departements.contains(TerritoryFile.departement(ofCommune: line.commune.code)) {
            problem(
                line.line,
                "commune \(line.commune.code) (\(line.commune.name)) is in département "
                    + "\(TerritoryFile.departement(ofCommune: line.commune.code)), not in \(departements.joined(separator: ", "))")
        }
    }

    /// The QPVs, each in a commune of the file.
    mutating func checkNeighbourhoods() -> [PriorityNeighbourhood] {
        var result: [PriorityNeighbourhood] = []
        for line in neighbourhoods {
            guard let commune = communes.first(where: { $0.commune.code == line.communeCode })?.commune else {
                problem(line.line, "neighbourhood \(line.name): commune \(line.communeCode) is not in [communes]")
                continue
            }
            result.append(PriorityNeighbourhood(name: line.name, commune: commune.name, code: line.code))
        }
        return result
    }
}
