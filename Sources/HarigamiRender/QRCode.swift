// libqrencode behind a value type: the QR code symbol for a poster, drawn as inline SVG.

import CQRencode
import Foundation
import HarigamiModel
import HarigamiLoad
import HarigamiMarkdown
import HarigamiPosterLayout

public struct QRCode: Sendable, Hashable {
    /// Rows of modules, top to bottom; true is dark.
    public var modules: [[Bool]]
    public var version: Int

    public var size: Int { modules.count }

    public enum EncodingError: Error, CustomStringConvertible {
        /// libqrencode refused the text (too long for a QR code, or out of memory); errno as it reported it.
        case failed(text: String, errno: Int32)

        public var description: String {
            switch self {
            case .failed(let text, let code): "cannot make a QR code for '\(text)' (\(String(cString: strerror(code))))"
            }
        }
    }

    /// Encodes `text` as bytes with error correction level M (15 % of the symbol may be damaged or dirty and still read).
    public init(_ text: String) throws(EncodingError) {
        errno = 0
        guard let symbol = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
            throw .failed(text: text, errno: errno)
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        let data = symbol.pointee.data!
        version = Int(symbol.pointee.version)
        modules = (0..<width).map { row in
            (0..<width).map { column in data[row * width + column] & 1 == 1 }
        }
    }

    /// The symbol as SVG, one path of dark modules on white, with the four-module quiet zone scanners need.
    /// It fills whatever box it is put in.
    public func svg(label: String) -> String {
        let quiet = 4
        let side = size + 2 * quiet
        var path = ""
        for (row, cells) in modules.enumerated() {
            var column = 0
            while column < size {
                guard cells[column] else { column += 1; continue }
                let start = column
                while column < size && cells[column] { column += 1 }
                path += "M\(start + quiet) \(row + quiet)h\(column - start)v1h-\(column - start)z"
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }
}
