import Foundation
import GutskinCore
import GutskinKit
import XCTest

/// 2025-06-10T10:30:00Z: 12:30 in Berlin (summer time), a Tuesday.
let june10 = Date(timeIntervalSince1970: 1_749_551_400)
let berlin = TimeZone(identifier: "Europe/Berlin")!
let day10 = Day(year: 2025, month: 6, day: 10)!

/// Every state a view model reported, in order.
@MainActor
final class Recorder<State> {
    private(set) var states: [State] = []
    func record(_ state: State) { states.append(state) }
}

/// Stores a profile that tracks `conditions` (the rest as the diary has it).
@discardableResult
func setConditions(_ conditions: [Condition], in client: DiaryClient) async throws -> Profile {
    var profile = try await client.profile()
    profile.conditions = conditions
    return try await client.setProfile(profile)
}

func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("gutskin-kit-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Asserts that `body` throws `GutskinError.InvalidInput` for `field`.
func assertInvalidInput<T>(
    _ body: @autoclosure () throws -> T, field: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        guard case let GutskinError.InvalidInput(actual, _) = error else {
            return XCTFail("expected InvalidInput(\(field)), got \(error)", file: file, line: line)
        }
        XCTAssertEqual(actual, field, file: file, line: line)
    }
}

/// Asserts that an async `body` throws `GutskinError.InvalidInput` for `field`.
func assertInvalidInput<T>(
    field: String, file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> T
) async {
    do {
        _ = try await body()
        XCTFail("expected InvalidInput(\(field))", file: file, line: line)
    } catch let GutskinError.InvalidInput(actual, _) {
        XCTAssertEqual(actual, field, file: file, line: line)
    } catch {
        XCTFail("expected InvalidInput(\(field)), got \(error)", file: file, line: line)
    }
}
