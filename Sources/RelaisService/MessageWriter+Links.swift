// MessageWriter+Links: the links a message carries to `relais serve` at `[web] public_url`
// (LinkPurpose.swift): the one-click unsubscribe URL of an e-mail's List-Unsubscribe header
// (RFC 8058), and `{{manage_url}}`, the page of the person's registration or booking.
//
// A token is minted each time a message is written for sending (Sender.links, one transaction per
// batch): its raw text goes into the message and nowhere else, the database keeps its SHA-256
// (Store.recordLinkTokens). A
// retried message gets new tokens; the earlier ones keep working until their event ends (an
// unsubscribe token never expires).
//
// Without a public address there are no links: the List-Unsubscribe header keeps the configured
// mailto alone (`relais doctor` says so) and a template line holding `{{manage_url}}` is left out
// of the message, so no one reads "cancel here:" followed by nothing (MessageTemplate+Link, which
// also leaves it out of an SMS it would take past two segments).

import Foundation
import RelaisAuth
import RelaisCore
import RelaisDelivery
import RelaisStore

/// The links of one message, as written in it.
public struct MessageLinks: Sendable, Equatable {
    /// `<public_url>/u/<token>`, for an e-mail's List-Unsubscribe.
    public var unsubscribeURL: String?
    /// `<public_url>/r/<token>`, the `{{manage_url}}` placeholder.
    public var manageURL: String?

    public init(unsubscribeURL: String? = nil, manageURL: String? = nil) {
        self.unsubscribeURL = unsubscribeURL
        self.manageURL = manageURL
    }

    /// The List-Unsubscribe targets: the configured ones, with this message's one-click URL when it has one.
    func unsubscribe(_ configured: Unsubscribe?) -> Unsubscribe? {
        guard let unsubscribeURL else { return configured }
        return Unsubscribe(mailto: configured?.mailto, https: unsubscribeURL, oneClick: true)
    }
}

extension Sender {
    /// Mints the tokens of the links of `claimed` (one batch) and records their digests in one
    /// transaction: an unsubscribe link for every e-mail to a person, a registration link for the
    /// kinds whose templates may say `{{manage_url}}` while the registration or booking is held.
    /// No links without `[web] public_url`. Keyed by outbox id.
    func links(for claimed: [ClaimedMessage], now: Date) throws -> [Int64: MessageLinks] {
        guard let publicURL = writer.publicURL else { return [:] }
        var tokens: [Int64: (unsubscribe: String?, manage: String?)] = [:]
        for message in claimed {
            let unsubscribe = message.channel == .email ? try LinkToken.make() : nil
            let manage = message.kind.descriptor.placeholders.contains(.links) ? try LinkToken.make() : nil
            if unsubscribe != nil || manage != nil { tokens[message.id] = (unsubscribe, manage) }
        }
        let requests = tokens.map { id, token in
            LinkTokenRequest(
                outbox: id, unsubscribe: token.unsubscribe.map(LinkToken.digest), registration: token.manage.map(LinkToken.digest))
        }
        let recorded = try store.recordLinkTokens(requests, now: now)
        return tokens.reduce(into: [:]) { links, entry in
            let (id, token) = entry
            let kept = recorded[id] ?? RecordedLinks()
            links[id] = MessageLinks(
                unsubscribeURL: kept.unsubscribe ? token.unsubscribe.map { LinkPurpose.unsubscribe.url(publicURL: publicURL, token: $0) } : nil,
                manageURL: kept.registration ? token.manage.map { LinkPurpose.registration.url(publicURL: publicURL, token: $0) } : nil)
        }
    }
}
