// Router: which handler answers which request. Routes match a method and a path prefix, longest
// prefix first; a path no route knows gets 404, a known path with another method 405. Handlers
// are `@Sendable`: the server calls them on libmicrohttpd's threads, one per connection.

import Foundation

/// Maps requests to handlers.
public struct Router: Sendable {
    /// A handler: a request in, a response out, on any thread.
    public typealias Handler = @Sendable (Request) -> Response

    private struct Route: Sendable {
        var methods: Set<String>
        var prefix: String
        var handler: Handler
    }

    private var routes: [Route] = []

    /// An empty router: every request gets 404.
    public init() {}

    /// Adds a handler for `methods` on every path equal to `prefix` or below it (`prefix` + "/...").
    public mutating func add(_ methods: Set<String>, prefix: String, _ handler: @escaping Handler) {
        routes.append(Route(methods: methods, prefix: prefix, handler: handler))
        routes.sort { $0.prefix.count > $1.prefix.count }
    }

    /// The answer to `request`.
    public func respond(to request: Request) -> Response {
        let matching = routes.filter {
            request.path == $0.prefix || request.path.hasPrefix($0.prefix.hasSuffix("/") ? $0.prefix : $0.prefix + "/")
        }
        guard let first = matching.first else { return .plain(404) }
        // HEAD is answered as GET; libmicrohttpd leaves the body out.
        let method = request.method == "HEAD" ? "GET" : request.method
        guard let route = matching.first(where: { $0.methods.contains(method) }) else {
            var response = Response.plain(405)
            response.headers.append(("Allow", first.methods.sorted().joined(separator: ", ")))
            return response
        }
        return route.handler(request)
    }
}
