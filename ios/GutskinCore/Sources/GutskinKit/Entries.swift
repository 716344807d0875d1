import Foundation
import GutskinCore

// Building what the core logs, with Swift types: `Date`, `TimeZone`, `Day` and `Int`.
//
// Every builder fills in the common part of an entry the same way: the instant, the zone's IANA name and
// the offset the device's own time zone data gives for that instant (so the entry's local day is the day
// the user saw on their clock). Scales take `Int`; a value that does not fit the core's integer type
// (e.g. -1 for a `UInt8`) throws `GutskinError.InvalidInput` naming the same field the core would, instead
// of trapping. Everything else (ranges, lengths, required parts) is checked by the core, once.

extension NewEntry {
    /// An entry of any kind, at `date` where the user is (`timeZone`).
    public init(
        _ details: EntryDetails, at date: Date = Date(), in timeZone: TimeZone = .current, note: String? = nil,
        tags: [String] = []
    ) {
        self.init(
            occurredAt: date, timeZone: timeZone.identifier,
            utcOffsetMinutes: Int32(timeZone.secondsFromGMT(for: date) / 60), note: note, tags: tags, details: details)
    }

    public static func meal(
        _ meal: MealKind, items: [String], at date: Date = Date(), in timeZone: TimeZone = .current,
        note: String? = nil, tags: [String] = []
    ) -> NewEntry {
        NewEntry(.meal(meal: meal, items: items.map { .freeText(text: $0) }), at: date, in: timeZone, note: note, tags: tags)
    }

    /// A skin check-in: ratings of one or more conditions and/or the seven POEM answers (each 0-4).
    public static func skinCheckIn(
        _ ratings: [SkinRating], poem: [Int]? = nil, at date: Date = Date(), in timeZone: TimeZone = .current,
        note: String? = nil, tags: [String] = []
    ) throws -> NewEntry {
        let answers = try poem.map { try Scale.bytes($0, field: "skin.poem") }
        return NewEntry(.skinCheckIn(ratings: ratings, poem: answers), at: date, in: timeZone, note: note, tags: tags)
    }

    /// A gut check-in: Bristol stool form 1-7, bloating and pain 0-10; at least one of them.
    public static func gutCheckIn(
        bristol: Int? = nil, bloating: Int? = nil, pain: Int? = nil, at date: Date = Date(),
        in timeZone: TimeZone = .current, note: String? = nil, tags: [String] = []
    ) throws -> NewEntry {
        let details = EntryDetails.gutCheckIn(
            bristol: try bristol.map { try Scale.uint8($0, field: "gut.bristol") },
            bloating: try bloating.map { try Scale.uint8($0, field: "gut.bloating") },
            pain: try pain.map { try Scale.uint8($0, field: "gut.pain") })
        return NewEntry(details, at: date, in: timeZone, note: note, tags: tags)
    }

    /// Stress 0-10.
    public static func stress(
        level: Int, at date: Date = Date(), in timeZone: TimeZone = .current, note: String? = nil,
        tags: [String] = []
    ) throws -> NewEntry {
        NewEntry(.stress(level: try Scale.uint8(level, field: "stress.level")), at: date, in: timeZone, note: note, tags: tags)
    }

    /// A sleep that ended at `date`: its length, and its quality 1-5.
    public static func sleep(
        minutes: Int, quality: Int? = nil, at date: Date = Date(), in timeZone: TimeZone = .current,
        note: String? = nil, tags: [String] = []
    ) throws -> NewEntry {
        let details = EntryDetails.sleep(
            minutes: try Scale.uint32(minutes, field: "sleep.minutes"),
            quality: try quality.map { try Scale.uint8($0, field: "sleep.quality") })
        return NewEntry(details, at: date, in: timeZone, note: note, tags: tags)
    }

    public static func activity(
        _ activity: ActivityKind, minutes: Int, at date: Date = Date(), in timeZone: TimeZone = .current,
        note: String? = nil, tags: [String] = []
    ) throws -> NewEntry {
        let details = EntryDetails.activity(activity: activity, minutes: try Scale.uint32(minutes, field: "activity.minutes"))
        return NewEntry(details, at: date, in: timeZone, note: note, tags: tags)
    }

    /// A medicine, probiotic or prebiotic taken; an antibiotic needs its course (see `Course.init(start:end:)`).
    public static func medication(
        _ medication: MedicationKind, name: String, dose: String? = nil, course: Course? = nil, at date: Date = Date(),
        in timeZone: TimeZone = .current, note: String? = nil, tags: [String] = []
    ) -> NewEntry {
        NewEntry(
            .medication(medication: medication, name: name, dose: dose, course: course), at: date, in: timeZone,
            note: note, tags: tags)
    }

    public static func water(
        ml: Int, at date: Date = Date(), in timeZone: TimeZone = .current, note: String? = nil, tags: [String] = []
    ) throws -> NewEntry {
        NewEntry(.water(ml: try Scale.uint32(ml, field: "water.ml")), at: date, in: timeZone, note: note, tags: tags)
    }

    public static func note(
        _ text: String, at date: Date = Date(), in timeZone: TimeZone = .current, tags: [String] = []
    ) -> NewEntry {
        NewEntry(.note(text: text), at: date, in: timeZone, note: nil, tags: tags)
    }
}

extension SkinRating {
    /// A rating of `condition`: severity 0 (clear) to 10 (worst ever), itch 0-10 if it itches.
    public init(_ condition: Condition, severity: Int, itch: Int? = nil, areas: [BodyArea] = []) throws {
        self.init(
            condition: condition, severity: try Scale.uint8(severity, field: "skin.ratings.severity"),
            itch: try itch.map { try Scale.uint8($0, field: "skin.ratings.itch") }, areas: areas)
    }

    public var severityValue: Int { Int(severity) }
    public var itchValue: Int? { itch.map(Int.init) }
}

extension Course {
    /// A course from `start` to `end` (nil while it goes on), in the user's local days.
    public init(start: Day, end: Day? = nil) {
        self.init(start: start.iso, end: end?.iso)
    }

    public var startDay: Day? { Day(start) }
    public var endDay: Day? { end.flatMap(Day.init) }
}

extension Entry {
    public var kind: EntryKind { details.kind }

    /// The local day the diary files this entry under.
    public var day: Day? { Day(localDate) }

    /// The entry's fields as an input: edit a copy and hand it to `DiaryClient.updateEntry(id:with:)`.
    public var asNewEntry: NewEntry {
        NewEntry(
            occurredAt: occurredAt, timeZone: timeZone, utcOffsetMinutes: utcOffsetMinutes, note: note, tags: tags,
            details: details)
    }

    /// The wall-clock time where it was logged, "HH:mm" (24-hour), from the instant and its recorded offset.
    public var localTime: String {
        let seconds = Int((occurredAt.timeIntervalSince1970).rounded(.down)) + Int(utcOffsetMinutes) * 60
        let minuteOfDay = ((seconds / 60) % 1440 + 1440) % 1440
        let (h, m) = (minuteOfDay / 60, minuteOfDay % 60)
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

extension EntryDetails {
    public var kind: EntryKind {
        switch self {
        case .meal: .meal
        case .skinCheckIn: .skinCheckIn
        case .gutCheckIn: .gutCheckIn
        case .stress: .stress
        case .sleep: .sleep
        case .activity: .activity
        case .medication: .medication
        case .water: .water
        case .note: .note
        }
    }
}

extension PoemScore {
    public var total: Int { Int(score) }
}

/// Scores seven POEM answers (each 0-4) with the core: the total 0-28 and its band.
public func poemScore(_ answers: [Int]) throws -> PoemScore {
    try poemScore(answers: Scale.bytes(answers, field: "poem"))
}

/// Int to the core's integer types, throwing the core's error (never trapping) when it does not fit.
enum Scale {
    static func uint8(_ value: Int, field: String) throws -> UInt8 {
        guard let v = UInt8(exactly: value) else { throw outOfRange(value, field) }
        return v
    }

    static func uint32(_ value: Int, field: String) throws -> UInt32 {
        guard let v = UInt32(exactly: value) else { throw outOfRange(value, field) }
        return v
    }

    /// A list of small numbers as the bytes the core takes; the field of the i-th is "field[i]".
    static func bytes(_ values: [Int], field: String) throws -> Data {
        Data(try values.enumerated().map { i, v in try uint8(v, field: "\(field)[\(i)]") })
    }

    private static func outOfRange(_ value: Int, _ field: String) -> GutskinError {
        .InvalidInput(field: field, reason: "\(value) is out of range")
    }
}
