/// Files the browser loads, written by us and compiled in: no CDN, no npm, nothing to deploy
/// beside the binary. Each carries a content hash, used as `?v=` so browsers may cache for a year.
struct Asset: Sendable {
    let body: String
    let contentType: String
    let version: String

    init(_ body: String, contentType: String) {
        self.body = body
        self.contentType = contentType
        self.version = Self.fnv1a(body)
    }

    /// 64-bit FNV-1a: a stable content fingerprint, not a security measure.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

enum Assets {
    static func asset(_ name: SiteURL.Asset) -> Asset {
        switch name {
        case .siteCSS: siteCSS
        case .favicon: favicon
        case .producerJS: producerJS
        }
    }

    static let favicon = Asset("""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#17633a"/>\
        <path d="M9 24V8h3l8 11V8h3v16h-3l-8-11v11z" fill="#fff"/></svg>
        """, contentType: "image/svg+xml")

    // Mobile first: most visitors scan a QR code on a phone in a shop. System fonts that carry
    // Vietnamese diacritics, large touch targets, high contrast, no layout shift.
    static let siteCSS = Asset("""
        :root{--green:#17633a;--green-dark:#0f4528;--ink:#1c2421;--muted:#56615b;--line:#d9e0dc;--bg:#f6f8f7;--card:#fff;--warn:#9a3412;--warn-bg:#fff4ed}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
        a{color:var(--green)}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        .skip{position:absolute;left:-999px}
        .skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
        .wrap{max-width:960px;margin:0 auto;padding:0 16px}
        .site-header{background:var(--green);color:#fff}
        .bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px;min-height:56px}
        .brand{display:flex;align-items:center;gap:8px;color:#fff;text-decoration:none;font-weight:700;font-size:1.25rem}
        .brand-mark{display:inline-grid;place-items:center;width:32px;height:32px;border-radius:8px;background:#fff;color:var(--green)}
        .site-header nav{display:flex;flex-wrap:wrap;gap:4px}
        .site-header nav a{color:#fff;text-decoration:none;padding:10px 12px;border-radius:6px}
        .site-header nav a:hover{background:var(--green-dark)}
        .site-header nav a.lang{border:1px solid rgba(255,255,255,.6)}
        main{padding:24px 16px 48px}
        h1{font-size:1.75rem;line-height:1.25;margin:8px 0 12px}
        h2{font-size:1.25rem;margin:28px 0 10px}
        .lead{font-size:1.1rem;color:var(--muted);max-width:44em}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:16px;margin:16px 0}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px}
        .card h2,.card h3{margin-top:0;font-size:1.1rem}
        form.tool{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
        label{display:block;font-weight:600;margin-bottom:4px}
        input[type=text],input[type=password],input[type=search],input[type=number],input[type=date],input[type=datetime-local],input[type=tel],input[type=email],input[type=file],textarea,select{width:100%;min-height:44px;padding:8px 10px;font:inherit;border:1px solid #9aa7a0;border-radius:6px;background:#fff}
        .field{flex:1 1 260px}
        button{min-height:44px;padding:8px 18px;font:inherit;font-weight:600;color:#fff;background:var(--green);border:0;border-radius:6px;cursor:pointer}
        button:hover{background:var(--green-dark)}
        .hint{color:var(--muted);font-size:.9rem;margin:4px 0 0}
        .error{background:var(--warn-bg);border:1px solid #fdba74;color:var(--warn);border-radius:8px;padding:12px 14px;margin:12px 0}
        table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);border-radius:8px;overflow:hidden}
        th,td{text-align:left;padding:10px;border-bottom:1px solid var(--line);vertical-align:top}
        th{background:#eef3f0;font-weight:600}
        td code,p code{overflow-wrap:anywhere}
        td.nowrap{white-space:nowrap}
        .error p{margin:0}
        .qr{display:block;width:200px;max-width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
        .eyebrow{margin:0;color:var(--green);font-weight:600;font-size:.85rem;text-transform:uppercase;letter-spacing:.04em}
        dl.facts{display:grid;grid-template-columns:minmax(7.5em,max-content) 1fr;gap:6px 14px;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px;margin:12px 0}
        dl.facts dt{color:var(--muted)}
        dl.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
        ol.journey{list-style:none;margin:8px 0;padding:0 0 0 18px;border-left:3px solid #b7d7c4}
        ol.journey li{position:relative;padding:0 0 14px 12px}
        ol.journey li::before{content:"";position:absolute;left:-26px;top:4px;width:13px;height:13px;border-radius:50%;background:var(--green);border:3px solid var(--bg)}
        ol.journey p{margin:0}
        ol.journey .when{color:var(--muted);font-size:.85rem}
        ol.journey .what{font-weight:600}
        ol.journey .where{font-size:.95rem}
        form.stack{display:grid;gap:14px;max-width:34em;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px;margin:12px 0}
        form.inline{display:inline;margin:0}
        button.link{background:none;color:#fff;padding:10px 12px;font-weight:400;min-height:0}
        button.link:hover{background:var(--green-dark)}
        button.secondary{background:#fff;color:var(--green);border:1px solid var(--green)}
        button.danger{background:var(--warn)}
        .notice{background:#ecfdf3;border:1px solid #86efac;border-radius:8px;padding:12px 14px;margin:12px 0}
        .secret{display:block;font-size:1.05rem;padding:10px;background:#fff;border:1px dashed var(--green);border-radius:6px;overflow-wrap:anywhere}
        .field-error{color:var(--warn);font-size:.9rem;margin:4px 0 0}
        .checks label{display:flex;gap:8px;align-items:center;font-weight:400}
        .badge{display:inline-block;padding:1px 8px;border-radius:99px;background:#eef3f0;font-size:.85rem}
        .badge.off{background:var(--warn-bg);color:var(--warn)}
        .table-scroll{overflow-x:auto}
        .site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding:16px 0}
        textarea{min-height:88px;resize:vertical}
        fieldset.field{border:1px solid var(--line);border-radius:8px;padding:8px 12px;margin:0}
        fieldset.field legend{font-weight:600;padding:0 4px}
        .row{display:flex;flex-wrap:wrap;gap:12px}
        .row .field{flex:1 1 140px}
        nav.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:12px 0 4px}
        a.button{display:inline-flex;align-items:center;justify-content:center;min-height:48px;padding:8px 16px;border-radius:8px;background:var(--green);color:#fff;font-weight:600;text-decoration:none;text-align:center}
        a.button:hover{background:var(--green-dark)}
        a.button.secondary{background:#fff;color:var(--green);border:1px solid var(--green)}
        .check-row{display:grid;grid-template-columns:2fr auto 2fr;gap:8px;margin-bottom:8px}
        .check-row.analyte{grid-template-columns:2fr 1fr 1fr 1fr}
        form.stack:has(fieldset.checklist){max-width:60em}
        .holder-actions form.inline{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
        details>summary{cursor:pointer;font-weight:600;color:var(--green);padding:12px 0;min-height:48px;box-sizing:border-box}
        @media (max-width:640px){.check-row{grid-template-columns:1fr auto;}.check-row input[name^=finding]{grid-column:1/-1}.check-row.analyte{grid-template-columns:1fr 1fr}}
        ul.cards{list-style:none;padding:0}
        ul.cards li{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
        ul.cards li p{margin:2px 0}
        img.product-image{display:block;width:100%;max-width:420px;height:auto;border-radius:10px;border:1px solid var(--line);margin:8px 0}
        nav.pager{display:flex;gap:12px;align-items:center;justify-content:center;margin:16px 0}
        @media (max-width:480px){h1{font-size:1.45rem}th,td{padding:8px 6px}}
        """, contentType: "text/css; charset=utf-8")
}
