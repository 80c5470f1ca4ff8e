// Indicators+FA7: « Faciliter et promouvoir la vaccination et le dépistage auprès du grand public ».
//
// The contract's indicators and how Relais counts them:
//   « Nombre d'évènements mis en place liés à la vaccination et aux dépistages »: the sessions held
//     (occurrences not cancelled) of the events that count for FA 7 and carry the category
//     screening or vaccination; a weekly series held five times is five events put in place.
//   « nombre de PS mobilisés »: X-RELAIS-PROFESSIONALS of each such session, summed over sessions
//     (a midwife at three sessions counts three times: professional-sessions).
//   « Nombre d'actions relayées au niveau du territoire »: the distinct FA 7 actions (events, any
//     category: screening, vaccination, awareness, EPS shuttles) with a session held in one of the
//     territory's communes; Relais relays them in its feed and its reminders.
// Then, for the screening and vaccination events: registrations and presences per event, per
// campaign, in each QPV and elsewhere (by where the event takes place), and the sessions by month
// and by commune (the two charts).

import Foundation

extension ReportBuilder {
    /// The events FA 7's first indicator counts.
    var screeningAndVaccination: [IndicatorEvent] {
        events.filter { $0.actionSheets.contains(7) && ($0.categories.contains(.screening) || $0.categories.contains(.vaccination)) }
    }

    mutating func fa7() -> ReportSection<IndicatorValue> {
        let chosen = screeningAndVaccination
        let relayed = events.filter { $0.actionSheets.contains(7) && $0.commune != nil }
        let summary = ReportTable<IndicatorValue>(
            id: "fa7-indicateurs", title: "Indicateurs de la fiche action", rowHeading: "Indicateur",
            columns: [ReportColumn(id: "valeur", label: "Valeur")],
            rows: [
                ReportRow(
                    id: "evenements", label: "Nombre d'évènements mis en place liés à la vaccination et aux dépistages",
                    values: [.count(sessions(chosen))]),
                ReportRow(id: "ps-mobilises", label: "Nombre de PS mobilisés", values: [.count(professionals(chosen))]),
                ReportRow(
                    id: "actions-relayees", label: "Nombre d'actions relayées au niveau du territoire", values: [.count(relayed.count)]),
                ReportRow(
                    id: "inscriptions", label: "Inscriptions aux évènements de vaccination et de dépistage",
                    values: [people(.registered, chosen)]),
                ReportRow(id: "presences", label: "Présences à ces évènements", values: [people(.attended, chosen)]),
            ])
        return ReportSection(
            id: .fa7, title: "FA 7 — Faciliter et promouvoir la vaccination et le dépistage auprès du grand public",
            notes: [
                "Un évènement mis en place est une séance tenue (non annulée) d'une action de dépistage ou de vaccination de la fiche 7 ; une série hebdomadaire tenue cinq fois compte cinq évènements.",
                "PS mobilisés : professionnels de santé annoncés pour chaque séance, additionnés sur les séances.",
                "Actions relayées : actions distinctes de la fiche 7 (toutes catégories, navettes EPS comprises) ayant au moins une séance dans une commune du territoire.",
            ],
            tables: [summary, byMonth(chosen), byCommune(chosen), byCampaign(chosen), byNeighbourhood(chosen), perEvent(chosen, id: "fa7")])
    }

    /// Category columns: each event in exactly one, so that the columns add up.
    private static let categoryColumns = [
        ReportColumn(id: "depistage", label: "Dépistage"), ReportColumn(id: "vaccination", label: "Vaccination"),
        ReportColumn(id: "depistage-et-vaccination", label: "Dépistage et vaccination"), ReportColumn(id: "total", label: "Total"),
        ReportColumn(id: "ps-mobilises", label: "PS mobilisés"),
    ]

    private func categoryValues(_ sessions: [(event: IndicatorEvent, start: Date)]) -> [IndicatorValue] {
        var counts = [0, 0, 0]
        var professionals = 0
        for (event, _) in sessions {
            let screening = event.categories.contains(.screening)
            let vaccination = event.categories.contains(.vaccination)
            counts[screening && vaccination ? 2 : screening ? 0 : 1] += 1
            professionals += event.professionals
        }
        return counts.map { .count($0) } + [.count(sessions.count), .count(professionals)]
    }

    private func byMonth(_ chosen: [IndicatorEvent]) -> ReportTable<IndicatorValue> {
        let months = sessionsByMonth(chosen)
        let rows = months.map { entry -> ReportRow<IndicatorValue> in
            let parts = options.calendar.dateComponents([.year, .month], from: entry.month)
            return ReportRow(
                id: String(format: "%04d-%02d", parts.year!, parts.month!), label: monthName(entry.month),
                values: categoryValues(entry.sessions))
        }
        let total = ReportRow<IndicatorValue>(
            id: "total", label: "Total", values: categoryValues(months.flatMap(\.sessions)), isTotal: true)
        return ReportTable(
            id: "fa7-par-mois", title: "Évènements liés à la vaccination et aux dépistages, par mois", rowHeading: "Mois",
            columns: Self.categoryColumns, rows: rows + [total], chart: ReportChart(column: "total", isTimeline: true))
    }

    private func byCommune(_ chosen: [IndicatorEvent]) -> ReportTable<IndicatorValue> {
        let groups = Dictionary(grouping: chosen.flatMap { event in event.sessions.map { (event: event, start: $0) } }) {
            $0.event.commune ?? ""
        }
        // Communes by name (accents aside), then the sessions outside the territory (no commune).
        let codes = sortedByName(groups.keys.filter { !$0.isEmpty }) + (groups[""] == nil ? [] : [""])
        let rows = codes.map { code in
            ReportRow(
                id: code.isEmpty ? "hors-territoire" : communeRowID(code), label: communeName(code.isEmpty ? nil : code),
                values: categoryValues(groups[code]!), communeCode: code.isEmpty ? nil : code)
        }
        let total = ReportRow<IndicatorValue>(
            id: "total", label: "Total",
            values: categoryValues(chosen.flatMap { event in event.sessions.map { (event: event, start: $0) } }), isTotal: true)
        return ReportTable(
            id: "fa7-par-commune", title: "Évènements liés à la vaccination et aux dépistages, par commune", rowHeading: "Commune",
            columns: Self.categoryColumns, rows: rows + [total], note: "La commune est celle où se tient l'évènement.",
            chart: ReportChart(column: "total", isTimeline: false))
    }

    private mutating func byCampaign(_ chosen: [IndicatorEvent]) -> ReportTable<IndicatorValue> {
        let campaigns = Set(chosen.map(\.campaign)).sorted { (campaignName($0), $0) < (campaignName($1), $1) }
        var rows: [ReportRow<IndicatorValue>] = []
        for campaign in campaigns {
            let set = chosen.filter { $0.campaign == campaign }
            rows.append(ReportRow(id: campaign, label: campaignName(campaign), values: groupValues(set)))
        }
        let total = ReportRow(id: "total", label: "Total", values: groupValues(chosen), isTotal: true)
        relateColumns(total: total, rows: rows)
        return ReportTable(
            id: "fa7-par-campagne", title: "Évènements, inscriptions et présences, par campagne", rowHeading: "Campagne",
            columns: Self.groupColumns, rows: rows + [total])
    }

    private mutating func byNeighbourhood(_ chosen: [IndicatorEvent]) -> ReportTable<IndicatorValue> {
        var rows: [ReportRow<IndicatorValue>] = []
        for place in options.territory.neighbourhoods {
            let set = chosen.filter { $0.neighbourhood == place.slug }
            let commune = options.territory.communeCode(of: place)
            rows.append(
                ReportRow(
                    id: place.slug, label: "QPV \(place.name) (\(communeName(commune)))", values: groupValues(set), communeCode: commune))
        }
        let known = Set(options.territory.neighbourhoods.map(\.slug))
        let elsewhere = chosen.filter { $0.neighbourhood.map { !known.contains($0) } ?? true }
        rows.append(ReportRow(id: "hors-qpv", label: "Hors QPV", values: groupValues(elsewhere)))
        let total = ReportRow(id: "total", label: "Total", values: groupValues(chosen), isTotal: true)
        relateColumns(total: total, rows: rows)
        return ReportTable(
            id: "fa7-qpv", title: "Dans les quartiers prioritaires de la politique de la ville (QPV) et ailleurs", rowHeading: "Lieu",
            columns: Self.groupColumns, rows: rows + [total],
            note: "Selon le lieu de l'évènement : les actions « d'aller-vers » tenues dans les deux QPV.")
    }

    static let groupColumns = [
        ReportColumn(id: "seances", label: "Évènements (séances)"), ReportColumn(id: "ps-mobilises", label: "PS mobilisés"),
        ReportColumn(id: "inscrits", label: "Inscrits"), ReportColumn(id: "presents", label: "Présents"),
    ]

    private mutating func groupValues(_ set: [IndicatorEvent]) -> [IndicatorValue] {
        [.count(sessions(set)), .count(professionals(set)), people(.registered, set), people(.attended, set)]
    }

    /// Declares, column by column, that the total row's people cells are the sum of the rows'.
    mutating func relateColumns(total: ReportRow<IndicatorValue>, rows: [ReportRow<IndicatorValue>]) {
        for column in total.values.indices {
            relate(total.values[column], rows.map { $0.values[column] })
        }
    }

    /// One row per event: its first session, commune, sessions, registrations and presences.
    mutating func perEvent(_ set: [IndicatorEvent], id: String) -> ReportTable<IndicatorValue> {
        // Positions are sorted, not the events themselves (moving thousands of events costs more than comparing them).
        let firsts = set.map { $0.sessions.first ?? .distantPast }
        let ordered = set.indices.sorted { (firsts[$0], set[$0].uid) < (firsts[$1], set[$1].uid) }
        var rows: [ReportRow<IndicatorValue>] = []
        for event in ordered.lazy.map({ set[$0] }) {
            let place = event.neighbourhood.flatMap { slug in options.territory.neighbourhoods.first { $0.slug == slug } }
            rows.append(
                ReportRow(
                    id: event.uid, label: event.summary,
                    values: [
                        .text(event.sessions.first.map(shortDate) ?? ""),
                        .text(communeName(event.commune) + (place.map { " (QPV \($0.name))" } ?? "")),
                        .count(event.sessions.count), people(.registered, event: event), people(.attended, event: event),
                    ], communeCode: event.commune))
        }
        let total = ReportRow<IndicatorValue>(
            id: "total", label: "Total", values: [.none, .none, .count(sessions(set)), people(.registered, set), people(.attended, set)],
            isTotal: true)
        relateColumns(total: total, rows: rows)
        return ReportTable(
            id: "\(id)-par-evenement", title: "Inscriptions et présences par évènement", rowHeading: "Évènement",
            columns: [
                ReportColumn(id: "premiere-seance", label: "Première séance", isNumeric: false),
                ReportColumn(id: "commune", label: "Commune", isNumeric: false), ReportColumn(id: "seances", label: "Séances"),
                ReportColumn(id: "inscrits", label: "Inscrits"), ReportColumn(id: "presents", label: "Présents"),
            ],
            rows: rows + [total])
    }
}
