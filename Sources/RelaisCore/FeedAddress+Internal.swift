// FeedAddress+Internal: which hosts are this machine or its private network, so that a feed on a
// public address cannot redirect the daemon to them (server-side request forgery: a calendar
// server answering `302 Location: http://127.0.0.1:13013/cgi-bin/sendsms?...` would otherwise make
// relais serve call Kannel, or a cloud's metadata service at 169.254.169.254).
//
// Internal, for a redirect target given as an IP literal or `localhost`: loopback (127.0.0.0/8,
// ::1), "this host" (0.0.0.0/8, ::), private (RFC 1918: 10/8, 172.16/12, 192.168/16; fc00::/7),
// link-local (169.254/16, fe80::/10), and the IPv4-mapped IPv6 forms of these. IPv4 literals are
// read as the system resolver reads them (inet_aton: `127.1` and `2130706433` are 127.0.0.1).
// A host name that resolves to such an address is not caught here (that needs the resolver).

import Foundation

extension FeedAddress {
    /// Whether `host` (lower-case, without brackets) names this machine or a private or link-local
    /// network: loopback, 0.0.0.0/8, RFC 1918, fc00::/7, 169.254/16, fe80::/10.
    public static func isInternal(_ host: String) -> Bool {
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        var v4 = in_addr()
        if !host.contains(":"), inet_aton(host, &v4) != 0 {
            return isInternal(ipv4: UInt32(bigEndian: v4.s_addr))
        }
        var v6 = in6_addr()
        guard host.contains(":"), inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return isInternal(ipv4: bytes[12..<16].reduce(0) { $0 << 8 | UInt32($1) })
        }
        let unspecifiedOrLoopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] <= 1
        return unspecifiedOrLoopback || bytes[0] & 0xfe == 0xfc || (bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80)
    }

    static func isInternal(ipv4 address: UInt32) -> Bool {
        let a = address >> 24
        let b = (address >> 16) & 0xff
        return a == 127 || a == 0 || a == 10 || (a == 172 && b & 0xf0 == 16) || (a == 192 && b == 168) || (a == 169 && b == 254)
    }
}
