// MessageTemplate+Link: the line of a message that gives the link to the person's registration
// page (`{{manage_url}}`, issue 13). A link is a convenience; the cost of an SMS is not: the line
// that holds the link is left out when there is no link (no `[web] public_url`, or a registration
// no longer held), and in an SMS also when keeping it would take the text past
// TemplateSet.maximumSMSSegments with this message's own values (a long event title and place
// leave no room for it; most reminders keep it). MessageWriter and doctor's estimates both render
// through here, so what doctor announces is what is sent.

import Foundation

extension MessageTemplate {
    /// The placeholder of the registration page's link.
    public static let linkPlaceholder = "manage_url"

    /// The message for `values`, with the link's line kept only as said above; an SMS is written in
    /// `alphabet`. `link` is the URL, or nil when there is none.
    public func render(
        _ values: [String: String], link: String?, channel: Channel, alphabet: SMSAlphabet
    ) -> (subject: String?, body: String) {
        let written: ((subject: String?, body: String)) -> (subject: String?, body: String) = { rendered in
            channel == .sms ? (rendered.subject, alphabet.written(rendered.body)) : rendered
        }
        if let link {
            let with = written(render(values.merging([Self.linkPlaceholder: link]) { $1 }))
            // Rendered again without the line only when an SMS would not fit with it.
            guard channel == .sms, SMSText.segments(of: with.body).segments > TemplateSet.maximumSMSSegments else { return with }
        }
        return written(Self.droppingLink(render(values.merging([Self.linkPlaceholder: Self.noLink]) { $1 })))
    }

    /// What `{{manage_url}}` renders as while it has no value: a mark no template or value holds.
    private static let noLink = "\u{1}no-link\u{1}"

    /// The rendered message without the lines that hold the absent link. On bytes: Foundation's
    /// search for the mark in every line was a tenth of sending's time (issue 16).
    private static func droppingLink(_ rendered: (subject: String?, body: String)) -> (subject: String?, body: String) {
        let mark = Array(noLink.utf8)
        let body = Array(rendered.body.utf8)
        let subject = rendered.subject.map { Array($0.utf8) }
        let marks = body.startsOfRuns(mark)
        guard !marks.isEmpty || subject.map({ $0.holds(mark) }) == true else { return rendered }
        guard !body.contains(0x0D) else {
            // A CR: lines are Characters there ("\r\n" is one, and no "\n"), as they always were.
            let lines = rendered.body.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(noLink) }
            return (rendered.subject?.replacingOccurrences(of: noLink, with: ""), lines.joined(separator: "\n"))
        }
        return (withoutMark(mark, from: rendered.subject, subject), String(decoding: droppingLines(of: body, at: marks), as: UTF8.self))
    }

    /// `body`'s lines (between LFs) but those where a mark starts (`marks`, in order; a mark holds
    /// no LF), joined by LF again. One pass, each line tested against the next mark only.
    private static func droppingLines(of body: [UInt8], at marks: [Int]) -> [UInt8] {
        let lf = UInt8(ascii: "\n")
        var kept: [UInt8] = []
        kept.reserveCapacity(body.count)
        var nextMark = 0
        var lineStart = 0
        var first = true
        while true {
            let lineEnd = body[lineStart...].firstIndex(of: lf) ?? body.count
            while nextMark < marks.count && marks[nextMark] < lineStart { nextMark += 1 }
            if nextMark == marks.count || marks[nextMark] >= lineEnd {
                if !first { kept.append(lf) }
                kept += body[lineStart..<lineEnd]
                first = false
            }
            guard lineEnd < body.count else { return kept }
            lineStart = lineEnd + 1
        }
    }

    /// The subject without the mark; looked for on bytes first, as it seldom holds it.
    private static func withoutMark(_ mark: [UInt8], from subject: String?, _ bytes: [UInt8]?) -> String? {
        guard let subject, let bytes, bytes.holds(mark) else { return subject }
        return subject.replacingOccurrences(of: noLink, with: "")
    }
}
