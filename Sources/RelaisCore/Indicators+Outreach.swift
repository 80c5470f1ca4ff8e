// Indicators+Outreach: what the reminders did, over every session of the period.
//
//   Reminders sent and failed, by channel: the outbox's reminders (not the notices of a moved or
//     cancelled event) for the period's sessions; "failed" is final (a permanent refusal, or
//     retries exhausted), a deferred message is still being tried.
//   The share of registered people who came, with at least one reminder sent and without: the
//     registrations to the period's sessions, split by whether a reminder reached the sender's
//     "sent" state for them.
// Both are counts of people (or of messages to people) and are masked like the others.

import Foundation

extension ReportBuilder {
    mutating func outreach() -> ReportSection<IndicatorValue> {
        ReportSection(
            id: .outreach, title: "Rappels et participation",
            notes: [
                "Rappels : messages de rappel des séances de la période, par canal ; « en échec » est définitif (refus permanent ou essais épuisés).",
                "Avec rappel : inscriptions pour lesquelles au moins un rappel a été envoyé (SMS ou courriel).",
            ],
            tables: [remindersTable(), attendanceTable(), smsSegmentsTable()])
    }

    private mutating func remindersTable() -> ReportTable<IndicatorValue> {
        let labels: [Channel: String] = [.sms: "SMS", .email: "Courriel"]
        var rows: [ReportRow<IndicatorValue>] = []
        for channel in [Channel.sms, .email] {
            let tally = data.reminders.first { $0.channel == channel } ?? ReminderTally(channel: channel, sent: 0, failed: 0)
            rows.append(
                ReportRow(
                    id: channel.rawValue, label: labels[channel]!,
                    values: [
                        people("reminders-sent|\(channel.rawValue)", value: tally.sent),
                        people("reminders-failed|\(channel.rawValue)", value: tally.failed),
                    ]))
        }
        let total = ReportRow<IndicatorValue>(
            id: "total", label: "Total",
            values: [
                people("reminders-sent|all", value: data.reminders.reduce(0) { $0 + $1.sent }),
                people("reminders-failed|all", value: data.reminders.reduce(0) { $0 + $1.failed }),
            ], isTotal: true)
        relateColumns(total: total, rows: rows)
        return ReportTable(
            id: "rappels-par-canal", title: "Rappels envoyés et en échec, par canal", rowHeading: "Canal",
            columns: [ReportColumn(id: "envoyes", label: "Envoyés"), ReportColumn(id: "en-echec", label: "En échec")], rows: rows + [total])
    }

    private mutating func attendanceTable() -> ReportTable<IndicatorValue> {
        let all = events
        let reminded = (
            registered: all.reduce(0) { $0 + $1.people.registeredReminded }, attended: all.reduce(0) { $0 + $1.people.attendedReminded }
        )
        let registeredAll = people(.registered, all)
        let attendedAll = people(.attended, all)
        guard case .people(let registered, _) = registeredAll, case .people(let attended, _) = attendedAll else { preconditionFailure() }
        let withReminder = [
            people("registered-reminded", over: all, value: reminded.registered),
            people("attended-reminded", over: all, value: reminded.attended),
        ]
        let withoutReminder = [
            people("registered-not-reminded", over: all, value: registered - reminded.registered),
            people("attended-not-reminded", over: all, value: attended - reminded.attended),
        ]
        func row(_ id: String, _ label: String, _ counts: [IndicatorValue], isTotal: Bool = false) -> ReportRow<IndicatorValue> {
            guard case .people(_, let registeredKey) = counts[0], case .people(_, let attendedKey) = counts[1] else {
                preconditionFailure()
            }
            return ReportRow(
                id: id, label: label, values: counts + [.rate(numerator: attendedKey, denominator: registeredKey)], isTotal: isTotal)
        }
        let rows = [
            row("avec-rappel", "Avec au moins un rappel envoyé", withReminder), row("sans-rappel", "Sans rappel envoyé", withoutReminder),
        ]
        let total = row("total", "Total", [registeredAll, attendedAll], isTotal: true)
        relateColumns(total: total, rows: rows)
        return ReportTable(
            id: "presence-avec-et-sans-rappel", title: "Part des inscrits présents, avec et sans rappel", rowHeading: "Inscriptions",
            columns: [
                ReportColumn(id: "inscrits", label: "Inscrits"), ReportColumn(id: "presents", label: "Présents"),
                ReportColumn(id: "taux-de-presence", label: "Taux de présence"),
            ],
            rows: rows + [total], note: "Toutes les séances de la période, toutes fiches confondues.")
    }
}
