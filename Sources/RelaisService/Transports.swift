// Transports: the transport of each channel, built from the configuration, secrets read from
// their files (under systemd, credentials in $CREDENTIALS_DIRECTORY).

import Foundation
import RelaisCore
import RelaisDelivery

/// A configuration that cannot be turned into working transports (a missing secret file...).
public struct ServiceSetupError: Error, CustomStringConvertible {
    public var description: String
}

extension Configuration {
    /// The List-Unsubscribe targets the configuration gives, if any.
    public var unsubscribe: Unsubscribe? {
        guard unsubscribeMailto != nil || unsubscribeURL != nil else { return nil }
        return Unsubscribe(
            mailto: unsubscribeMailto.map { "mailto:\($0)?subject=STOP" }, https: unsubscribeURL, oneClick: unsubscribeURL != nil)
    }
}

public enum Transports {
    /// The e-mail and SMS transports the configuration names; senders the configuration leaves
    /// unnamed are the territory's.
    public static func make(_ configuration: Configuration, territory: Territory) throws -> [Channel: Transport] {
        let fromName = configuration.emailFromName(in: territory)
        let timeout = TimeInterval(configuration.deliveryTimeoutSeconds)
        let from: EmailAddress
        do { from = try EmailAddress(parsing: configuration.emailFrom) } catch {
            throw ServiceSetupError(description: "[email] from: \(error)")
        }
        let composer = MailComposer(fromAddress: from, fromName: fromName)
        let folder = URL(fileURLWithPath: configuration.outboxDirectory)
        var transports: [Channel: Transport] = [:]
        switch configuration.emailTransport {
        case "smtp":
            transports[.email] = SMTPTransport(
                settings: SMTPSettings(
                    url: configuration.smtpURL, requireTLS: configuration.smtpRequireTLS, username: configuration.smtpUsername,
                    password: try configuration.smtpPasswordFile.map { try secret($0, "[email] password_file") },
                    fromAddress: from, fromName: fromName, connectTimeout: min(10, timeout), timeout: timeout,
                    connections: configuration.emailConnections))
        default:
            transports[.email] = FileTransport(directory: folder, composer: composer)
        }
        switch configuration.smsTransport {
        case "kannel":
            guard let file = configuration.smsPasswordFile else {
                throw ServiceSetupError(description: "[sms] transport = kannel needs password_file (Kannel's sendsms password)")
            }
            transports[.sms] = KannelTransport(
                settings: KannelSettings(
                    sendSMSURL: configuration.smsURL, username: configuration.smsUsername,
                    password: try secret(file, "[sms] password_file"), sender: configuration.smsSender(in: territory),
                    deliveryReportURL: try deliveryReportURL(configuration), connectTimeout: min(10, timeout), timeout: timeout,
                    connections: configuration.smsConnections))
        case "webhook":
            transports[.sms] = WebhookTransport(
                settings: WebhookSettings(
                    url: configuration.smsURL,
                    bearerToken: try configuration.smsPasswordFile.map { try secret($0, "[sms] password_file") },
                    connectTimeout: min(10, timeout), timeout: timeout, connections: configuration.smsConnections))
        default:
            transports[.sms] = FileTransport(directory: folder, composer: composer)
        }
        return transports
    }

    /// `[sms] delivery_report_url` with `{secret}` replaced by the secret of `[web] callback_secret_file`,
    /// so that the secret lives in one file and not in the configuration.
    static func deliveryReportURL(_ configuration: Configuration) throws -> String? {
        guard let url = configuration.smsDeliveryReportURL, url.contains("{secret}") else { return configuration.smsDeliveryReportURL }
        guard let file = configuration.web.callbackSecretFile else {
            throw ServiceSetupError(description: "[sms] delivery_report_url uses {secret}, but [web] callback_secret_file is empty")
        }
        return url.replacingOccurrences(of: "{secret}", with: try secret(file, "[web] callback_secret_file"))
    }

    /// A secret's first line, from a file only its owner reads. A path starting with
    /// `$CREDENTIALS_DIRECTORY/` is a systemd credential (LoadCredential=).
    static func secret(_ path: String, _ setting: String) throws -> String {
        var path = path
        let prefix = "$CREDENTIALS_DIRECTORY/"
        if path.hasPrefix(prefix) {
            guard let directory = ProcessInfo.processInfo.environment["CREDENTIALS_DIRECTORY"] else {
                throw ServiceSetupError(description: "\(setting): \(path) names a systemd credential, but CREDENTIALS_DIRECTORY is not set")
            }
            path = directory + "/" + path.dropFirst(prefix.count)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ServiceSetupError(description: "\(setting): cannot read \(path)")
        }
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }
}
