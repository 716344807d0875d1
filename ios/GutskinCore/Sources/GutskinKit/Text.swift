import Foundation
import GutskinCore

// What the screens show for the core's enums, entries and summaries, in English. The view models build
// their rows from these, so the SwiftUI views only lay text out. (Localisation follows the profile's
// locale in a later issue; then these become lookups.)

extension EntryKind {
    public static let all: [EntryKind] = [
        .meal, .skinCheckIn, .gutCheckIn, .stress, .sleep, .activity, .medication, .water, .note,
    ]

    public var title: String {
        switch self {
        case .meal: "Meal"
        case .skinCheckIn: "Skin check-in"
        case .gutCheckIn: "Gut check-in"
        case .stress: "Stress"
        case .sleep: "Sleep"
        case .activity: "Activity"
        case .medication: "Medication"
        case .water: "Water"
        case .note: "Note"
        }
    }
}

extension MealKind {
    public static let all: [MealKind] = [.breakfast, .lunch, .dinner, .snack, .drink]

    public var title: String {
        switch self {
        case .breakfast: "Breakfast"
        case .lunch: "Lunch"
        case .dinner: "Dinner"
        case .snack: "Snack"
        case .drink: "Drink"
        }
    }
}

extension Condition {
    public static let all: [Condition] = [.acne, .atopicDermatitis, .rosacea, .psoriasis, .other]

    public var title: String {
        switch self {
        case .acne: "Acne"
        case .atopicDermatitis: "Atopic dermatitis"
        case .rosacea: "Rosacea"
        case .psoriasis: "Psoriasis"
        case .other: "Other"
        }
    }
}

extension BodyArea {
    public static let all: [BodyArea] = [
        .face, .scalp, .ears, .neck, .chest, .back, .abdomen, .arms, .elbows, .hands, .legs, .knees, .feet, .other,
    ]

    public var title: String {
        switch self {
        case .face: "Face"
        case .scalp: "Scalp"
        case .ears: "Ears"
        case .neck: "Neck"
        case .chest: "Chest"
        case .back: "Back"
        case .abdomen: "Abdomen"
        case .arms: "Arms"
        case .elbows: "Elbows"
        case .hands: "Hands"
        case .legs: "Legs"
        case .knees: "Knees"
        case .feet: "Feet"
        case .other: "Other"
        }
    }
}

extension ActivityKind {
    public var title: String {
        switch self {
        case .exercise: "Exercise"
        case .meditation: "Meditation"
        case .breathing: "Breathing"
        }
    }
}

extension MedicationKind {
    public var title: String {
        switch self {
        case .probiotic: "Probiotic"
        case .prebiotic: "Prebiotic"
        case .antibiotic: "Antibiotic"
        case .other: "Medicine"
        }
    }
}

extension PoemBand {
    public var title: String {
        switch self {
        case .clearOrAlmostClear: "clear or almost clear"
        case .mild: "mild"
        case .moderate: "moderate"
        case .severe: "severe"
        case .verySevere: "very severe"
        }
    }
}

/// One entry as a list shows it.
public struct EntryRow: Equatable, Sendable, Identifiable {
    public let id: String
    public let kind: EntryKind
    /// "HH:mm" where it was logged.
    public let time: String
    public let title: String
    public let detail: String
    public let deleted: Bool
    /// The entry itself, e.g. to open it for editing.
    public let entry: Entry

    public init(_ entry: Entry) {
        id = entry.id
        kind = entry.kind
        time = entry.localTime
        deleted = entry.deleted
        self.entry = entry
        (title, detail) = EntryRow.text(entry.details)
    }

    static func text(_ details: EntryDetails) -> (String, String) {
        switch details {
        case let .meal(meal, items):
            // Free text as typed; other items (foods from the table) are counted until their screen lands.
            var parts: [String] = []
            var others = 0
            for item in items {
                if case let .freeText(text) = item { parts.append(text) } else { others += 1 }
            }
            if others > 0 { parts.append(others == 1 ? "1 food" : "\(others) foods") }
            return (meal.title, parts.joined(separator: ", "))
        case let .skinCheckIn(ratings, poem):
            var parts = ratings.map { "\($0.condition.title) \($0.severity)/10" }
            if let poem, let score = try? poemScore(answers: poem) {
                parts.append("POEM \(score.score) (\(score.band.title))")
            }
            return (EntryKind.skinCheckIn.title, parts.joined(separator: " · "))
        case let .gutCheckIn(bristol, bloating, pain):
            let parts = [
                bristol.map { "Bristol \($0)" }, bloating.map { "bloating \($0)/10" }, pain.map { "pain \($0)/10" },
            ].compactMap { $0 }
            return (EntryKind.gutCheckIn.title, parts.joined(separator: " · "))
        case let .stress(level):
            return (EntryKind.stress.title, "\(level)/10")
        case let .sleep(minutes, quality):
            let length = Minutes.text(Int(minutes))
            return (EntryKind.sleep.title, quality.map { "\(length) · quality \($0)/5" } ?? length)
        case let .activity(activity, minutes):
            return (activity.title, Minutes.text(Int(minutes)))
        case let .medication(medication, name, dose, _):
            return (medication.title, [name, dose].compactMap { $0 }.joined(separator: ", "))
        case let .water(ml):
            return (EntryKind.water.title, "\(ml) ml")
        case let .note(text):
            return (EntryKind.note.title, text.split(separator: "\n").first.map(String.init) ?? "")
        }
    }
}

extension DaySummary {
    /// The day in a few short lines, for the top of Today and each day of History. Empty for an empty day.
    public var highlights: [String] {
        var lines: [String] = []
        if counts.meals > 0 { lines.append(counts.meals == 1 ? "1 meal" : "\(counts.meals) meals") }
        if let worst = skin.max(by: { $0.worst < $1.worst }) {
            lines.append("Skin: worst \(worst.condition.title.lowercased()) \(worst.worst)/10")
        }
        if let poem { lines.append("POEM \(poem.score) (\(poem.band.title))") }
        if let gut, let pain = gut.painMax { lines.append("Gut pain up to \(pain)/10") }
        if let stress { lines.append("Stress up to \(stress.max)/10") }
        if let sleep { lines.append("Slept \(Minutes.text(Int(sleep.minutes)))") }
        if activityMinutes > 0 { lines.append("Active \(Minutes.text(Int(activityMinutes)))") }
        if waterMl > 0 { lines.append("Water \(waterMl) ml") }
        return lines
    }
}

enum Minutes {
    /// 450 -> "7 h 30 min", 45 -> "45 min", 120 -> "2 h".
    static func text(_ minutes: Int) -> String {
        let (h, m) = (minutes / 60, minutes % 60)
        switch (h, m) {
        case (0, _): return "\(m) min"
        case (_, 0): return "\(h) h"
        default: return "\(h) h \(m) min"
        }
    }
}

extension Day {
    /// "Wed 25 Nov 2026", for section headers.
    public var title: String {
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        // 1970-01-01 was a Thursday.
        let weekday = ((Day(year: 1970, month: 1, day: 1).map { $0.days(to: self) } ?? 0) % 7 + 7 + 4) % 7
        return "\(weekdays[weekday]) \(day) \(months[month - 1]) \(year)"
    }
}
