-- Gutskin diary, schema version 2: stored day summaries.
--
-- Each local day's summary (JSON of DaySummary), recomputed in the transaction that changes the
-- day's entries, so a chart of years reads one small row per day instead of every entry.
-- Derived and local: never synced, and rebuilt from entries whenever its shape changes (the
-- upgrade to this version fills it for every day that has entries).
CREATE TABLE day_summaries (
    local_day INTEGER PRIMARY KEY,
    summary   TEXT NOT NULL
);
