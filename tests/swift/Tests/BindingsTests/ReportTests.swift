import Foundation
import GutskinCore
import XCTest

/// The doctor's report: one standalone HTML page.
final class ReportTests: XCTestCase {
    func testReportHtmlIsOneStandalonePage() throws {
        let diary = try Diary.openInMemory()
        _ = try diary.logEntries(entries: everyKind())
        let html = try diary.reportHtml(from: "2025-06-01", to: "2025-06-10")
        XCTAssertTrue(html.lowercased().contains("<html"), String(html.prefix(200)))
        XCTAssertTrue(html.lowercased().contains("</html>"))
        for external in ["src=\"http", "href=\"http", "@import", "url(http"] {
            XCTAssertFalse(html.contains(external), "no external resources: found \(external)")
        }
        assertInvalidInput(try diary.reportHtml(from: "2025-06-10", to: "2025-06-01"), field: "to")
    }
}
