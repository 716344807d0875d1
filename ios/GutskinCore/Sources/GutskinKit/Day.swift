import Foundation

/// A local calendar day, the unit the diary files entries under ("YYYY-MM-DD" on the wire).
///
/// The core takes and returns days as ISO strings; `Day` is that string made type-safe, with the
/// conversions a Swift app needs: from a `Date` in a `TimeZone` (what "today" is), to and from
/// `DateComponents` (date pickers), and day arithmetic. Days are proleptic Gregorian.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the three numbers name a real day (e.g. not February 30th).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        guard let date = Day.utc.date(from: components) else { return nil }
        let back = Day.utc.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses exactly "YYYY-MM-DD", as the core writes it.
    public init?(_ iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard iso.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `date` falls on for someone in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        // A Gregorian calendar always yields all three for a finite date.
        (year, month, day) = (c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    /// The day of the year, month and day of `components` (other fields are ignored).
    public init?(_ components: DateComponents) {
        guard let y = components.year, let m = components.month, let d = components.day else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Today for someone in `timeZone`.
    public static func today(in timeZone: TimeZone = .current, now: Date = Date()) -> Day {
        Day(now, in: timeZone)
    }

    /// "YYYY-MM-DD", what the core reads.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    /// Year, month and day, with a Gregorian calendar: what a SwiftUI `DatePicker` binding needs.
    public var dateComponents: DateComponents {
        DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day)
    }

    /// The first instant of this day in `timeZone` (midnight, or the first moment after a DST gap).
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: calendar.date(from: dateComponents) ?? utcMidnight)
    }

    /// The day `days` later (or earlier, when negative).
    public func adding(days: Int) -> Day {
        Day(utcMidnight.addingTimeInterval(Double(days) * 86_400), in: Day.utcZone)
    }

    /// How many days from this day to `other` (negative when `other` is earlier).
    public func days(to other: Day) -> Int {
        Int((other.utcMidnight.timeIntervalSince(utcMidnight) / 86_400).rounded())
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private var utcMidnight: Date {
        Day.utc.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    private static let utcZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0)!
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utcZone
        return calendar
    }()
}
