// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "imp-packet",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "imp-packet", targets: ["imp-packet"]),
    .library(name: "IMPPacket", targets: ["IMPPacket"]),
    .library(name: "IMPServer", targets: ["IMPServer"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    // C libraries: a module map and a shim header each, nothing else.
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
    .systemLibrary(
      name: "CLibZip", pkgConfig: "libzip",
      providers: [.apt(["libzip-dev"]), .brew(["libzip"])]),
    // Deflate and CRC-32 for zip entries (twice zlib's speed); scripts/deps pins its version.
    .systemLibrary(
      name: "CLibDeflate", pkgConfig: "libdeflate",
      providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
    // glibc's mallopt, for batches (see Batch.keepFreedMemory).
    .systemLibrary(name: "CMalloc"),

    // The template engine: libxml2 trees and directives. Knows nothing about immigration.
    .target(name: "XMLTemplates", dependencies: ["CLibXML2"], swiftSettings: strict),
    // Deterministic zip writing over libzip. Knows nothing about immigration.
    .target(name: "ZipPacket", dependencies: ["CLibZip", "CLibDeflate"], swiftSettings: strict),
    // HTML, images and PDFs -> one PDF, through a WeasyPrint process kept running (pikepdf
    // for existing PDFs). Knows nothing about immigration.
    .target(
      name: "PDFRender", exclude: [], resources: [.copy("Resources/render-driver.py")],
      swiftSettings: strict),
    // Strict JSON reading: limits, line and column of every problem. Knows nothing about immigration.
    .target(name: "StrictJSON", swiftSettings: strict),
    // Profile, catalog, eligibility, checklist, fees, dates. Pure Swift, no C, no file writing.
    .target(name: "IMPRules", dependencies: ["StrictJSON"], swiftSettings: strict),
    // Where a resource bundle is found at run time (for the two below).
    .target(name: "ResourceBundle", swiftSettings: strict),
    // The shipped templates and catalog, as a resource bundle.
    .target(
      name: "DefaultTemplates", dependencies: ["ResourceBundle"], path: "Templates",
      exclude: ["README.md"],
      sources: ["DefaultTemplates.swift"],
      resources: [.copy("packet"), .copy("catalog"), .copy("samples"), .copy("locale"), .copy("forms")],
      swiftSettings: strict),
    // The JSON Schemas of the profile and employer files and the HTTP API's OpenAPI
    // document, as a resource bundle.
    .target(
      name: "Schemas", dependencies: ["ResourceBundle"], path: "schema",
      sources: ["Schemas.swift"],
      resources: [.copy("profile.schema.json"), .copy("employer.schema.json"), .copy("openapi.json")],
      swiftSettings: strict),
    // Composes them: profile -> plan -> rendered files -> zip.
    .target(
      name: "IMPPacket",
      dependencies: [
        "IMPRules", "StrictJSON", "XMLTemplates", "ZipPacket", "PDFRender", "DefaultTemplates", "CMalloc",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: strict),
    // The web intake and the HTTP JSON API: routes, pages, auth. Thin over IMPPacket, as the CLI is.
    .target(
      name: "IMPServer",
      dependencies: [
        "IMPPacket", "IMPRules", "StrictJSON", "ZipPacket", "Schemas", "DefaultTemplates",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      swiftSettings: strict),
    // The command line: argument parsing and printing only.
    .executableTarget(
      name: "imp-packet",
      dependencies: [
        "IMPPacket", "IMPRules", "StrictJSON", "DefaultTemplates", "ZipPacket", "IMPServer", "PDFRender",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),

    .testTarget(name: "XMLTemplatesTests", dependencies: ["XMLTemplates"]),
    .testTarget(name: "ZipPacketTests", dependencies: ["ZipPacket"]),
    .testTarget(name: "StrictJSONTests", dependencies: ["StrictJSON"]),
    .testTarget(name: "PDFRenderTests", dependencies: ["PDFRender"]),
    .testTarget(name: "IMPRulesTests", dependencies: ["IMPRules", "StrictJSON", "DefaultTemplates", "TestSupport"]),
    // What the test targets share: the repository, the built tool, running a program.
    .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
    .testTarget(
      name: "IMPPacketTests",
      dependencies: ["IMPPacket", "IMPRules", "StrictJSON", "ZipPacket", "PDFRender", "imp-packet", "TestSupport"]),
    .testTarget(
      name: "IMPServerTests",
      dependencies: [
        "IMPServer", "IMPPacket", "IMPRules", "StrictJSON", "ZipPacket", "imp-packet", "TestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
  ]
)
