// Router: which handler answers which request. Routes match a path prefix, longest prefix first,
// and a set of methods; a path no route knows gets 404, a known path with another method 405 and
// an `Allow` header naming the methods it has. A route whose paths do not all take the same
// methods (the JSON API: GET /api/v1/runs, POST /api/v1/runs/{id}/bookings) takes every method and
// answers 405 itself, with `Response.methodNotAllowed`. Handlers are `@Sendable`: the server calls
// them on libmicrohttpd's threads, one per connection.

import Foundation

/// Maps requests to handlers.
public struct Router: Sendable {
    /// A handler: a request in, a response out, on any thread.
    public typealias Handler = @Sendable (Request) -> Response

    /// The methods a route takes.
    public enum Methods: Sendable {
        /// These; the router answers others with 405 (HEAD is taken as GET).
        case only(Set<String>)
        /// Every method: the handler answers 405 for those a path does not take.
        case all
    }

    private struct Route: Sendable {
        var methods: Methods
        var prefix: String
        /// What a path below `prefix` begins with: `prefix` and one slash (made once, not per request).
        var below: String
        var handler: Handler

        /// Whether `path` is `prefix` or below it.
        func matches(_ path: String) -> Bool { path == prefix || path.hasPrefix(below) }

        /// Whether the route takes `method`.
        func takes(_ method: String) -> Bool {
            switch methods {
            case .all: true
            case .only(let methods): methods.contains(method)
            }
        }
    }

    private var routes: [Route] = []

    /// An empty router: every request gets 404.
    public init() {}

    /// Adds a handler for `methods` on every path equal to `prefix` or below it (`prefix` + "/...").
    public mutating func add(_ methods: Set<String>, prefix: String, _ handler: @escaping Handler) {
        add(.only(methods), prefix: prefix, handler)
    }

    /// Adds a handler for `methods` on every path equal to `prefix` or below it (`prefix` + "/...").
    public mutating func add(_ methods: Methods, prefix: String, _ handler: @escaping Handler) {
        routes.append(Route(methods: methods, prefix: prefix, below: prefix.hasSuffix("/") ? prefix : prefix + "/", handler: handler))
        routes.sort { $0.prefix.count > $1.prefix.count }
    }

    /// The answer to `request`: the first route (longest prefix) that matches its path and takes
    /// its method; 405 when routes match the path but none takes the method, 404 when none matches.
    public func respond(to request: Request) -> Response {
        // HEAD is answered as GET; libmicrohttpd leaves the body out.
        let method = request.method == "HEAD" ? "GET" : request.method
        // By index: a route is not copied (its strings and handler retained) per request.
        var first: Int?
        for index in routes.indices where routes[index].matches(request.path) {
            if first == nil { first = index }
            if routes[index].takes(method) { return routes[index].handler(request) }
        }
        guard let first, case .only(let methods) = routes[first].methods else { return .plain(404) }
        return .methodNotAllowed(methods)
    }
}
