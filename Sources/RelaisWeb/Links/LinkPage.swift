// LinkPage: the HTML of the pages behind the links in messages (LinkPages.swift): one small page,
// no script, the desk's stylesheet, the person's first name and the event only, forms that post
// back to the same path (the token is in it). Words in French and English (LinkWording).

import Foundation
import RelaisCore
import RelaisStore

/// One link page for one holder, in one language.
struct LinkPage {
    let wording: LinkWording
    let localTime: LocalTime
    let holder: LinkHolder

    /// The unsubscribe page: two buttons, nothing changed yet.
    func unsubscribeForm(status: Int = 200) -> Response {
        var body = "<p>\(e(wording.greeting(holder.firstName)))</p>\n<p>\(e(wording["unsubscribe-ask"]))</p>\n"
        body += form(button: wording["unsubscribe-email"], fields: ["List-Unsubscribe": "One-Click"])
        if holder.hasPhone {
            body += form(button: wording["unsubscribe-both"], fields: ["List-Unsubscribe": "One-Click", "also": "sms"])
        }
        return page(status: status, title: wording["unsubscribe-title"], body: body)
    }

    /// After the POST: what stopped.
    func unsubscribed(alsoSMS: Bool) -> Response {
        let done = alsoSMS && holder.hasPhone ? wording["unsubscribed-both"] : wording["unsubscribed-email"]
        return page(status: 200, title: wording["unsubscribe-title"], body: "<p role=\"status\">\(e(done))</p>\n")
    }

    /// The registration page: the event and a button to cancel, or that it is cancelled.
    func registration(status: Int = 200, notice: String? = nil) -> Response {
        var body = "<p>\(e(wording.greeting(holder.firstName)))</p>\n"
        if let notice { body += "<p role=\"alert\">\(e(notice))</p>\n" }
        body += "<dl>\n"
        if let event = holder.event { body += "<dt>\(e(wording["event"]))</dt><dd>\(e(event))</dd>\n" }
        if let start = holder.start {
            let date = LocalDateWording.dateAndTime(start, language: wording.language, calendar: localTime.calendar)
            body += "<dt>\(e(wording[holder.booking != nil ? "pickup" : "date"]))</dt><dd>\(e(date))</dd>\n"
        }
        if let place = holder.place { body += "<dt>\(e(wording["place"]))</dt><dd>\(e(place))</dd>\n" }
        body += "</dl>\n"
        if holder.cancelled {
            body += "<p role=\"status\">\(e(wording["already-cancelled"]))</p>\n"
        } else {
            body += form(button: wording[holder.booking != nil ? "cancel-booking" : "cancel-registration"], fields: ["cancel": "yes"])
        }
        return page(status: status, title: wording["registration-title"], body: body)
    }

    /// After the POST: cancelled (a booking after its deadline says so).
    func cancelled(late: Bool) -> Response {
        var words = wording[holder.booking != nil ? "booking-cancelled" : "registration-cancelled"]
        if late { words += " " + wording["cancelled-late"] }
        return page(status: 200, title: wording["registration-title"], body: "<p role=\"status\">\(e(words))</p>\n")
    }

    /// A cancellation refused (the session started, the run left...): the page again with the reason.
    func refused(_ refusal: Refusal, status: Int) -> Response {
        registration(status: status, notice: wording.desk.words(for: refusal, localTime))
    }

    // MARK: - HTML

    private func form(button: String, fields: [String: String]) -> String {
        let hidden = fields.sorted { $0.key < $1.key }.map { "<input type=\"hidden\" name=\"\(e($0.key))\" value=\"\(e($0.value))\">" }
        let action = wording.language == .english ? "?lang=en" : ""
        return "<form method=\"post\" action=\"\(action)\">\(hidden.joined())<button type=\"submit\">\(e(button))</button></form>\n"
    }

    private func page(status: Int, title: String, body: String) -> Response {
        let language = wording.language.rawValue
        let html = """
            <!DOCTYPE html>
            <html lang="\(language)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\(e(title))</title>
            <link rel="stylesheet" href="/static/desk.css">
            </head>
            <body>
            <main>
            <h1>\(e(title))</h1>
            \(body)</main>
            </body>
            </html>

            """
        return Response(status: status, contentType: "text/html; charset=utf-8", text: html)
    }

    private func e(_ text: String) -> String { HTMLText.escape(text) }
}
