// ServiceHealth's table (whether relais serve runs, and its exit status as systemctl is-active)
// and the feed lines of [calendars]: addresses Relais fetches, the defaults a feed line gives, and
// what the calendar itself says winning over them.

import Foundation
import RelaisCore
import Testing

@Suite struct ServiceHealthTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let refused = ServiceHealth.Problem.calendarRefused(file: "a.ics", reason: "a.ics:3: no DTSTART", since: Date(timeIntervalSince1970: 0))

    @Test func theHeartbeatDecidesWhetherItRuns() {
        let fresh = now.addingTimeInterval(-10)
        let old = now.addingTimeInterval(-200)
        let cases: [(ServiceHealth.Heartbeat, Bool, Int32)] = [
            (.none, false, 3),
            (.written(at: fresh, processAlive: true), true, 0),
            (.written(at: fresh, processAlive: nil), true, 0),
            (.written(at: fresh, processAlive: false), false, 3),
            (.written(at: old, processAlive: nil), false, 3),
            (.written(at: old, processAlive: false), false, 3),
            (.written(at: old, processAlive: true), true, 1),
        ]
        for (heartbeat, running, exit) in cases {
            let health = ServiceHealth(heartbeat: heartbeat, now: now, problems: [])
            #expect(health.running == running && health.exitStatus == exit, "\(heartbeat)")
        }
        let stuck = ServiceHealth(heartbeat: .written(at: old, processAlive: true), now: now, problems: [])
        #expect(stuck.problems == [.heartbeatLate(since: old)])
    }

    @Test func aProblemMakesARunningDaemon1AndAStoppedOneStays3() {
        let running = ServiceHealth(
            heartbeat: .written(at: now, processAlive: true), now: now, problems: [refused, .messagesFailed(count: 2)])
        #expect(running.exitStatus == 1 && running.problems.map(\.code) == ["calendar-refused", "messages-failed"])
        let stopped = ServiceHealth(heartbeat: .none, now: now, problems: [refused])
        #expect(stopped.exitStatus == 3 && stopped.problems == [refused])
    }

    @Test func feedLinesGiveAnAddressAndDefaults() throws {
        let feed = try CalendarFeed(parsing: "webcal://Calendar.Example.org/mars.ics#x campaign=mars-bleu-2027 fa=7,12 category=screening")
        #expect(feed.address.url == "https://calendar.example.org/mars.ics" || feed.address.url == "https://Calendar.Example.org/mars.ics")
        #expect(feed.address.host == "calendar.example.org")
        #expect(feed.defaults == CalendarDefaults(campaign: "mars-bleu-2027", actionSheets: [7, 12], categories: [.screening]))
        #expect(try CalendarFeed(parsing: "http://127.0.0.1:8000/a.ics").address.url == "http://127.0.0.1:8000/a.ics")
        #expect(try CalendarFeed(parsing: "http://[::1]:8000/a.ics").address.host == "::1")
        for (line, words) in [
            ("http://calendar.example.org/a.ics", "loopback only"), ("http://127.0.0.1.example.org/a.ics", "loopback only"),
            ("file:///etc/passwd", "file://"), ("https://u:p@example.org/a.ics", "user or password"),
            ("https://example.org/a.ics campaign=Mars", "campaign="), ("https://example.org/a.ics fa=7 fa=12", "given twice"),
            ("https://example.org/a.ics nonsense", "key=value"), ("not an address", "not an address"),
        ] {
            #expect(throws: FieldError.self, "\(line)") { try CalendarFeed(parsing: line) }
            do { _ = try CalendarFeed(parsing: line) } catch { #expect(error.reason.contains(words), "\(line): \(error.reason)") }
        }
    }

    @Test func aPublicFeedCannotRedirectToThisMachineOrAPrivateNetwork() throws {
        let public_ = try FeedAddress(parsing: "https://calendar.example.org/a.ics")
        for location in [
            "http://127.0.0.1:13013/cgi-bin/sendsms?to=0600000000", "https://127.0.0.1/", "http://localhost:13013/",
            "https://127.1/", "https://2130706433/", "https://0.0.0.0/", "https://10.1.2.3/", "https://172.16.0.1/",
            "https://172.31.255.255/", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data/", "http://[::1]:13013/",
            "https://[fd00::1]/", "https://[fc00::1]/", "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/", "https://[::]/",
        ] {
            #expect(throws: FieldError.self, "\(location)") { try public_.following(location) }
            do { _ = try public_.following(location) } catch { #expect(error.reason.contains("not followed"), "\(error.reason)") }
        }
        #expect(try public_.following("https://cdn.example.net/b.ics").host == "cdn.example.net")
        #expect(try public_.following("https://172.32.0.1/b.ics").host == "172.32.0.1")
        #expect(try public_.following("/other.ics").url == "https://calendar.example.org/other.ics")
        let loopback = try FeedAddress(parsing: "http://127.0.0.1:8000/a.ics")
        #expect(try loopback.following("http://127.0.0.1:8001/b.ics").url == "http://127.0.0.1:8001/b.ics")
        #expect(try loopback.following("/b.ics").url == "http://127.0.0.1:8000/b.ics")
    }

    @Test func twoFeedLinesForOneCampaignAreRefusedAtTheSecond() throws {
        let text = """
            [calendars]
            feed = https://a.example.org/a.ics campaign=mars-bleu-2027
            feed = https://b.example.org/b.ics campaign=grippe-2027
            feed = https://c.example.org/c.ics campaign=mars-bleu-2027 fa=7
            """
        #expect(throws: ConfigurationError.self) { try Configuration.parse(text, fileName: "relais.conf") }
        do { _ = try Configuration.parse(text, fileName: "relais.conf") } catch {
            #expect(error.line == 4 && error.reason.contains("campaign=mars-bleu-2027"), "\(error)")
        }
        let distinct = try Configuration.parse(text.replacingOccurrences(of: "c.ics campaign=mars-bleu-2027", with: "c.ics"), fileName: "c")
        #expect(distinct.feeds.count == 3)
    }

    @Test func aFeedIsShownByItsHostAndAFileNameNeverByItsSecret() throws {
        for (address, shown) in [
            ("https://calendar.example.org/campagnes/mars-bleu-2027.ics?key=s3cr3t", "calendar.example.org/.../mars-bleu-2027.ics"),
            ("https://calendar.example.org/a.ics", "calendar.example.org/a.ics"),
            ("http://127.0.0.1:8000/feed.ics?token=abc", "127.0.0.1:8000/feed.ics"),
            ("https://cloud.example.org/remote.php/dav/public-calendars/Xk3p9QaZ7mWb2LrT?export", "cloud.example.org"),
            ("https://calendar.google.com/calendar/ical/abc%40group.calendar.google.com/private-0123456789abcdef0123456789abcdef/basic.ics",
             "calendar.google.com/.../basic.ics"),
            ("https://example.org/Xk3p9QaZ7mWb2LrTq8.ics", "example.org"), ("https://example.org/0f3a9c2e71.ics", "example.org"),
            ("https://[::1]:8443/", "[::1]:8443"),
        ] {
            #expect(try FeedAddress(parsing: address).displayName == shown, "\(address)")
        }
        #expect(FeedAddress.shownSource("https://example.org/p/Xk3p9QaZ7mWb2LrTq8?x") == "example.org")
        #expect(FeedAddress.shownSource("/etc/relais/Campaigns/a.ics") == "/etc/relais/Campaigns/a.ics")
    }

    @Test func theReadmesFeedExampleIsAConfigurationRelaisAccepts() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```ini\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let example = try #require(blocks.first { $0.contains("feed = ") })
        let configuration = try Configuration.parse(example, fileName: "README.md")
        #expect(configuration.feeds.count == 1 && configuration.feedMinutes == 15 && configuration.feedTimeoutSeconds == 60)
    }
}
