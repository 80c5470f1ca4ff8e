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
        var handler: Handler
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
        let route = matching.first {
            switch $0.methods {
            case .all: true
            case .only(let methods): methods.contains(method)
            }
        }
        guard let route else {
            guard case .only(let methods) = first.methods else { return .plain(404) }
            return .methodNotAllowed(methods)
        }
        return route.handler(request)
    }
}
