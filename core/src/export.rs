//! The JSON Lines export format (docs/format.md): a header line, the profile if one was set, then
//! one line per entry, deleted ones included. Importing what was exported gives the same diary.

use std::io::{BufRead, Read, Write as IoWrite};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{GutskinError, Result};
use crate::model::{Entry, ImportReport, NewEntry, Profile};
use crate::store::{Store, Write};
use crate::validate;

/// The `format` of the header line.
pub const FORMAT_NAME: &str = "gutskin-diary";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// Lines longer than this are refused rather than read into memory.
pub const MAX_LINE_BYTES: u64 = 1 << 20;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line {
    Header { format: String, version: u32 },
    Profile(Profile),
    Entry(Entry),
}

pub(crate) fn write_jsonl(store: &Store, out: &mut dyn IoWrite) -> Result<u64> {
    write_line(out, &Line::Header { format: FORMAT_NAME.into(), version: FORMAT_VERSION })?;
    if let Some(profile) = store.stored_profile()? {
        write_line(out, &Line::Profile(profile))?;
    }
    let count = store.for_each_entry(|entry| write_line(out, &Line::Entry(entry)))?;
    out.flush().map_err(io_error)?;
    Ok(count)
}

fn write_line(out: &mut dyn IoWrite, line: &Line) -> Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n").map_err(io_error)
}

fn io_error(err: std::io::Error) -> GutskinError {
    GutskinError::Storage { detail: format!("could not write the export: {err}") }
}

/// A checked import, ready to write.
pub(crate) struct ParsedImport {
    profile: Option<Profile>,
    entries: Vec<(Uuid, NewEntry, bool)>,
}

/// Reads and checks every line; the first problem fails the whole import.
pub(crate) fn read_jsonl(input: &mut dyn BufRead, now: SystemTime) -> Result<ParsedImport> {
    let mut parsed = ParsedImport { profile: None, entries: Vec::new() };
    let mut seen_header = false;
    let mut ids = std::collections::HashSet::new();
    let mut buf = String::new();
    let mut number = 0u64;
    loop {
        buf.clear();
        number += 1;
        let bad =
            |field: &str, reason: String| GutskinError::InvalidImport { line: number, field: field.into(), reason };
        let read =
            Read::take(&mut *input, MAX_LINE_BYTES + 1).read_line(&mut buf).map_err(|e| bad("line", e.to_string()))?;
        if read == 0 {
            break;
        }
        if read as u64 > MAX_LINE_BYTES {
            return Err(bad("line", format!("longer than {MAX_LINE_BYTES} bytes")));
        }
        if buf.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(&buf).map_err(|e| bad("json", e.to_string()))?;
        match line {
            Line::Header { format, version } => {
                if seen_header {
                    return Err(bad("type", "a second header line".into()));
                }
                if format != FORMAT_NAME {
                    return Err(bad("format", format!("{format:?} is not {FORMAT_NAME:?}")));
                }
                if version > FORMAT_VERSION {
                    return Err(bad(
                        "version",
                        format!(
                            "version {version} was written by a newer Gutskin (this one reads up to {FORMAT_VERSION})"
                        ),
                    ));
                }
                seen_header = true;
            }
            _ if !seen_header => {
                return Err(bad("type", "the first line must be the header".into()));
            }
            Line::Profile(profile) => {
                if parsed.profile.is_some() {
                    return Err(bad("type", "a second profile line".into()));
                }
                parsed.profile = Some(validate::profile(&profile, now).map_err(|e| at_line(e, number))?);
            }
            Line::Entry(entry) => {
                let id = Uuid::try_parse(&entry.id).map_err(|_| bad("id", format!("{:?} is not a UUID", entry.id)))?;
                if !ids.insert(id) {
                    return Err(bad("id", format!("{} appears twice", entry.id)));
                }
                let checked = validate::new_entry(&entry.to_new_entry(), now).map_err(|e| at_line(e, number))?;
                parsed.entries.push((id, checked, entry.deleted));
            }
        }
    }
    if !seen_header {
        return Err(GutskinError::InvalidImport {
            line: 1,
            field: "type".into(),
            reason: "empty file: no header line".into(),
        });
    }
    Ok(parsed)
}

fn at_line(err: GutskinError, line: u64) -> GutskinError {
    match err {
        GutskinError::InvalidInput { field, reason } => GutskinError::InvalidImport { line, field, reason },
        other => other,
    }
}

/// Writes a checked import inside the caller's transaction.
pub(crate) fn apply(w: &mut Write<'_>, parsed: &ParsedImport) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    for (id, entry, deleted) in &parsed.entries {
        if w.entry_exists(*id)? {
            report.already_present += 1;
        } else {
            w.insert_entry(*id, entry, *deleted)?;
            report.imported += 1;
        }
    }
    if let Some(profile) = &parsed.profile
        && !w.profile_is_set()?
    {
        w.set_profile(profile)?;
        report.profile_imported = true;
    }
    Ok(report)
}
