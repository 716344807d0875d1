import Foundation
import GutskinCore

/// The parts of the skin check-in form a message can belong to.
public enum SkinField: Hashable, Sendable {
    /// The check-in as a whole (e.g. nothing rated and no POEM).
    case ratings
    case severity(Condition)
    case itch(Condition)
    case condition(Condition)
    /// POEM as a whole.
    case poem
    /// One POEM question, 0-6.
    case poemAnswer(Int)
    case time
    case note
}

/// One condition being rated.
public struct RatingDraft: Equatable, Sendable, Identifiable {
    public var condition: Condition
    /// 0 (clear) to 10 (worst ever); nil until the user picks one.
    public var severity: Int?
    /// 0-10, nil when it does not itch or the user skips it.
    public var itch: Int?
    /// In `BodyArea.all` order.
    public var areas: [BodyArea] = []
    public var id: Condition { condition }

    public init(condition: Condition, severity: Int? = nil, itch: Int? = nil, areas: [BodyArea] = []) {
        (self.condition, self.severity, self.itch, self.areas) = (condition, severity, itch, areas)
    }
}

public struct SkinCheckInState: Equatable, Sendable {
    /// The conditions being rated, in `Condition.all` order; the profile's conditions when it opens.
    public var ratings: [RatingDraft] = []
    /// Whether the POEM questions are part of this check-in.
    public var includesPoem = false
    /// The seven POEM answers 0-4 (see `SkinCheckInViewModel.poemChoices`); nil while unanswered.
    public var poemAnswers: [Int?] = Array(repeating: nil, count: 7)
    /// The POEM total and band, as soon as all seven are answered.
    public var poemScore: PoemScore?
    public var note = ""
    public var occurredAt: Date
    public var isLoading = false
    public var isSaving = false
    public var fieldErrors: [SkinField: String] = [:]
    public var problem: Problem?
    /// The check-in as stored, once saved: the screen closes.
    public var saved: Entry?

    /// The conditions not being rated yet, for an "add" menu.
    public var addableConditions: [Condition] {
        Condition.all.filter { c in !ratings.contains { $0.condition == c } }
    }
}

/// The Skin check-in screen: rate each tracked condition (severity, itch, where), optionally answer POEM
/// (scored live by the core), save.
public final class SkinCheckInViewModel: StateModel<SkinCheckInState> {
    /// The POEM questions, in order: "Over the last week, on how many days has your skin been ...".
    public static let poemQuestions = [
        "itchy", "disturbing your sleep", "bleeding", "weeping or oozing clear fluid", "cracked", "flaking off",
        "feeling dry or rough",
    ]
    /// The answers to each question: its index is the answer's score (0-4).
    public static let poemChoices = ["No days", "1-2 days", "3-4 days", "5-6 days", "Every day"]

    private let client: DiaryClient
    private let timeZone: TimeZone

    public init(client: DiaryClient, timeZone: TimeZone = .current, now: Date = Date()) {
        self.client = client
        self.timeZone = timeZone
        super.init(state: SkinCheckInState(occurredAt: now))
    }

    /// Starts the form with the conditions the user tracks (from the profile).
    public func load() async {
        update { $0.isLoading = true }
        do {
            let profile = try await client.profile()
            update {
                if $0.ratings.isEmpty {
                    $0.ratings = Condition.all.filter(profile.conditions.contains).map { RatingDraft(condition: $0) }
                }
                $0.isLoading = false
            }
        } catch {
            update { ($0.problem, $0.isLoading) = (Problem(error), false) }
        }
    }

    public func addCondition(_ condition: Condition) {
        guard !state.ratings.contains(where: { $0.condition == condition }) else { return }
        update {
            let drafts = $0.ratings + [RatingDraft(condition: condition)]
            $0.ratings = Condition.all.compactMap { c in drafts.first { $0.condition == c } }
            $0.fieldErrors[.ratings] = nil
        }
    }

    public func removeCondition(_ condition: Condition) {
        update {
            $0.ratings.removeAll { $0.condition == condition }
            for key in [SkinField.severity(condition), .itch(condition), .condition(condition)] { $0.fieldErrors[key] = nil }
        }
    }

    public func setSeverity(_ severity: Int, for condition: Condition) {
        edit(condition, clearing: .severity(condition)) { $0.severity = severity }
    }

    public func setItch(_ itch: Int?, for condition: Condition) {
        edit(condition, clearing: .itch(condition)) { $0.itch = itch }
    }

    public func toggleArea(_ area: BodyArea, for condition: Condition) {
        edit(condition, clearing: .condition(condition)) { draft in
            if draft.areas.contains(area) {
                draft.areas.removeAll { $0 == area }
            } else {
                draft.areas = BodyArea.all.filter { draft.areas.contains($0) || $0 == area }
            }
        }
    }

    public func setIncludesPoem(_ included: Bool) {
        update {
            $0.includesPoem = included
            $0.fieldErrors = $0.fieldErrors.filter { key, _ in !SkinCheckInViewModel.isPoem(key) }
            $0.fieldErrors[.ratings] = nil
        }
    }

    /// Answers POEM question `question` (0-6) with `answer` (0-4, the index in `poemChoices`).
    public func setPoemAnswer(_ answer: Int?, question: Int) {
        guard state.poemAnswers.indices.contains(question) else { return }
        update {
            $0.poemAnswers[question] = answer
            ($0.fieldErrors[.poemAnswer(question)], $0.fieldErrors[.poem]) = (nil, nil)
            let answers = $0.poemAnswers.compactMap { $0 }
            $0.poemScore = answers.count == $0.poemAnswers.count ? try? poemScore(answers) : nil
        }
    }

    public func setNote(_ note: String) { update { ($0.note, $0.fieldErrors[.note]) = (note, nil) } }
    public func setOccurredAt(_ date: Date) { update { ($0.occurredAt, $0.fieldErrors[.time]) = (date, nil) } }

    /// Logs the check-in. True when saved; otherwise the state says why, next to the field at fault.
    @discardableResult
    public func save() async -> Bool {
        guard !state.isSaving else { return false }
        var missing: [SkinField: String] = [:]
        for draft in state.ratings where draft.severity == nil {
            missing[.severity(draft.condition)] = "Rate it from 0 (clear) to 10, or remove it."
        }
        if state.includesPoem && state.poemAnswers.contains(where: { $0 == nil }) {
            missing[.poem] = "Answer all seven questions, or leave POEM out."
        }
        guard missing.isEmpty else {
            update { ($0.fieldErrors, $0.problem) = (missing, nil) }
            return false
        }
        update { ($0.isSaving, $0.fieldErrors, $0.problem) = (true, [:], nil) }
        let s = state
        let note = s.note.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            let ratings = try s.ratings.enumerated().map { i, draft in
                SkinRating(
                    condition: draft.condition,
                    severity: try Scale.uint8(draft.severity ?? 0, field: "skin.ratings[\(i)].severity"),
                    itch: try draft.itch.map { try Scale.uint8($0, field: "skin.ratings[\(i)].itch") },
                    areas: draft.areas)
            }
            let poem = s.includesPoem ? s.poemAnswers.map { $0 ?? 0 } : nil
            let entry = try NewEntry.skinCheckIn(
                ratings, poem: poem, at: s.occurredAt, in: timeZone, note: note.isEmpty ? nil : note)
            let saved = try await client.logEntry(entry)
            update { ($0.saved, $0.isSaving) = (saved, false) }
            return true
        } catch {
            update {
                $0.isSaving = false
                let problem = Problem(error)
                if let field = problem.field.flatMap({ SkinCheckInViewModel.field($0, rated: s.ratings) }) {
                    $0.fieldErrors[field] = problem.message
                } else {
                    $0.problem = problem
                }
            }
            return false
        }
    }

    private func edit(_ condition: Condition, clearing field: SkinField, _ change: (inout RatingDraft) -> Void) {
        guard let i = state.ratings.firstIndex(where: { $0.condition == condition }) else { return }
        update {
            change(&$0.ratings[i])
            $0.fieldErrors[field] = nil
        }
    }

    private static func isPoem(_ field: SkinField) -> Bool {
        switch field {
        case .poem, .poemAnswer: true
        default: false
        }
    }

    /// The form field a core field path belongs to, e.g. "skin.ratings[1].itch" -> `.itch(<second condition>)`.
    static func field(_ path: String, rated: [RatingDraft]) -> SkinField? {
        if let i = FieldPath.index(in: path, after: "skin.ratings"), rated.indices.contains(i) {
            let condition = rated[i].condition
            switch FieldPath.member(in: path, after: "skin.ratings") {
            case "severity": return .severity(condition)
            case "itch": return .itch(condition)
            default: return .condition(condition)
            }
        }
        if path == "skin.ratings" { return .ratings }
        if let i = FieldPath.index(in: path, after: "skin.poem") { return .poemAnswer(i) }
        if path == "skin.poem" { return .poem }
        if path == "occurred_at" { return .time }
        if path == "note" { return .note }
        return nil
    }
}
