// Store+AuditReads: the audit log's rows for what an account reads rather than changes: the
// coordinator's unmasked reports, which hold small counts of people. Changes write their rows in
// their own transaction (Store+Accounts' `audit`); a read has no transaction of its own, so its
// row is written alone.

import Foundation

extension Store {
    /// Writes one audit_log row naming `actor`; `detail` must hold no personal data.
    public func recordAudit(actor: String, action: String, detail: String, now: Date) throws {
        try database.write { try audit(actor: actor, action: action, detail: detail, now: now, in: $0) }
    }
}
