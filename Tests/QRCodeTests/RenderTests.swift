import Testing
@testable import QRCode

@Suite("Renderers")
struct RenderTests {
    let symbol = try! QRCode.encode("https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ9876543")

    @Test("SVG has a viewBox, crisp edges, and a single path that redraws the modules exactly")
    func svgStructure() throws {
        let svg = symbol.svg(moduleSize: 5, quietZone: 4)
        let full = symbol.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("viewBox=\"0 0 \(full) \(full)\""))
        #expect(svg.contains("width=\"\(full * 5)\" height=\"\(full * 5)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.ranges(of: "<path").count == 1)
        #expect(svg.hasSuffix("</svg>\n"))

        // Re-rasterise the path ("Mx yhWv1h-Wz" runs) and compare with the modules.
        let d = try #require(svg.split(separator: " d=\"").last?.split(separator: "\"").first)
        var painted = Set<[Int]>()
        for run in d.split(separator: "z") {
            let parts = run.dropFirst().split(whereSeparator: { "hv -".contains($0) }).compactMap { Int($0) }
            try #require(parts.count == 5 && parts[3] == 1 && parts[2] == parts[4], "\(run)")
            for x in parts[0]..<(parts[0] + parts[2]) {
                #expect(painted.insert([x, parts[1]]).inserted, "overlap at \(x),\(parts[1])")
            }
        }
        for y in 0..<full {
            for x in 0..<full {
                #expect(painted.contains([x, y]) == symbol.isDark(x: x - 4, y: y - 4))
            }
        }
    }

    @Test("SVG colours are escaped and an empty background is omitted")
    func svgColours() {
        let svg = symbol.svg(foreground: "url(\"#g\")", background: "")
        #expect(svg.contains("fill=\"url(&quot;#g&quot;)\""))
        #expect(!svg.contains("<rect"))
        #expect(symbol.svg(quietZone: 0).contains("viewBox=\"0 0 \(symbol.size) \(symbol.size)\""))
    }

    @Test("SVG at the extremes: version 40, widest quiet zone, huge module size, long colours")
    func svgExtremes() throws {
        let big = try QRCode.encode(String(repeating: "8", count: 7000), errorCorrection: .low, mask: 0)
        let colour = String(repeating: "\"&<>", count: 50)
        let svg = big.svg(moduleSize: Int.max, quietZone: 1000, foreground: colour, background: colour)
        let full = 177 + 128
        #expect(svg.contains("viewBox=\"0 0 \(full) \(full)\" width=\"\(full << 20)\""))
        #expect(svg.hasSuffix("\"/></svg>\n"))
        #expect(svg.contains("M234 64h7v1h-7z"))  // top row of the top-right finder
    }

    /// Splits a PNG into chunks, checking every CRC.
    private func chunks(_ png: [UInt8]) throws -> [(type: String, data: [UInt8])] {
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var result: [(String, [UInt8])] = []
        var i = 8
        func u32(_ at: Int) -> UInt32 { png[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        while i < png.count {
            let length = Int(u32(i))
            try #require(i + 12 + length <= png.count)
            let typeAndData = Array(png[(i + 4)..<(i + 8 + length)])
            // Bitwise CRC-32, independent of the encoder's table.
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in typeAndData {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            #expect(~crc == u32(i + 8 + length), "CRC of chunk at \(i)")
            result.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), Array(typeAndData.dropFirst(4))))
            i += 12 + length
        }
        return result
    }

    @Test("PNG: signature, IHDR/IDAT/IEND with valid CRCs, zlib stream decodes to the modules",
          arguments: [(1, 0), (4, 4), (6, 4), (8, 2), (13, 4)])
    func pngDecodes(scale: Int, quietZone: Int) throws {
        let png = symbol.png(scale: scale, quietZone: quietZone)
        let parts = try chunks(png)
        #expect(parts.map(\.type) == ["IHDR", "IDAT", "IEND"])
        let pixels = (symbol.size + 2 * quietZone) * scale
        let ihdr = parts[0].data
        #expect(ihdr == [0, 0, UInt8(pixels >> 8), UInt8(pixels & 0xFF), 0, 0, UInt8(pixels >> 8), UInt8(pixels & 0xFF), 1, 0, 0, 0, 0])
        let raw = try TestInflate.zlib(parts[1].data)
        let stride = (pixels + 7) / 8 + 1
        #expect(raw.count == stride * pixels)
        for py in 0..<pixels {
            #expect(raw[py * stride] == 0, "filter byte")
            for px in 0..<pixels {
                let light = (raw[py * stride + 1 + px / 8] >> UInt8(7 - px % 8)) & 1 == 1
                let dark = symbol.isDark(x: px / scale - quietZone, y: py / scale - quietZone)
                if light == dark {
                    Issue.record("pixel \(px),\(py) wrong")
                    return
                }
            }
        }
        // Repetition makes the image small: far below the raw size.
        #expect(parts[1].data.count * 4 < raw.count || scale == 1)
    }

    @Test("PNG scale and quiet zone are clamped to 1…64 and 0…64")
    func pngClamping() throws {
        let tiny = try chunks(symbol.png(scale: 0, quietZone: -3))[0].data
        #expect(tiny[3] == UInt8(symbol.size))
        let huge = try chunks(symbol.png(scale: 1000, quietZone: 4))[0].data
        #expect(Int(huge[2]) << 8 | Int(huge[3]) == (symbol.size + 8) * QRCode.maxPNGScale)
    }

    @Test("Version 40 PNG decodes (long lines, three-word rows)")
    func largePNG() throws {
        let big = try QRCode.encode(String(repeating: "9", count: 7000), errorCorrection: .low)
        #expect(big.version == 40)
        let parts = try chunks(big.png(scale: 3))
        let raw = try TestInflate.zlib(parts[1].data)
        let pixels = (177 + 8) * 3
        #expect(raw.count == ((pixels + 7) / 8 + 1) * pixels)
    }
}
