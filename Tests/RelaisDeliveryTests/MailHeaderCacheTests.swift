// MailHeaderCache: a batch's messages composed with one cache are byte for byte the messages composed
// one by one; the Date field is written again when the second changes, and a subject once per text.

import Foundation
import RelaisCore
import Testing

@testable import RelaisDelivery

@Suite struct MailHeaderCacheTests {
    func composer() throws -> MailComposer {
        MailComposer(
            fromAddress: try MailSample.sender(), fromName: "Relais", timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt)
    }

    func message(_ number: Int, subject: String, calendar: Bool = false) -> OutgoingMessage {
        var message = OutgoingMessage(
            key: "reminder-\(number)", channel: .email, recipient: "resident\(number)@example.fr", subject: subject,
            body: "Bonjour Résident \(number),\nvotre dépistage a lieu demain.",
            unsubscribe: Unsubscribe(https: "https://relais.example.fr/u/\(number)", oneClick: true))
        if calendar { message.calendar = CalendarPart(method: "REQUEST", text: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") }
        return message
    }

    @Test func aBatchComposedWithOneCacheIsByteIdenticalToMessagesComposedAlone() throws {
        let composer = try composer()
        let date = Date(timeIntervalSince1970: 1_806_400_000.25)
        let subjects = ["Rappel : dépistage Mars bleu", "Confirmation", "Rappel : dépistage Mars bleu", "Invitation – séance"]
        var cache = MailHeaderCache()
        for (number, subject) in subjects.enumerated() {
            for calendar in [false, true] {
                let alone = composer.compose(message(number, subject: subject, calendar: calendar), date: date)
                let cached = composer.compose(message(number, subject: subject, calendar: calendar), date: date, cache: &cache)
                #expect(Array(cached.utf8) == Array(alone.utf8))
            }
        }
        #expect(cache.subjectCount == 3)
    }

    @Test func theDateFieldChangesWithTheSecondOnly() {
        let zone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        var cache = MailHeaderCache()
        let start = Date(timeIntervalSince1970: 1_806_400_000)
        let first = cache.dateField(start, timeZone: zone)
        #expect(first == "Date: " + MailComposer.rfc5322Date(start, timeZone: zone))
        #expect(cache.dateField(start.addingTimeInterval(0.999), timeZone: zone) == first)
        let next = start.addingTimeInterval(1)
        let second = cache.dateField(next, timeZone: zone)
        #expect(second != first)
        #expect(second == "Date: " + MailComposer.rfc5322Date(next, timeZone: zone))
    }

    @Test func aSubjectFieldIsTheComposersFieldAndTheCacheStaysSmall() {
        var cache = MailHeaderCache()
        let subject = "Rappel : dépistage du cancer colorectal à la salle des fêtes, mardi 30 mars à 10 h"
        #expect(cache.subjectField(subject) == MailComposer.unstructuredHeader(name: "Subject", value: subject))
        for number in 0..<(MailHeaderCache.subjectLimit + 10) { _ = cache.subjectField("Rappel \(number)") }
        #expect(cache.subjectCount <= MailHeaderCache.subjectLimit)
        #expect(cache.subjectField(subject) == MailComposer.unstructuredHeader(name: "Subject", value: subject))
    }
}
