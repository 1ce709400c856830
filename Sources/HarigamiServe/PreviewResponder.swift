// The answer to one request for a file: from the build in memory, with the preview's additions in HTML.

import Foundation
import HarigamiModel

enum PreviewResponder {
    static func respond(method: String, rawPath: String, site: PreviewSite) -> PreviewResponse {
        guard method == "GET" || method == "HEAD" else {
            return response(method: method, status: .methodNotAllowed, type: "text/plain; charset=utf-8",
                            body: Data("Only GET and HEAD are answered by the preview.\n".utf8), extra: [("Allow", "GET, HEAD")])
        }
        if rawPath == PageInjection.scriptPath {
            return response(method: method, status: .ok, type: MediaType.of(path: rawPath), body: Data(PageInjection.reloadScript.utf8))
        }
        // Nothing of the build lives under the preview's own prefix, and nothing else is answered there.
        guard !rawPath.hasPrefix("/__harigami/"), case .file(let key) = RequestPath.resolve(rawPath) else {
            return notFound(method: method, site: site)
        }
        guard let files = site.files else {
            // No build has worked yet: every page shows the problems, and reloads once they are fixed.
            guard MediaType.isHTML(path: key) || !key.contains(".") else { return notFound(method: method, site: site) }
            return response(method: method, status: .internalServerError, type: "text/html; charset=utf-8",
                            body: PageInjection.problemsPage(buildID: site.buildID, problems: site.problems))
        }
        if let data = files[key] {
            let body = MediaType.isHTML(path: key) ? PageInjection.inject(into: data, buildID: site.buildID, problems: site.problems) : data
            return response(method: method, status: .ok, type: MediaType.of(path: key), body: body)
        }
        // `/ja` is the folder `/ja/`: redirect, or the page's relative links would miss by one level.
        if files[key + "/index.html"] != nil {
            return response(method: method, status: .found, type: "text/plain; charset=utf-8", body: Data(),
                            extra: [("Location", rawPath + "/")])
        }
        return notFound(method: method, site: site)
    }

    /// The site's own 404 page when it has one, so a missing page looks as it will when published.
    static func notFound(method: String, site: PreviewSite) -> PreviewResponse {
        if let page = site.files?["404.html"] {
            return response(method: method, status: .notFound, type: "text/html; charset=utf-8",
                            body: PageInjection.inject(into: page, buildID: site.buildID, problems: site.problems))
        }
        return response(method: method, status: .notFound, type: "text/plain; charset=utf-8", body: Data("Not found.\n".utf8))
    }

    /// A HEAD answer carries the GET answer's headers and no body.
    static func response(method: String, status: PreviewResponse.Status, type: String, body: Data, extra: [(name: String, value: String)] = []) -> PreviewResponse {
        let headers = [
            ("Content-Type", type),
            ("Cache-Control", "no-store"),
            ("Content-Length", String(body.count)),
            ("X-Content-Type-Options", "nosniff"),
        ] + extra
        return PreviewResponse(status: status, headers: headers, body: .bytes(method == "HEAD" ? Data() : body))
    }
}
