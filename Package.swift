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
        // One target per stage, so the compiler keeps the pipeline's direction (STYLE.md): each depends only on
        // the stages before it; Check and Render never on each other; Write on the model alone.
        .target(name: "HarigamiModel"),
        .target(name: "HarigamiLoad", dependencies: ["HarigamiModel", .product(name: "Yams", package: "Yams")]),
        .target(name: "HarigamiMarkdown", dependencies: ["HarigamiModel", "CCmarkGFM"]),
        .target(name: "HarigamiPosterLayout", dependencies: ["HarigamiModel", "HarigamiMarkdown"]),
        .target(
            name: "HarigamiCheck",
            dependencies: ["HarigamiModel", "HarigamiLoad", "HarigamiMarkdown", "HarigamiPosterLayout", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "HarigamiRender",
            dependencies: ["HarigamiModel", "HarigamiLoad", "HarigamiMarkdown", "HarigamiPosterLayout", "CQRencode",
                           .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(name: "HarigamiWrite", dependencies: ["HarigamiModel"]),
        .target(
            name: "HarigamiAuthoring",
            dependencies: ["HarigamiModel", "HarigamiLoad", "HarigamiCheck", "HarigamiRender", .product(name: "Yams", package: "Yams")]
        ),
        // The pipeline: load → check → render → write.
        .target(
            name: "Harigami",
            dependencies: ["HarigamiModel", "HarigamiLoad", "HarigamiMarkdown", "HarigamiPosterLayout", "HarigamiCheck",
                           "HarigamiRender", "HarigamiWrite", "HarigamiAuthoring"]
        ),
        // The preview server stays out of the core library: only `harigami serve` needs sockets.
        .target(
            name: "HarigamiServe",
            dependencies: [
                "Harigami", "HarigamiModel", "HarigamiLoad", "HarigamiMarkdown", "HarigamiCheck", "HarigamiRender",
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "harigami",
            dependencies: [
                "Harigami", "HarigamiModel", "HarigamiLoad", "HarigamiMarkdown", "HarigamiCheck", "HarigamiRender", "HarigamiWrite", "HarigamiAuthoring",
                "HarigamiServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "HarigamiTests",
            dependencies: ["Harigami", "HarigamiModel", "HarigamiLoad", "HarigamiMarkdown", "HarigamiPosterLayout", "HarigamiCheck",
                           "HarigamiRender", "HarigamiWrite", "HarigamiAuthoring", "HarigamiServe"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

// The libFuzzer target exists only for Scripts/fuzz: without -sanitize=fuzzer it has no main to link.
if ProcessInfo.processInfo.environment["HARIGAMI_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "HarigamiFuzz", dependencies: ["Harigami", "HarigamiModel", "HarigamiLoad", "HarigamiMarkdown", "HarigamiServe"]))
}
