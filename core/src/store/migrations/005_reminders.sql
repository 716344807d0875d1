-- Gutskin diary, schema version 5: reminders (docs/reminders.md).
--
-- `reminders` is synced like entries: a client-made UUIDv7 key, one column per synced field, a
-- deleted flag, a clock row per written field (clocks.tbl 8). Structured fields are JSON text in
-- the export format's shapes. Sync inserts a row once kind, schedule, time_zone and enabled are
-- all here (the NOT NULL columns without a default).
CREATE TABLE reminders (
    id          BLOB    PRIMARY KEY NOT NULL, -- UUIDv7, part of every notification id
    kind        TEXT    NOT NULL, -- JSON: {"type":"meal","meal":"lunch"}, {"type":"dose",...}, ...
    schedule    TEXT    NOT NULL, -- JSON: {"type":"daily","times":["08:00"]}, ...
    quiet_hours TEXT,             -- JSON {"start":"22:00","end":"07:00"}, or NULL for none
    time_zone   TEXT    NOT NULL, -- JSON: {"type":"follow_user"} or {"type":"fixed","zone":"..."}
    enabled     INTEGER NOT NULL,
    title       TEXT,             -- replaces the catalogue's title; NULL keeps it
    body        TEXT,             -- replaces the catalogue's body; NULL keeps it
    deleted     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The rest is this device's own and never synced: what happened to this phone's notifications.

-- A pause of every reminder on this device until an instant (one row or none).
CREATE TABLE reminder_pause (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    until INTEGER NOT NULL -- ms since the Unix epoch, UTC
);

-- Occurrences the user moved, by notification id (`<reminder id>/<slot date>/<slot time>`); a new
-- snooze of the same occurrence replaces the old one. Pruned once long past.
CREATE TABLE reminder_snoozes (
    notification_id TEXT    PRIMARY KEY NOT NULL,
    reminder_id     BLOB    NOT NULL,
    slot_day        INTEGER NOT NULL, -- days since 1970-01-01 of the slot's local date
    snoozed_at      INTEGER NOT NULL, -- ms since the Unix epoch, UTC
    minutes         INTEGER NOT NULL
) WITHOUT ROWID;

-- Notifications delivered (event 1) and acted on (event 2), the first time each was reported.
-- Ignore streaks (back-off) are counted from them; pruned after 90 days.
CREATE TABLE reminder_events (
    notification_id TEXT    NOT NULL,
    event           INTEGER NOT NULL, -- 1 delivered, 2 acted on
    reminder_id     BLOB    NOT NULL,
    slot_day        INTEGER NOT NULL, -- days since 1970-01-01 of the slot's local date
    at              INTEGER NOT NULL, -- ms since the Unix epoch, UTC
    PRIMARY KEY (notification_id, event)
) WITHOUT ROWID;
CREATE INDEX reminder_events_by_reminder ON reminder_events (reminder_id, slot_day);
