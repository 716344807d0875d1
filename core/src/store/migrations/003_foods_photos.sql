-- Gutskin diary, schema version 3: custom foods, saved meals, photos and their tags.
--
-- Synced like entries: client-made UUID keys (16-byte blobs), no autoincrement keys, no enforced
-- foreign keys between synced rows, a deleted flag instead of row removal, and a clock row per
-- written field (clocks.tbl: 4 custom_foods, 5 saved_meals, 6 photos, 7 photo_tags).
-- Meal items refer to custom foods by id inside entries.items (JSON); day summaries (rebuilt on this
-- upgrade, their shape gained the day's intake) read them from here.

-- The user's own foods: per-100 g nutrients (NULL = unknown, not zero) and the table's flags.
CREATE TABLE custom_foods (
    id              BLOB    PRIMARY KEY NOT NULL,
    name            TEXT    NOT NULL,
    food_group      TEXT    NOT NULL,
    energy_kcal     REAL,
    carbohydrate_g  REAL,
    sugars_g        REAL,
    fibre_g         REAL,
    fat_g           REAL,
    saturated_fat_g REAL,
    protein_g       REAL,
    epa_dha_g       REAL,
    ala_g           REAL,
    alcohol_g       REAL,
    fermented       TEXT    NOT NULL, -- none, live_cultures, inactivated
    probiotic       INTEGER NOT NULL,
    prebiotic       INTEGER NOT NULL,
    dairy           INTEGER NOT NULL,
    nova            INTEGER NOT NULL,
    species         TEXT,
    gi              INTEGER,
    portions        TEXT    NOT NULL, -- JSON array of {"name", "grams"}
    deleted         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Named lists of meal items ("my usual breakfast").
CREATE TABLE saved_meals (
    id        BLOB    PRIMARY KEY NOT NULL,
    name      TEXT    NOT NULL,
    meal_kind TEXT    NOT NULL,
    items     TEXT    NOT NULL, -- JSON array of meal items, as entries.items
    tags      TEXT    NOT NULL, -- JSON array of tags
    deleted   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Photo metadata; the image stays in the app's files, found again by local_ref or by its hash.
CREATE TABLE photos (
    id        BLOB    PRIMARY KEY NOT NULL,
    sha256    TEXT    NOT NULL, -- 64 lower-case hex digits
    local_ref TEXT    NOT NULL,
    taken_at  INTEGER NOT NULL, -- ms since the Unix epoch, UTC
    byte_size INTEGER NOT NULL,
    format    TEXT    NOT NULL, -- jpeg, png, heif, webp
    width     INTEGER,
    height    INTEGER,
    subject   TEXT    NOT NULL, -- meal or skin
    entry_id  BLOB,             -- the meal entry, or the skin check-in (optional for skin)
    body_area TEXT,             -- skin photos: the area shown
    deleted   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX photos_by_entry ON photos (entry_id);
CREATE INDEX photos_by_area ON photos (body_area, taken_at);

-- The user's tags on photos: present/absent flags per (photo, tag), `id` a UUIDv5 of the pair.
CREATE TABLE photo_tags (
    id       BLOB    PRIMARY KEY NOT NULL,
    photo_id BLOB    NOT NULL,
    tag      TEXT    NOT NULL,
    present  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX photo_tags_by_photo ON photo_tags (photo_id);
