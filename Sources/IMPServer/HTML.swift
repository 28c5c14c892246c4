/// HTML text built by the pages. Every value goes through ``HTML/escape(_:)``; markup is
/// only ever written by the page code itself.
enum HTML {
  /// `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attribute values.
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// A whole page: the shared style sheet, no script, the title and the body.
  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="same-origin">
    <title>\(escape(title)) — imp-packet</title>
    <link rel="stylesheet" href="/static/app.css">
    </head>
    <body>
    <header><a class="home" href="/">imp-packet</a> <span>cases</span></header>
    <main>
    \(body)
    </main>
    </body>
    </html>

    """
  }

  /// An `id` attribute value for a JSON path (`f-applicant.education[0].level`).
  static func fieldID(_ path: String) -> String { "f-" + path }
}
