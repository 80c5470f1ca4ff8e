// MessageKind: what a message is about, and everything Relais knows about each kind, as data.
//
// Each kind has one descriptor (`MessageKind.descriptor`, below): what it is about (a registration
// to a session or a shuttle booking), the placeholders its templates may use beyond the common
// ones, how its outbox key is made, when it is due, what makes it stale (cancelled instead of sent
// when claimed), whether the per-person cap counts it, and whether its templates may be missing
// from an installation's folder. The store records every kind in its `message_kind` table when it
// opens (the outbox refers to it), so a new kind needs no migration and no rebuilt outbox.
//
// Adding a kind: a case and its descriptor here, its four templates in Config/templates
// (`<kind>.<language>.<channel>.txt`, optional ones may be missing from older folders: the language's
// other channel stands in, and `relais doctor` says so), and the store code of its cause, which
// queues it with the descriptor's key and timing.

import Foundation

/// What a message is about.
public enum MessageKind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// An event is coming.
    case reminder
    /// An event's start has changed.
    case moved
    /// An event will not take place.
    case cancelled
    /// A waitlisted registration to a session got a place.
    case registrationPromoted = "registration-promoted"
    /// A registration went on the session's waitlist: where the person stands.
    case waitlisted
    /// The session's waitlist deadline came and no place freed for the person.
    case waitlistDeadline = "waitlist-deadline"
    /// A shuttle passenger's pickup is tomorrow (or on the next run day): time and stop.
    case shuttleReminder = "shuttle-reminder"
    /// A waitlisted shuttle booking got a seat.
    case shuttlePromoted = "shuttle-promoted"
    /// A shuttle run will not take place.
    case shuttleCancelled = "shuttle-cancelled"
    /// A shuttle booking went on the run's waitlist: where the person stands.
    case shuttleWaitlisted = "shuttle-waitlisted"
    /// The run's booking deadline came and no seat freed for the person.
    case shuttleWaitlistDeadline = "shuttle-waitlist-deadline"
    /// An on-demand passenger's pickup time and place, when booking closes and the route is known.
    case shuttlePickup = "shuttle-pickup"
    /// After booking closed, an on-demand passenger's pickup time moved by 10 minutes or more.
    case shuttlePickupChanged = "shuttle-pickup-changed"
    /// A registration was confirmed: its e-mail carries the calendar invitation (CalendarInvitation).
    case confirmation
    /// A registration whose invitation was sent was cancelled (by the person or the desk): its e-mail
    /// removes the event from the person's calendar.
    case registrationCancelled = "registration-cancelled"

    /// Everything Relais knows about this kind.
    public var descriptor: MessageKindDescriptor {
        switch self {
        case .reminder:
            MessageKindDescriptor(
                kind: self, subject: .registration, placeholders: [.links], key: .init(alarm: true, version: true), timing: .alarms,
                staleWhen: [.occurrenceCancelled, .registrationNotConfirmed], capped: true)
        case .moved:
            MessageKindDescriptor(
                kind: self, subject: .registration, placeholders: [.previousDate, .links], key: .init(version: true),
                timing: .asSoonAsAllowed,
                staleWhen: [.occurrenceCancelled, .registrationNotConfirmed])
        case .cancelled:
            MessageKindDescriptor(kind: self, subject: .registration, key: .init(version: true), timing: .asSoonAsAllowed)
        case .registrationPromoted:
            // Optional: added (schema step 12) after installations had made their own templates folder.
            MessageKindDescriptor(
                kind: self, subject: .registration, placeholders: [.links], timing: .asSoonAsAllowed,
                staleWhen: [.occurrenceCancelled, .registrationNotConfirmed], optionalTemplates: true)
        case .waitlisted:
            MessageKindDescriptor(
                kind: self, subject: .registration, placeholders: [.waitlist, .links], timing: .asSoonAsAllowed,
                staleWhen: [.occurrenceCancelled, .registrationNotWaitlisted], optionalTemplates: true)
        case .waitlistDeadline:
            MessageKindDescriptor(
                kind: self, subject: .registration, key: .init(version: true), timing: .waitlistDeadline,
                staleWhen: [.occurrenceCancelled, .registrationNotWaitlisted], optionalTemplates: true)
        case .shuttleReminder:
            MessageKindDescriptor(
                kind: self, subject: .booking, placeholders: [.shuttle, .links], key: .init(version: true), timing: .dayBeforePickup,
                staleWhen: [.runCancelled, .bookingNotConfirmed])
        case .shuttlePromoted:
            MessageKindDescriptor(
                kind: self, subject: .booking, placeholders: [.shuttle, .links], timing: .asSoonAsAllowed,
                staleWhen: [.runCancelled, .bookingNotConfirmed])
        case .shuttleCancelled:
            MessageKindDescriptor(kind: self, subject: .booking, placeholders: [.shuttle], timing: .asSoonAsAllowed)
        case .shuttleWaitlisted:
            MessageKindDescriptor(
                kind: self, subject: .booking, placeholders: [.shuttle, .waitlist, .links], timing: .asSoonAsAllowed,
                staleWhen: [.runCancelled, .bookingNotWaitlisted], optionalTemplates: true)
        case .shuttleWaitlistDeadline:
            MessageKindDescriptor(
                kind: self, subject: .booking, placeholders: [.shuttle], key: .init(version: true), timing: .waitlistDeadline,
                staleWhen: [.runCancelled, .bookingNotWaitlisted], optionalTemplates: true)
        case .shuttlePickup:
            // At the booking deadline (the waitlist deadline's timing), written with the route as it is then.
            MessageKindDescriptor(
                kind: self, subject: .booking, placeholders: [.shuttle], timing: .waitlistDeadline,
                staleWhen: [.runCancelled, .bookingNotConfirmed], optionalTemplates: true)
        case .shuttlePickupChanged:
            // Keyed by a version counted per booking (never reused), so that each move worth telling is told, the
            // waiting message worded at claim with the newest time (Store+ShuttlePickupTold).
            MessageKindDescriptor(
                kind: self, subject: .booking, placeholders: [.shuttle], key: .init(version: true), timing: .asSoonAsAllowed,
                staleWhen: [.runCancelled, .bookingNotConfirmed], optionalTemplates: true)
        case .confirmation:
            // Optional: added after installations had made their own templates folder.
            MessageKindDescriptor(
                kind: self, subject: .registration, placeholders: [.links], timing: .asSoonAsAllowed,
                staleWhen: [.occurrenceCancelled, .registrationNotConfirmed], optionalTemplates: true)
        case .registrationCancelled:
            MessageKindDescriptor(kind: self, subject: .registration, timing: .asSoonAsAllowed, optionalTemplates: true)
        }
    }

    /// The placeholders that only this kind's templates may use, on top of the common ones.
    public var specificPlaceholders: Set<String> { descriptor.specificPlaceholders }

    /// Every placeholder this kind's templates may use.
    public var placeholders: Set<String> { MessageTemplate.commonPlaceholders.union(specificPlaceholders) }

    /// The kinds about `subject` that become pointless when the registration or booking itself ends
    /// (cancelled, or the person forgotten): cancelled at once with it, not left queued until claimed.
    public static func endingWith(_ subject: MessageSubject) -> [MessageKind] {
        kinds { $0.subject == subject && !$0.staleWhen.isDisjoint(with: MessageStaleness.subjectEnded) }
    }

    /// The kinds whose descriptor satisfies `condition`, in declaration order.
    public static func kinds(where condition: (MessageKindDescriptor) -> Bool) -> [MessageKind] {
        allCases.filter { condition($0.descriptor) }
    }
}

/// What a message is about: what its outbox row refers to, and whose state can make it stale.
public enum MessageSubject: String, Sendable, Equatable, CaseIterable {
    /// A registration to a session (the row's `registration` and `occurrence`).
    case registration
    /// A shuttle booking (the row's `booking`).
    case booking
}

/// When a message of a kind is due.
public enum MessageTiming: Sendable, Equatable {
    /// At the event's alarms (its VALARMs, or `[reminders] default_alarms`), moved out of quiet time
    /// (ReminderPolicy), as many as the per-person cap lets through (ReminderAllocation).
    case alarms
    /// At `[transport] reminder_time` the day before the pickup (ShuttleNoticeTiming.reminder).
    case dayBeforePickup
    /// At once, or at the next time its channel allows, after its cause.
    case asSoonAsAllowed
    /// At the waitlist's deadline: `[reminders] waitlist_deadline_hours` before a session, the
    /// booking deadline of a run.
    case waitlistDeadline

    /// Whether the due time follows the start: such messages are cancelled and queued again,
    /// under the occurrence's or run's new version, when it moves.
    public var followsTheStart: Bool { self != .asSoonAsAllowed }
}

/// A change of its subject that makes a waiting message pointless: it is cancelled, not sent.
public enum MessageStaleness: String, Sendable, Equatable, Hashable, CaseIterable {
    case occurrenceCancelled, registrationNotConfirmed, registrationNotWaitlisted
    case runCancelled, bookingNotConfirmed, bookingNotWaitlisted

    /// The registration or booking is no longer confirmed nor waitlisted.
    public static let subjectEnded: Set<MessageStaleness> = [
        .registrationNotConfirmed, .registrationNotWaitlisted, .bookingNotConfirmed, .bookingNotWaitlisted,
    ]
}

/// What an outbox key is made of beyond `<kind>:<r|b><subject id>:<channel>`.
public struct MessageKeyShape: Sendable, Equatable {
    /// `:a<alarm position>` (or `:last` for the reminder at the latest allowed time) before the channel.
    public var alarm: Bool
    /// `:v<version>` after the channel: a new occurrence or run version gets a new message.
    public var version: Bool

    public init(alarm: Bool = false, version: Bool = false) {
        self.alarm = alarm
        self.version = version
    }
}

/// The placeholders a kind's templates may use beyond the common ones, by family.
public enum PlaceholderGroup: String, Sendable, Equatable, CaseIterable {
    /// `previous_date`: the old start of a moved event.
    case previousDate
    /// `destination`, `arrival_time`, `return_time`, `fare`: what a shuttle passenger needs.
    case shuttle
    /// `position`: the person's place in a waitlist when the message is written ("1": next).
    case waitlist
    /// `manage_url`: the link to the person's registration or booking page (`[web] public_url`/r/…),
    /// empty when no public address is configured.
    case links

    /// A link of typical (long) length: a 40-character public address and a token.
    public static let typicalManageURL = "https://prevention-sante.agglo-exemple.fr/r/AbCdEfGh12345678"

    /// A destination of typical length (74 characters).
    public static let typicalDestination = "Centre d'examens de prévention en santé, Centre hospitalier du département"

    /// The placeholder names of the group.
    public var names: Set<String> {
        switch self {
        case .previousDate: ["previous_date"]
        case .shuttle: ["destination", "arrival_time", "return_time", "fare"]
        case .waitlist: ["position"]
        case .links: ["manage_url"]
        }
    }

    /// Values of typical (long) length, for the size estimate of SMS templates: the longest date
    /// wording given as `start`, a 74-character destination (no territory's own: doctor puts the
    /// territory's in), a fare, a two-digit position.
    public func typicalValues(start: Date, language: Language, calendar: Calendar) -> [String: String] {
        switch self {
        case .previousDate:
            return ["previous_date": LocalDateWording.dateAndTime(start, language: language, calendar: calendar)]
        case .shuttle:
            return MessageTemplate.shuttleValues(
                destination: Self.typicalDestination,
                arrival: start, returnDeparture: start, fareCents: 150, language: language, calendar: calendar)
        case .waitlist:
            return ["position": "12"]
        case .links:
            return ["manage_url": Self.typicalManageURL]
        }
    }
}

/// Everything Relais knows about one kind of message.
public struct MessageKindDescriptor: Sendable, Equatable {
    public let kind: MessageKind
    public let subject: MessageSubject
    /// The placeholder families its templates may use beyond the common ones.
    public let placeholders: [PlaceholderGroup]
    public let key: MessageKeyShape
    public let timing: MessageTiming
    /// What makes a waiting message of this kind pointless (checked when it is claimed, and when its cause changes).
    public let staleWhen: Set<MessageStaleness>
    /// Whether the per-person cap (MessageCap) counts it; notices never are.
    public let capped: Bool
    /// Whether its templates may be missing from the templates folder (kinds added after
    /// installations made their own folder): the language's other channel stands in.
    public let optionalTemplates: Bool

    public init(
        kind: MessageKind, subject: MessageSubject, placeholders: [PlaceholderGroup] = [], key: MessageKeyShape = MessageKeyShape(),
        timing: MessageTiming, staleWhen: Set<MessageStaleness> = [], capped: Bool = false, optionalTemplates: Bool = false
    ) {
        self.kind = kind
        self.subject = subject
        self.placeholders = placeholders
        self.key = key
        self.timing = timing
        self.staleWhen = staleWhen
        self.capped = capped
        self.optionalTemplates = optionalTemplates
    }

    /// The placeholders only this kind's templates may use.
    public var specificPlaceholders: Set<String> { placeholders.reduce(into: []) { $0.formUnion($1.names) } }

    /// The outbox key of one message: `reminder:r17:a0:sms:v2`, `shuttle-promoted:b4:email`. Unique
    /// in the outbox, so that planning twice queues nothing new.
    public func key(subject id: Int64, channel: Channel, slot: ReminderSlot? = nil, version: Int? = nil) -> String {
        var key = "\(kind.rawValue):\(subject == .registration ? "r" : "b")\(id)"
        if self.key.alarm, let slot {
            switch slot {
            case .alarm(let position): key += ":a\(position)"
            case .latest: key += ":last"
            }
        }
        key += ":\(channel.rawValue)"
        if self.key.version { key += ":v\(version ?? 1)" }
        return key
    }

    /// Why a waiting message must not go any more, or nil: its subject's state, read when claimed.
    public func staleReason(of facts: MessageSubjectFacts) -> String? {
        if staleWhen.contains(.occurrenceCancelled) && facts.occurrenceCancelled { return "occurrence cancelled" }
        if let status = facts.registration {
            if staleWhen.contains(.registrationNotConfirmed) && status != .confirmed { return "registration \(status.rawValue)" }
            if staleWhen.contains(.registrationNotWaitlisted) && status != .waitlisted { return "registration \(status.rawValue)" }
        }
        if staleWhen.contains(.runCancelled) && facts.runCancelled { return "run cancelled" }
        if let status = facts.booking {
            if staleWhen.contains(.bookingNotConfirmed) && status != .confirmed { return "booking \(status.rawValue)" }
            if staleWhen.contains(.bookingNotWaitlisted) && status != .waitlisted { return "booking \(status.rawValue)" }
        }
        return nil
    }
}

/// The state of a message's subject when it is claimed.
public struct MessageSubjectFacts: Sendable, Equatable {
    public var occurrenceCancelled: Bool
    /// The registration's status, nil for a booking's message or a registration gone.
    public var registration: RegistrationStatus?
    public var runCancelled: Bool
    /// The booking's status, nil for a registration's message.
    public var booking: ShuttleBookingStatus?

    public init(
        occurrenceCancelled: Bool = false, registration: RegistrationStatus? = nil, runCancelled: Bool = false,
        booking: ShuttleBookingStatus? = nil
    ) {
        self.occurrenceCancelled = occurrenceCancelled
        self.registration = registration
        self.runCancelled = runCancelled
        self.booking = booking
    }
}
