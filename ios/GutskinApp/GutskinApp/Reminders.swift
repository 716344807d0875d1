import Foundation
import GutskinCore
import GutskinKit
import UIKit
import UserNotifications

// The phone's side of reminders (docs/reminders.md, "In the apps"): GutskinKit's ReminderScheduler plans
// and reconciles; this file only talks to UNUserNotificationCenter and forwards what the user did. Written
// on Linux, not compiled yet (see ../../README.md).

private let gutskinMarker = "gutskin"
private let categoryID = "gutskin.reminder"
private let doneAction = "gutskin.done"
private let snoozeAction = "gutskin.snooze"
private let snoozeMinutes = 10

/// NotificationScheduler over UNUserNotificationCenter: one request per planned notification, its
/// identifier the notification id, a calendar trigger at `fireAt` in UTC (the instant the core planned,
/// whatever zone the phone is in when it fires), the record's fields in `userInfo`.
struct UserNotificationScheduler: NotificationScheduler {
    private var center: UNUserNotificationCenter { .current() }

    func pending() async throws -> [PlannedNotification] {
        await center.pendingNotificationRequests().compactMap { Self.planned(from: $0) }
    }

    func schedule(_ notification: PlannedNotification) async throws {
        let content = UNMutableNotificationContent()
        content.title = notification.title
        content.body = notification.body
        content.sound = .default
        content.categoryIdentifier = categoryID
        content.userInfo = [
            gutskinMarker: true, "reminderId": notification.reminderId,
            "fireAt": notification.fireAt.timeIntervalSince1970, "slotDate": notification.slotDate,
            "slotTime": notification.slotTime,
        ]
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        var when = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: notification.fireAt)
        when.timeZone = utc.timeZone
        let trigger = UNCalendarNotificationTrigger(dateMatching: when, repeats: false)
        // Adding a request with a pending identifier replaces it.
        try await center.add(UNNotificationRequest(identifier: notification.id, content: content, trigger: trigger))
    }

    func cancel(_ ids: [String]) async throws {
        center.removePendingNotificationRequests(withIdentifiers: ids)
    }

    /// Gutskin's requests only (the app may schedule others, within `reserved`).
    private static func planned(from request: UNNotificationRequest) -> PlannedNotification? {
        let info = request.content.userInfo
        guard info[gutskinMarker] as? Bool == true, let reminderId = info["reminderId"] as? String,
              let fireAt = info["fireAt"] as? Double, let slotDate = info["slotDate"] as? String,
              let slotTime = info["slotTime"] as? String
        else { return nil }
        return PlannedNotification(
            id: request.identifier, reminderId: reminderId, fireAt: Date(timeIntervalSince1970: fireAt),
            title: request.content.title, body: request.content.body, slotDate: slotDate, slotTime: slotTime)
    }

    /// Registers the "Done" and "Snooze" actions; asks once for permission to alert.
    static func prepare() async {
        let center = UNUserNotificationCenter.current()
        let done = UNNotificationAction(identifier: doneAction, title: "Done")
        let snooze = UNNotificationAction(identifier: snoozeAction, title: "Snooze \(snoozeMinutes) min")
        center.setNotificationCategories([
            UNNotificationCategory(identifier: categoryID, actions: [done, snooze], intentIdentifiers: []),
        ])
        _ = try? await center.requestAuthorization(options: [.alert, .sound, .badge])
    }
}

/// The app's link between the reminder scheduler and the system: the notification delegate, and the
/// moments to reschedule (the scene becomes active, a significant time change).
@MainActor
final class ReminderCoordinator: NSObject, UNUserNotificationCenterDelegate {
    let scheduler: ReminderScheduler
    private var observers: [NSObjectProtocol] = []

    init(client: DiaryClient) {
        scheduler = ReminderScheduler(client: client, notifications: UserNotificationScheduler()) // cap 60, 14 days
        super.init()
        UNUserNotificationCenter.current().delegate = self
        // A new zone (reminders follow the user), the clock set, midnight: re-plan.
        observers.append(NotificationCenter.default.addObserver(
            forName: UIApplication.significantTimeChangeNotification, object: nil, queue: .main
        ) { [weak self] _ in
            Task { @MainActor in self?.reschedule() }
        })
    }

    /// On launch and whenever the scene becomes active: iOS does not wake the app when a notification is
    /// shown in the background, so record the delivered ones first, then re-plan.
    func sceneBecameActive() {
        let scheduler = scheduler
        Task {
            await UserNotificationScheduler.prepare()
            let shown = await UNUserNotificationCenter.current().deliveredNotifications()
            for note in shown where note.request.content.userInfo[gutskinMarker] as? Bool == true {
                try? await scheduler.delivered(note.request.identifier, at: note.date)
            }
            try? await scheduler.reschedule()
        }
    }

    /// After a sync, an edit or a log that may change the plan.
    func reschedule() {
        let scheduler = scheduler
        Task { try? await scheduler.reschedule() }
    }

    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter, willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        let id = notification.request.identifier
        let date = notification.date
        let scheduler = await MainActor.run { self.scheduler }
        try? await scheduler.delivered(id, at: date)
        return [.banner, .sound]
    }

    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse
    ) async {
        let id = response.notification.request.identifier
        let action = response.actionIdentifier
        let scheduler = await MainActor.run { self.scheduler }
        if action == snoozeAction {
            try? await scheduler.snooze(id, minutes: snoozeMinutes)
        } else if action != UNNotificationDismissActionIdentifier {
            try? await scheduler.actedOn(id) // a tap, or "Done"
        }
    }
}
