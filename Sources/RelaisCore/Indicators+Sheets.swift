// Indicators+Sheets: FA 11, FA 12 and FA 14, as the contract words their indicators.
//
// FA 11, from the shuttle's bookings (RelaisStore's shuttle tables):
//   people transported to the EPS: bookings recorded as completed after the run;
//   « trajets »: runs that left in the period with at least one passenger;
//   « Nombre de situations traitées »: every booking a CCAS made for the period's runs, whatever
//     became of it, per CCAS (the commune of the resident), split by outcome.
// A database without the shuttle tables gives "not available" rather than counting shuttle
// registrations as something they are not.
// FA 12: the events of the sheet (around 8 March) and their participants, per event.
// FA 14:
//   « Nombre de jeunes touchés par les actions de sensibilisation »: presences of people under 26
//     (or 18) at the FA 14 events with the category awareness, by the age group kept on each
//     registration (age in the year of the session, from the birth year);
//   « Nombre d'espaces sans tabac »: distinct places (LOCATION, else the event) of the FA 14
//     events labelled "Espace sans tabac" (a CATEGORIES word) with a session held;
//   « Nombre d'actions de prévention »: sessions held of the FA 14 events;
//   « Nombre de participants au mois sans tabac »: presences at the FA 14 events labelled
//     "Mois sans tabac" (a person at three workshops is three participations: a forgotten person
//     cannot be told apart from another).

import Foundation

extension ReportBuilder {
    // MARK: - FA 11

    /// " (destination : <the territory's shuttle destination>)", or nothing when the territory names none.
    var shuttleDestination: String { options.territory.shuttleDestination.map { " (destination : \($0))" } ?? "" }

    mutating func fa11() -> ReportSection<IndicatorValue> {
        let title = "FA 11 — Améliorer le parcours de santé des populations fragiles et précaires"
        guard let transport = data.transport else {
            return ReportSection(
                id: .fa11, title: title,
                unavailable:
                    "Non disponible : cette base ne contient pas les réservations de la navette\(shuttleDestination). Les personnes transportées, les trajets et le « nombre de situations traitées » par CCAS ne peuvent pas être comptés."
            )
        }
        let byCCAS = transportTable(transport)
        let total = byCCAS.rows.last!.values
        let companions = transport.byCommune.reduce(0) { $0 + $1.companions }
        let summary = ReportTable<IndicatorValue>(
            id: "fa11-indicateurs", title: "Indicateurs de la fiche action", rowHeading: "Indicateur",
            columns: [ReportColumn(id: "valeur", label: "Valeur")],
            rows: [
                ReportRow(
                    id: "personnes-transportees", label: "Personnes transportées par la navette\(shuttleDestination)", values: [total[0]]),
                ReportRow(
                    id: "accompagnants", label: "Accompagnants transportés avec elles",
                    values: [people("transport|companions|all", value: companions)]),
                ReportRow(
                    id: "trajets", label: "Nombre de trajets (navettes parties avec au moins un passager)",
                    values: [.count(transport.runsWithPassengers)]),
                ReportRow(id: "navettes", label: "Navettes parties (non annulées)", values: [.count(transport.runs)]),
                ReportRow(id: "situations-traitees", label: "Nombre de situations traitées", values: [total[5]]),
            ])
        return ReportSection(
            id: .fa11, title: title,
            notes: [
                "Personnes transportées : réservations soldées « effectuées » par la coordination après la navette ; une réservation confirmée non soldée n'est pas comptée comme transportée.",
                "Situations traitées : toutes les réservations prises par un CCAS pour les navettes de la période, quelle qu'en soit l'issue ; le CCAS est celui de la commune de la personne.",
            ],
            tables: [summary, byCCAS])
    }

    /// Bookings per CCAS and status, with the row and column totals: a table with both margins.
    private mutating func transportTable(_ transport: TransportData) -> ReportTable<IndicatorValue> {
        let statuses: [(id: String, label: String, count: (TransportTally) -> Int)] = [
            ("transportees", "Transportées", \.completed), ("absentes", "Absentes", \.noShow), ("annulees", "Annulées", \.cancelled),
            ("liste-d-attente", "Restées en liste d'attente", \.waitlisted), ("confirmees", "Confirmées, non soldées", \.confirmed),
        ]
        let order = sortedByName(transport.byCommune.map(\.commune))
        let tallies = transport.byCommune.filter { $0.situations > 0 }
            .sorted { (order.firstIndex(of: $0.commune) ?? 0) < (order.firstIndex(of: $1.commune) ?? 0) }
        var rows: [ReportRow<IndicatorValue>] = []
        for tally in tallies + [TransportTally(commune: "")] {
            let isTotal = tally.commune.isEmpty
            let scope = isTotal ? "all" : communeRowID(tally.commune)
            var values = statuses.map { status in
                people(
                    "transport|\(status.id)|\(scope)", value: isTotal ? tallies.reduce(0) { $0 + status.count($1) } : status.count(tally))
            }
            let situations = people(
                "transport|situations|\(scope)", value: isTotal ? tallies.reduce(0) { $0 + $1.situations } : tally.situations)
            relate(situations, values)
            values.append(situations)
            rows.append(
                ReportRow(
                    id: isTotal ? "total" : communeRowID(tally.commune), label: isTotal ? "Total" : "CCAS de \(communeName(tally.commune))",
                    values: values, isTotal: isTotal, communeCode: isTotal ? nil : tally.commune))
        }
        relateColumns(total: rows.last!, rows: Array(rows.dropLast()))
        return ReportTable(
            id: "fa11-situations-par-ccas", title: "Situations traitées par CCAS", rowHeading: "CCAS",
            columns: statuses.map { ReportColumn(id: $0.id, label: $0.label) } + [
                ReportColumn(id: "situations", label: "Situations traitées")
            ],
            rows: rows)
    }

    // MARK: - FA 12

    mutating func fa12() -> ReportSection<IndicatorValue> {
        let chosen = events.filter { $0.actionSheets.contains(12) }
        let summary = ReportTable<IndicatorValue>(
            id: "fa12-indicateurs", title: "Évènements autour du 8 mars et participants", rowHeading: "Indicateur",
            columns: [ReportColumn(id: "valeur", label: "Valeur")],
            rows: [
                ReportRow(id: "actions", label: "Nombre d'actions (évènements distincts)", values: [.count(chosen.count)]),
                ReportRow(id: "seances", label: "Nombre de séances tenues", values: [.count(sessions(chosen))]),
                ReportRow(id: "inscriptions", label: "Inscriptions", values: [people(.registered, chosen)]),
                ReportRow(id: "presences", label: "Participants présents", values: [people(.attended, chosen)]),
            ])
        return ReportSection(
            id: .fa12, title: "FA 12 — Améliorer la prise en charge des femmes et enfants victimes de violences intra-familiales",
            notes: ["Les évènements de la fiche 12 : journée des droits des femmes du 8 mars, sensibilisation, formations, permanences."],
            tables: [summary, perEvent(chosen, id: "fa12")])
    }

    // MARK: - FA 14

    mutating func fa14() -> ReportSection<IndicatorValue> {
        let sheet = events.filter { $0.actionSheets.contains(14) }
        let awareness = sheet.filter { $0.categories.contains(.awareness) }
        var labels = LabelSlugs()
        let spaces = sheet.filter { labels.event($0, isLabelled: "Espace sans tabac") }
        let moisSansTabac = sheet.filter { labels.event($0, isLabelled: "Mois sans tabac") }
        let places = Set(spaces.map { Territory.slug($0.location ?? $0.uid) })
        let young = youngTable(awareness)
        let youngTotal = young.rows.last!.values[1]
        let summary = ReportTable<IndicatorValue>(
            id: "fa14-indicateurs", title: "Indicateurs de la fiche action", rowHeading: "Indicateur",
            columns: [ReportColumn(id: "valeur", label: "Valeur")],
            rows: [
                ReportRow(id: "jeunes-touches", label: "Nombre de jeunes touchés par les actions de sensibilisation", values: [youngTotal]),
                ReportRow(id: "espaces-sans-tabac", label: "Nombre d'espaces sans tabac", values: [.count(places.count)]),
                ReportRow(id: "actions-de-prevention", label: "Nombre d'actions de prévention", values: [.count(sessions(sheet))]),
                ReportRow(
                    id: "participants-mois-sans-tabac", label: "Nombre de participants au mois sans tabac",
                    values: [people(.attended, moisSansTabac)]),
                ReportRow(
                    id: "inscrits-mois-sans-tabac", label: "Inscriptions au mois sans tabac", values: [people(.registered, moisSansTabac)]),
            ])
        return ReportSection(
            id: .fa14, title: "FA 14 — Lutter contre les conduites à risques et addictives",
            notes: [
                "Jeunes touchés : personnes de moins de \(options.youngUnder) ans présentes aux actions de sensibilisation de la fiche 14 (âge dans l'année de la séance, d'après l'année de naissance).",
                "Espaces sans tabac : lieux distincts des évènements « Espace sans tabac » tenus sur la période.",
                "Actions de prévention : séances tenues des évènements de la fiche 14.",
                "Participants au mois sans tabac : présences aux évènements « Mois sans tabac » ; une personne venue à trois ateliers compte trois fois.",
            ],
            tables: [summary, young, preventionByMonth(sheet), spacesTable(spaces)])
    }

    /// Young people at the awareness actions, by age group, registered and present.
    private mutating func youngTable(_ awareness: [IndicatorEvent]) -> ReportTable<IndicatorValue> {
        let bands = options.youngUnder >= 26 ? [("0-17", "Moins de 18 ans"), ("18-25", "De 18 à 25 ans")] : [("0-17", "Moins de 18 ans")]
        var rows: [ReportRow<IndicatorValue>] = []
        for (band, label) in bands {
            let registered = awareness.reduce(0) { $0 + ($1.people.registeredByAgeGroup[band] ?? 0) }
            let attended = awareness.reduce(0) { $0 + ($1.people.attendedByAgeGroup[band] ?? 0) }
            rows.append(
                ReportRow(
                    id: band, label: label,
                    values: [
                        people("registered-age-\(band)", over: awareness, value: registered),
                        people("attended-age-\(band)", over: awareness, value: attended),
                    ]))
        }
        if rows.count > 1 {
            let total = ReportRow<IndicatorValue>(
                id: "total", label: "Total, moins de \(options.youngUnder) ans",
                values: (0..<2).map { column in
                    let name = column == 0 ? "registered" : "attended"
                    let sum = rows.reduce(0) { sum, row in if case .people(let value, _) = row.values[column] { sum + value } else { sum } }
                    return people("\(name)-under-\(options.youngUnder)", over: awareness, value: sum)
                }, isTotal: true)
            relateColumns(total: total, rows: rows)
            rows.append(total)
        }
        return ReportTable(
            id: "fa14-jeunes", title: "Jeunes touchés par les actions de sensibilisation, par âge", rowHeading: "Âge",
            columns: [ReportColumn(id: "inscrits", label: "Inscrits"), ReportColumn(id: "presents", label: "Présents")], rows: rows,
            note:
                "Relais garde la tranche d'âge de chaque inscription (0-17, 18-25, 26-49...) et non l'âge : le seuil ne peut être que 18 ou 26 ans."
        )
    }

    private func preventionByMonth(_ sheet: [IndicatorEvent]) -> ReportTable<IndicatorValue> {
        let months = sessionsByMonth(sheet)
        let rows = months.map { entry -> ReportRow<IndicatorValue> in
            let parts = options.calendar.dateComponents([.year, .month], from: entry.month)
            let awareness = entry.sessions.filter { $0.event.categories.contains(.awareness) }.count
            return ReportRow(
                id: String(format: "%04d-%02d", parts.year!, parts.month!), label: monthName(entry.month),
                values: [.count(entry.sessions.count), .count(awareness)])
        }
        let total = ReportRow<IndicatorValue>(
            id: "total", label: "Total",
            values: [.count(sessions(sheet)), .count(sessions(sheet.filter { $0.categories.contains(.awareness) }))], isTotal: true)
        return ReportTable(
            id: "fa14-par-mois", title: "Actions de prévention par mois", rowHeading: "Mois",
            columns: [ReportColumn(id: "seances", label: "Séances"), ReportColumn(id: "sensibilisation", label: "dont sensibilisation")],
            rows: rows + [total], chart: ReportChart(column: "seances", isTimeline: true))
    }

    private func spacesTable(_ spaces: [IndicatorEvent]) -> ReportTable<IndicatorValue> {
        let rows = spaces.sorted { ($0.sessions.first ?? .distantPast, $0.uid) < ($1.sessions.first ?? .distantPast, $1.uid) }.map {
            event in
            ReportRow<IndicatorValue>(
                id: event.uid, label: event.location ?? event.summary,
                values: [.text(communeName(event.commune)), .text(event.sessions.first.map(shortDate) ?? "")],
                communeCode: event.commune)
        }
        return ReportTable(
            id: "fa14-espaces-sans-tabac", title: "Espaces sans tabac devant les établissements scolaires", rowHeading: "Lieu",
            columns: [
                ReportColumn(id: "commune", label: "Commune", isNumeric: false),
                ReportColumn(id: "date", label: "Séance", isNumeric: false),
            ],
            rows: rows)
    }
}

/// IndicatorEvent.isLabelled over thousands of events: each distinct label's slug made once.
private struct LabelSlugs {
    private var slugs: [String: String] = [:]

    /// True when one of `event`'s labels reads `label`, ignoring case and accents.
    mutating func event(_ event: IndicatorEvent, isLabelled label: String) -> Bool {
        guard !event.labels.isEmpty else { return false }
        let wanted = slug(label)
        return event.labels.contains { slug($0) == wanted }
    }

    private mutating func slug(_ text: String) -> String {
        if let known = slugs[text] { return known }
        let made = Territory.slug(text)
        slugs[text] = made
        return made
    }
}
