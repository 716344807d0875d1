import Foundation
import GutskinCore
import GutskinKit
import XCTest

final class DayTests: XCTestCase {
    func testParsesOnlyRealIsoDays() {
        XCTAssertEqual(Day("2025-06-10"), day10)
        XCTAssertEqual(Day("2024-02-29")?.iso, "2024-02-29")
        for bad in ["2025-02-29", "2025-6-10", "2025-06-10T00:00", "10.06.2025", "2025-13-01", "2025-00-10", "", "２０２５-06-10", "+025-06-10"] {
            XCTAssertNil(Day(bad), bad)
        }
        XCTAssertNil(Day(year: 2025, month: 4, day: 31))
    }

    func testIsoIsZeroPadded() {
        XCTAssertEqual(Day(year: 987, month: 1, day: 2)?.iso, "0987-01-02")
        XCTAssertEqual("\(day10)", "2025-06-10")
        XCTAssertEqual(Day(day10.description), day10, "LosslessStringConvertible round trip")
    }

    func testTheDayOfAnInstantDependsOnTheZone() {
        let lateUTC = Date(timeIntervalSince1970: 1_764_113_400)  // 2025-11-25T23:30:00Z
        XCTAssertEqual(Day(lateUTC, in: berlin).iso, "2025-11-26")
        XCTAssertEqual(Day(lateUTC, in: TimeZone(identifier: "America/New_York")!).iso, "2025-11-25")
        XCTAssertEqual(Day.today(in: berlin, now: june10), day10)
    }

    func testAgreesWithTheCoreOnLocalDays() throws {
        let zones = ["Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Lord_Howe"]
        // Around DST changes and midnights of 2025, every 97 minutes over a few days each.
        let starts: [TimeInterval] = [1_743_292_800, 1_761_436_800, 1_735_603_200, 1_749_513_600]
        for zone in zones {
            for start in starts {
                for step in 0..<60 {
                    let instant = Date(timeIntervalSince1970: start + Double(step) * 97 * 60)
                    XCTAssertEqual(Day(instant, in: TimeZone(identifier: zone)!).iso,
                                   try localDate(instant: instant, timeZone: zone), "\(zone) at \(instant)")
                }
            }
        }
    }

    func testDateComponentsRoundTrip() {
        let components = day10.dateComponents
        XCTAssertEqual([components.year, components.month, components.day], [2025, 6, 10])
        XCTAssertEqual(Day(components), day10)
        XCTAssertNil(Day(DateComponents(year: 2025, month: 6)))
        XCTAssertEqual(Day(DateComponents(year: 2025, month: 6, day: 10, hour: 23)), day10, "time fields are ignored")
    }

    func testArithmeticAcrossMonthsYearsAndLeapDays() {
        XCTAssertEqual(day10.adding(days: 21).iso, "2025-07-01")
        XCTAssertEqual(day10.adding(days: -161).iso, "2024-12-31")
        XCTAssertEqual(Day("2024-02-28")!.adding(days: 1).iso, "2024-02-29")
        XCTAssertEqual(Day("2024-02-28")!.adding(days: 2).iso, "2024-03-01")
        XCTAssertEqual(Day("2025-01-01")!.days(to: Day("2026-01-01")!), 365)
        XCTAssertEqual(Day("2024-01-01")!.days(to: Day("2025-01-01")!), 366)
        XCTAssertEqual(day10.days(to: day10.adding(days: -40)), -40)
        XCTAssertLessThan(Day("2024-12-31")!, Day("2025-01-01")!)
        XCTAssertLessThan(Day("2025-01-31")!, Day("2025-02-01")!)
    }

    func testStartIsLocalMidnight() {
        XCTAssertEqual(day10.start(in: berlin), Date(timeIntervalSince1970: 1_749_506_400))  // 2025-06-09T22:00:00Z
        // Sao Paulo had no midnight on 2018-11-04 (DST began at 00:00): the day starts at 01:00.
        let saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
        XCTAssertEqual(Day("2018-11-04")!.start(in: saoPaulo), Date(timeIntervalSince1970: 1_541_300_400))
    }

    func testTitleNamesTheWeekday() {
        XCTAssertEqual(day10.title, "Tue 10 Jun 2025")
        XCTAssertEqual(Day("1970-01-01")!.title, "Thu 1 Jan 1970")
        XCTAssertEqual(Day("1969-12-28")!.title, "Sun 28 Dec 1969")
    }
}
