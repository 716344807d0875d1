-- Gutskin diary, schema version 1.
--
-- Sync-ready from the start: rows have client-made UUID keys (16-byte blobs), no autoincrement keys,
-- no enforced foreign keys between synced rows (other devices' rows arrive in any order), and a
-- deleted flag instead of row removal. Every synced field has a clock row: the Hybrid Logical Clock
-- stamp and device of its last write, and a local change position `seq`, so "every change since
-- position N" is one range scan of clocks_by_seq.

-- Key/value facts about this file: this device's id and the persisted HLC.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value ANY
) WITHOUT ROWID;

-- Devices that wrote to this diary. `idx` is a local shorthand used by clocks; it never leaves the file.
CREATE TABLE devices (
    idx       INTEGER PRIMARY KEY,
    device_id BLOB NOT NULL UNIQUE
);

-- Entries are clustered by local day and time, so a day or a year of days is one range scan.
CREATE TABLE entries (
    id               BLOB    NOT NULL,
    local_day        INTEGER NOT NULL, -- days since 1970-01-01 of the local date (derived)
    occurred_at      INTEGER NOT NULL, -- ms since the Unix epoch, UTC
    kind             TEXT    NOT NULL,
    utc_offset_min   INTEGER NOT NULL,
    time_zone        TEXT    NOT NULL,
    note             TEXT,
    deleted          INTEGER NOT NULL DEFAULT 0,
    -- meal
    meal_kind        TEXT,
    items            TEXT,             -- JSON array of meal items
    -- skin check-in
    skin_ratings     TEXT,             -- JSON array of ratings
    poem             TEXT,             -- JSON array of the seven answers
    -- gut check-in
    bristol          INTEGER,
    bloating         INTEGER,
    pain             INTEGER,
    -- stress
    stress           INTEGER,
    -- sleep
    sleep_minutes    INTEGER,
    sleep_quality    INTEGER,
    -- activity
    activity_kind    TEXT,
    activity_minutes INTEGER,
    -- medication or supplement
    med_kind         TEXT,
    med_name         TEXT,
    dose             TEXT,
    course_start     TEXT,
    course_end       TEXT,
    -- water
    water_ml         INTEGER,
    -- free note
    note_text        TEXT,
    PRIMARY KEY (local_day, occurred_at, id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX entries_by_id ON entries (id);

-- Tags are present/absent flags per (entry, tag); `id` is a UUIDv5 of the pair, so two devices
-- that add the same tag write the same row.
CREATE TABLE entry_tags (
    id       BLOB    PRIMARY KEY NOT NULL,
    entry_id BLOB    NOT NULL,
    tag      TEXT    NOT NULL,
    present  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_entry ON entry_tags (entry_id);

-- One row, with a fixed id shared by every device.
CREATE TABLE profile (
    id                BLOB PRIMARY KEY NOT NULL,
    conditions        TEXT,    -- JSON array
    birth_year        INTEGER,
    daily_energy_kcal INTEGER,
    locale            TEXT
) WITHOUT ROWID;

-- tbl: 1 entries, 2 entry_tags, 3 profile. field: the column name.
CREATE TABLE clocks (
    row_id BLOB    NOT NULL,
    field  TEXT    NOT NULL,
    tbl    INTEGER NOT NULL,
    hlc    INTEGER NOT NULL, -- wall-clock ms << 16 | counter
    device INTEGER NOT NULL, -- devices.idx
    seq    INTEGER NOT NULL, -- local change position
    PRIMARY KEY (row_id, field)
) WITHOUT ROWID;
CREATE INDEX clocks_by_seq ON clocks (seq);
