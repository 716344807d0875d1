-- Gutskin diary, schema version 4: sync across a person's devices (docs/sync.md).
--
-- Other devices' writes that cannot be applied yet, kept exactly and tried again on every sync:
-- reason 1: their row has not arrived whole (an edit of an entry whose creation is still on its
--           way); inserted once the fields the row needs are all here;
-- reason 2: a table, field or entry kind this version does not know (written by a newer Gutskin);
--           applied after the upgrade that brings it.
-- `value` has no type affinity (declared BLOB), so text, integers, reals and blobs stay as sent.
CREATE TABLE sync_held (
    row_id BLOB    NOT NULL,
    field  TEXT    NOT NULL,
    tbl    TEXT    NOT NULL, -- the table's name, as the writing device named it
    value  BLOB,
    hlc    INTEGER NOT NULL,
    device INTEGER NOT NULL, -- devices.idx
    reason INTEGER NOT NULL,
    PRIMARY KEY (row_id, field)
) WITHOUT ROWID;

-- Per other device: its changesets 1..=applied_through are merged here (a snapshot may cover
-- them), the newest schema version seen from it, and when its last changeset was merged (ms).
CREATE TABLE sync_peers (
    device          INTEGER PRIMARY KEY, -- devices.idx
    applied_through INTEGER NOT NULL DEFAULT 0,
    schema_version  INTEGER,
    last_seen       INTEGER
);

-- This device's publishing: the last changeset sent and the change position it covered, and one
-- being sent (recorded before the upload, so a retry after a crash sends the same range).
INSERT INTO meta (key, value) VALUES
    ('sync_published_seq', 0), ('sync_published_position', 0),
    ('sync_pending_seq', 0), ('sync_pending_position', 0);
