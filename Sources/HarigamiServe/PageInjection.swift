// What the preview adds to a served HTML page, and only there: the reload script and the problems overlay.

import Foundation
import HarigamiModel

public enum PageInjection {
    public static let scriptPath = "/__harigami/reload.js"
    public static let eventsPath = "/__harigami/events"

    /// `html` with the reload script, and the overlay when the latest build failed, before its last `</body>`.
    public static func inject(into html: Data, buildID: String, problems: [Diagnostic]) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        let addition = (problems.isEmpty ? "" : overlay(problems)) + scriptTag(buildID: buildID)
        if let end = text.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            text.insert(contentsOf: addition, at: end.lowerBound)
        } else {
            text += addition
        }
        return Data(text.utf8)
    }

    static func scriptTag(buildID: String) -> String {
        "<script src=\"\(scriptPath)\" data-build=\"\(HTMLText.escape(buildID))\" defer></script>\n"
    }

    /// The page served for every address while no build has worked yet: nothing but the overlay.
    public static func problemsPage(buildID: String, problems: [Diagnostic]) -> Data {
        let page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Harigami preview: the content has errors</title>
            </head>
            <body>
            <p>The site could not be built yet. Fix the problems listed here; this page reloads by itself.</p>
            </body>
            </html>

            """
        return inject(into: Data(page.utf8), buildID: buildID, problems: problems)
    }

    /// Every error with its file, line and column, as `harigami build` prints them, on top of the page.
    static func overlay(_ problems: [Diagnostic]) -> String {
        let errors = problems.filter { $0.severity == .error }.sortedForReport()
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        var html = """
            <aside id="harigami-problems" role="alert" aria-labelledby="harigami-problems-title" style="position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#fff5f5;color:#1a1a1a;border-bottom:4px solid #b00020;box-shadow:0 4px 16px rgba(0,0,0,.35);font:16px/1.5 system-ui,sans-serif;text-align:left">
            <h2 id="harigami-problems-title" style="margin:0 0 .5rem;font-size:1.15rem;color:#b00020">内容にエラーがあります — The content has \(count)</h2>
            <p style="margin:0 0 .75rem">The preview shows the last build that worked. Fix these files and save; the page reloads by itself.</p>
            <ol style="margin:0;padding-left:1.5rem">

            """
        for error in errors {
            let location = error.location
            // Line 0: a problem of the whole folder (a build that stopped), not of a place in a file.
            let place = location.line == 0 ? location.path : "\(location.path):\(location.line):\(location.column)"
            html += "<li style=\"margin:.25rem 0\"><code style=\"font-weight:bold\">\(HTMLText.escape(place))</code> \(HTMLText.escape(error.message)) <code style=\"color:#555\">[\(HTMLText.escape(error.rule))]</code></li>\n"
        }
        html += "</ol>\n<button type=\"button\" data-harigami-hide style=\"margin-top:.75rem;font:inherit\">Hide</button>\n</aside>\n"
        return html
    }


    /// Listens on the event stream; reloads when its own page, a shared file (CSS, images) or the
    /// problems changed, and when it reconnects to a server that has built since the page was served.
    public static let reloadScript = """
        (() => {
          const script = document.currentScript;
          let build = script ? script.dataset.build : "";
          const here = () => {
            let path = decodeURIComponent(location.pathname).replace(/^\\/+/, "");
            if (path === "" || path.endsWith("/")) path += "index.html";
            return path;
          };
          const hide = document.querySelector("[data-harigami-hide]");
          if (hide) hide.addEventListener("click", () => document.getElementById("harigami-problems").remove());
          const events = new EventSource("\(eventsPath)");
          events.addEventListener("build", (event) => {
            if (event.data !== build) location.reload();
          });
          events.addEventListener("reload", (event) => {
            const change = JSON.parse(event.data);
            const mine = change.all || change.paths.some((path) => path === here() || !path.endsWith(".html"));
            if (mine) location.reload(); else build = change.build;
          });
        })();

        """
}
