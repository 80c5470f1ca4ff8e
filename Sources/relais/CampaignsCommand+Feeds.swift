// relais campaigns load URL: a calendar feed fetched by hand, then loaded exactly as a file is
// (and as relais serve loads it every feed_minutes). The address is checked as a configured feed's
// is (https or webcal; plain http on loopback only); a feed configured in [calendars] keeps its
// defaults (campaign=, fa=, category=), under the command's --campaign, --fa and --category. Like a file loaded by hand, nothing is recorded for
// relais status: the daemon's own fetches are.

import Foundation
import RelaisCore
import RelaisDelivery
import RelaisJSON
import RelaisService

extension CampaignsCommand {
    /// Splits the positional words into feed addresses and file or folder names.
    static func feedAddresses(_ words: [String]) throws(UserError) -> (addresses: [FeedAddress], paths: [String]) {
        var addresses: [FeedAddress] = []
        var paths: [String] = []
        for word in words {
            guard FeedAddress.looksLikeAddress(word) else {
                paths.append(word)
                continue
            }
            do { addresses.append(try FeedAddress(parsing: word)) } catch { throw .usage("\(word): \(error.reason)") }
        }
        return (addresses, paths)
    }

    /// Fetches and loads each feed, `options` first, then its feed line's defaults; prints what each
    /// changed, or why it was refused. Returns the addresses refused (not fetched, or not loaded); a
    /// database error ends the command.
    static func loadFeeds(
        _ addresses: [FeedAddress], options: CalendarDefaults, loader: CalendarLoader, verbose: Bool, json: Bool,
        into summaries: inout [CalendarLoadJSON], _ context: Context
    ) throws -> [String] {
        var refused: [String] = []
        for address in addresses {
            var feed = CalendarFeeds.feed(at: address, in: context.configuration)
            feed.defaults = options.filling(from: feed.defaults)
            do {
                let body = try CalendarFeeds.fetch(address, configuration: context.configuration).get()
                let result = try loader.load(feed: feed, body: body, name: address.url, now: context.now)
                if json {
                    summaries.append(
                        CalendarLoadJSON(
                            result.campaign, name: nil, file: address.url, truncations: result.truncations, localTime: context.localTime))
                } else {
                    print(line(for: result.campaign, file: address.url))
                }
                warn(result.truncations, file: address.url, context)
            } catch let failure as FeedFetchFailure {
                Output.warn("\(address.url): \(failure.reason); nothing loaded from this feed")
                refused.append(address.url)
            } catch let error as CalendarLoadError {
                refusal(error, verbose: verbose).forEach(Output.warn)
                refused.append(address.url)
            }
        }
        return refused
    }
}
