import Foundation
import GutskinCore

/// A failure as a screen shows it: which field it is about (if any) and a sentence for the user.
///
/// Made from any error a call throws. `GutskinError.InvalidInput` keeps the core's field path (e.g.
/// `skin.ratings[0].severity`) so a form can put the reason next to the right control; the other variants
/// become a sentence that says what happened and what the user can do. The core's technical detail (never
/// diary contents) is kept in `detail` for logs, not for display.
public struct Problem: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case invalidInput, notFound, newerSchema, corruptFile, invalidImport, storage, sync, encryption, unexpected
    }

    public let kind: Kind
    /// The core's path of the field at fault, e.g. "stress.level"; nil when no one field is.
    public let field: String?
    /// What to tell the user.
    public let message: String
    /// For logs: the error as the core reported it.
    public let detail: String

    public init(kind: Kind, field: String?, message: String, detail: String) {
        (self.kind, self.field, self.message, self.detail) = (kind, field, message, detail)
    }

    public init(_ error: any Error) {
        if let problem = error as? Problem {
            self = problem
            return
        }
        let detail = String(describing: error)
        guard let error = error as? GutskinError else {
            self.init(kind: .unexpected, field: nil, message: "Something went wrong. Please try again.", detail: detail)
            return
        }
        switch error {
        case let .InvalidInput(field, reason):
            self.init(kind: .invalidInput, field: field, message: Problem.sentence(reason), detail: detail)
        case let .NotFound(what, _):
            self.init(
                kind: .notFound, field: nil,
                message: "This \(what) no longer exists. It may have been removed on another device.", detail: detail)
        case .NewerSchema:
            self.init(
                kind: .newerSchema, field: nil,
                message: "This diary was saved by a newer version of Gutskin. Update the app to open it; "
                    + "nothing in it was changed.",
                detail: detail)
        case .CorruptFile:
            self.init(
                kind: .corruptFile, field: nil,
                message: "The diary file is damaged or is not a Gutskin diary. It was left as it is.", detail: detail)
        case let .InvalidImport(line, field, reason):
            self.init(
                kind: .invalidImport, field: field,
                message: "Line \(line) of the file is not valid (\(field): \(reason)). Nothing was imported.",
                detail: detail)
        case .Storage:
            self.init(
                kind: .storage, field: nil,
                message: "The diary could not be read or saved. Check that the device has free space, then try again.",
                detail: detail)
        case let .Sync(reason, _):
            self.init(kind: .sync, field: nil, message: Problem.syncSentence(reason), detail: detail)
        case let .Encryption(reason, _):
            self.init(kind: .encryption, field: nil, message: Problem.encryptionSentence(reason), detail: detail)
        }
    }

    /// What the user can do about a sync failure (docs/sync.md).
    static func syncSentence(_ reason: SyncFailure) -> String {
        switch reason {
        case .wrongKey:
            return "The synced data is locked with another sync key. Enter the recovery code from your first device, "
                + "or start afresh with a new key."
        case .damaged:
            return "A synced file is damaged or incomplete. Nothing from it was used; it is tried again at the next sync."
        case .newerFormat:
            return "Another device uses a newer version of Gutskin. Update the app to sync its changes."
        case .transport:
            return "The sync folder or server could not be reached. Check the connection, then try again."
        }
    }

    /// What the user can do when an encrypted diary or a backup does not open (docs/privacy.md).
    static func encryptionSentence(_ reason: EncryptionFailure) -> String {
        switch reason {
        case .keyNeeded, .wrongKey:
            return "This diary is encrypted and its key is missing or does not open it. Nothing in it was changed. "
                + "If the key is lost, restore a backup."
        case .notEncrypted:
            return "This diary is not encrypted yet. Open it without a key, then turn encryption on."
        case .passphraseNeeded:
            return "This backup is protected with a passphrase. Enter it to restore."
        case .wrongPassphrase:
            return "The passphrase does not open this backup. Check it and try again; nothing was restored."
        case .damagedBackup:
            return "The backup file is damaged or incomplete, or it is not a Gutskin backup. Nothing was restored."
        case .newerBackup:
            return "This backup was made by a newer version of Gutskin. Update the app to restore it."
        }
    }

    /// "must be 0-10, got 11" -> "Must be 0-10, got 11."
    static func sentence(_ reason: String) -> String {
        guard let first = reason.first else { return reason }
        let text = first.uppercased() + reason.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }
}

/// Field paths as the core names them: "skin.ratings[2].severity" has the index 2 after "skin.ratings".
enum FieldPath {
    /// The index right after `prefix` in `field`, e.g. (`meal.items[3].text`, `meal.items`) -> 3.
    static func index(in field: String, after prefix: String) -> Int? {
        guard field.hasPrefix(prefix + "[") else { return nil }
        let rest = field.dropFirst(prefix.count + 1)
        guard let close = rest.firstIndex(of: "]") else { return nil }
        return Int(rest[..<close])
    }

    /// The part after the index, e.g. (`skin.ratings[0].itch`, `skin.ratings`) -> "itch".
    static func member(in field: String, after prefix: String) -> String? {
        guard field.hasPrefix(prefix + "["), let close = field.firstIndex(of: "]") else { return nil }
        let rest = field[field.index(after: close)...]
        return rest.hasPrefix(".") ? String(rest.dropFirst()) : (rest.isEmpty ? "" : nil)
    }
}
