import Dispatch
import Foundation
import GutskinCore

/// The diary for Swift code: the core's `Diary` behind async calls that run off the caller's thread.
///
/// Every call runs on one serial dispatch queue owned by the client, so the main thread never waits for
/// SQLite (a write is an fsync'd transaction), and calls complete in the order they were made: a screen
/// that logs and then reloads sees what it logged. `Diary` itself is safe from any thread; the queue is
/// about ordering and about keeping blocking work off Swift's cooperative thread pool. Share one client
/// per diary file.
public final class DiaryClient: Sendable {
    /// The core's object, for calls this layer does not wrap. Blocking: call it off the main thread.
    public let diary: Diary
    private let queue: DispatchQueue

    public init(diary: Diary, label: String = "app.gutskin.diary") {
        self.diary = diary
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Opens (creating if needed) the diary file at `url`, off the caller's thread.
    public static func open(at url: URL) async throws -> DiaryClient {
        let diary = try await Background.run { try Diary.open(path: url.path) }
        return DiaryClient(diary: diary)
    }

    /// A diary in memory only, for previews and tests.
    public static func inMemory() throws -> DiaryClient {
        DiaryClient(diary: try Diary.openInMemory())
    }

    /// Where the app keeps its diary: `diary.sqlite` in a `Gutskin` folder of `directory` (the app passes
    /// its Application Support folder; see `applicationSupportURL`). Creates the folder.
    public static func diaryURL(in directory: URL) throws -> URL {
        let folder = directory.appendingPathComponent("Gutskin", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("diary.sqlite", isDirectory: false)
    }

    /// The app's diary file in Application Support (created if needed).
    public static func applicationSupportURL() throws -> URL {
        let support = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        return try diaryURL(in: support)
    }

    /// Runs `work` with the diary on the client's queue and returns its result: several core calls in one
    /// hop (e.g. a page of History: its entries and its summaries).
    public func perform<T: Sendable>(_ work: @escaping @Sendable (Diary) throws -> T) async throws -> T {
        let diary = self.diary
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work(diary) })
            }
        }
    }

    public func deviceID() async throws -> String {
        try await perform { $0.deviceId() }
    }

    public func logEntry(_ entry: NewEntry) async throws -> Entry {
        try await perform { try $0.logEntry(entry: entry) }
    }

    /// Logs all of `entries` in one transaction, or none if one is invalid.
    public func logEntries(_ entries: [NewEntry]) async throws -> [Entry] {
        try await perform { try $0.logEntries(entries: entries) }
    }

    public func updateEntry(id: String, with entry: NewEntry) async throws -> Entry {
        try await perform { try $0.updateEntry(id: id, entry: entry) }
    }

    public func deleteEntry(id: String) async throws -> Entry {
        try await perform { try $0.deleteEntry(id: id) }
    }

    public func undeleteEntry(id: String) async throws -> Entry {
        try await perform { try $0.undeleteEntry(id: id) }
    }

    public func entry(id: String) async throws -> Entry {
        try await perform { try $0.entry(id: id) }
    }

    /// The entries of the days `from` through `through`, oldest first.
    public func entries(
        from: Day, through: Day, kind: EntryKind? = nil, includeDeleted: Bool = false
    ) async throws -> [Entry] {
        try await perform { try $0.entriesBetween(from: from.iso, to: through.iso, kind: kind, includeDeleted: includeDeleted) }
    }

    /// One summary per day of `from` through `through`, empty days included.
    public func daySummaries(from: Day, through: Day) async throws -> [DaySummary] {
        try await perform { try $0.daySummaries(from: from.iso, to: through.iso) }
    }

    /// Everything the Today screen shows for `day`: its entries and its summary.
    public func today(_ day: Day) async throws -> DayView {
        try await perform { try $0.today(date: day.iso) }
    }

    public func profile() async throws -> Profile {
        try await perform { try $0.profile() }
    }

    public func setProfile(_ profile: Profile) async throws -> Profile {
        try await perform { try $0.setProfile(profile: profile) }
    }

    /// Writes the whole diary as JSON Lines to `url`; returns how many entries it wrote.
    public func exportDiary(to url: URL) async throws -> Int {
        try await perform { Int(try $0.exportToFile(path: url.path)) }
    }

    /// Imports a JSON Lines export: all of it, or (on the first bad line) nothing.
    public func importDiary(from url: URL) async throws -> ImportReport {
        try await perform { try $0.importFromFile(path: url.path) }
    }
}

/// Blocking work on a global queue, awaited.
enum Background {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
