// swift-tools-version:6.0
import PackageDescription
import Foundation

let package = Package(
    name: "Harigami",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "harigami", targets: ["harigami"]),
        .library(name: "Harigami", targets: ["Harigami"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(
            name: "Harigami",
            dependencies: [
                "CCmarkGFM",
                "CQRencode",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The preview server stays out of the core library: only `harigami serve` needs sockets.
        .target(
            name: "HarigamiServe",
            dependencies: [
                "Harigami",
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "harigami",
            dependencies: [
                "Harigami",
                "HarigamiServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "HarigamiTests",
            dependencies: ["Harigami", "HarigamiServe"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

// The libFuzzer target exists only for Scripts/fuzz: without -sanitize=fuzzer it has no main to link.
if ProcessInfo.processInfo.environment["HARIGAMI_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "HarigamiFuzz", dependencies: ["Harigami", "HarigamiServe"]))
}
