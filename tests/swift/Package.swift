// swift-tools-version:6.0
// The Swift tests, run on Linux by tests/swift/run.sh (which generates the bindings first).
//
// A test-only package: SwiftPM keeps a package's targets inside its folder, and the foreign-language tests
// live under tests/, so this package depends on ios/GutskinCore by path. Being the root package, it is
// also where the Linux-only linker flags go (unsafe flags are refused in dependencies): the folder of
// libgutskin_ffi.so, GUTSKIN_LIB_DIR (default: the workspace's target/debug), as search path and rpath.
import PackageDescription

let libDir = Context.environment["GUTSKIN_LIB_DIR"] ?? (Context.packageDirectory + "/../../target/debug")
let linkTheLibrary: [LinkerSetting] = [.unsafeFlags(["-L", libDir, "-Xlinker", "-rpath", "-Xlinker", libDir])]

let package = Package(
    name: "GutskinSwiftTests",
    dependencies: [.package(path: "../../ios/GutskinCore")],
    targets: [
        // The generated bindings alone: every exported call, every error variant, threads, round trips.
        .testTarget(
            name: "BindingsTests",
            dependencies: [.product(name: "GutskinCore", package: "GutskinCore")],
            path: "Tests/BindingsTests",
            linkerSettings: linkTheLibrary
        ),
        // The hand-written layer of ios/GutskinCore (GutskinKit): DiaryClient, Day, builders, Problem and
        // the view models of Today, Log meal, Skin check-in and History.
        .testTarget(
            name: "KitTests",
            dependencies: [
                .product(name: "GutskinKit", package: "GutskinCore"),
                .product(name: "GutskinCore", package: "GutskinCore"),
            ],
            path: "Tests/KitTests",
            linkerSettings: linkTheLibrary
        ),
    ]
)
