// swift-tools-version:6.0
// GutskinCore: the Gutskin core for Swift.
//
//   GutskinCoreFFI  the C side of the uniffi bindings (headers + module map)
//   GutskinCore     the uniffi-generated Swift of both namespaces (gutskin_core, gutskin_ffi); generated
//                   into Sources/GutskinCore by sync-bindings.sh, never committed
//   GutskinKit      the hand-written layer: async DiaryClient, Day, entry builders, user-facing
//                   problems, and the plain-Swift view models of the screens (no SwiftUI, no Combine)
//
// Where the Rust library comes from:
//   - on Apple platforms, from GutskinCoreFFI.xcframework (static libraries for iOS and the simulator, with
//     the headers), built by ../build-xcframework.sh on a Mac;
//   - on Linux (the tests in tests/swift), from the shared library libgutskin_ffi.so: this package only
//     declares the C module (Sources/GutskinCoreFFI, its module map links "gutskin_ffi"); the root package
//     that runs the tests passes the library folder to the linker (unsafe flags are for root packages).
import PackageDescription

#if os(Linux)
let ffiTarget: Target = .systemLibrary(name: "GutskinCoreFFI", path: "Sources/GutskinCoreFFI")
#else
let ffiTarget: Target = .binaryTarget(name: "GutskinCoreFFI", path: "GutskinCoreFFI.xcframework")
#endif

let package = Package(
    name: "GutskinCore",
    platforms: [.iOS(.v16), .macOS(.v13)],
    products: [
        .library(name: "GutskinCore", targets: ["GutskinCore"]),
        .library(name: "GutskinKit", targets: ["GutskinKit"]),
    ],
    targets: [
        ffiTarget,
        .target(
            name: "GutskinCore",
            dependencies: ["GutskinCoreFFI"],
            path: "Sources/GutskinCore"
        ),
        .target(
            name: "GutskinKit",
            dependencies: ["GutskinCore"],
            path: "Sources/GutskinKit"
        ),
    ]
)
