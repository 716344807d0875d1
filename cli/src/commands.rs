//! What each command does. Everything goes through `gutskin_core::Diary`.

use std::ffi::OsString;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{Days, NaiveDate};
use gutskin_core::demo::{self, DemoReport};
use gutskin_core::{Course, DaySummary, Diary, Entry, EntryDetails, MealItem, NewEntry, SkinRating, validate};
use serde::Serialize;
use serde_json::Value;

use crate::args::{Cli, Command, EditArgs, ExportFormat, LogKind, ProfileAction};
use crate::failure::{CliResult, Failure, code};
use crate::input::{self, Zone};
use crate::insight_commands;
use crate::output::{self, FoodNames};
use crate::{csv_export, foods, photos};

/// The diary file's name in the data folder, and the demo's.
pub(crate) const DIARY_FILE: &str = "diary.sqlite";
const DEMO_FILE: &str = "demo.sqlite";
/// The range that covers every entry a diary can hold.
const ALL_FROM: &str = "2000-01-01";
const ALL_TO: &str = "9999-12-31";

pub struct Ctx {
    db: Option<PathBuf>,
    pub zone: Zone,
    pub json: bool,
    /// Where the encrypted diary's key comes from (privacy.rs).
    pub keys: crate::privacy::Keys,
}

pub fn run(cli: Cli) -> CliResult {
    let keys = crate::privacy::Keys::new(cli.db_key_file, data_dir().ok());
    let ctx = Ctx { db: cli.db, zone: input::resolve_zone(cli.zone.as_deref())?, json: cli.json, keys };
    match cli.command {
        Command::Log(kind) => log(&ctx, kind),
        Command::Day { date } => day(&ctx, date.as_deref()),
        Command::List { from, to, kind, deleted } => {
            list(&ctx, from.as_deref(), to.as_deref(), kind.as_deref(), deleted)
        }
        Command::Edit(args) => edit(&ctx, args),
        Command::Delete { id } => set_deleted(&ctx, &id, true),
        Command::Undelete { id } => set_deleted(&ctx, &id, false),
        Command::Export { format, out } => export(&ctx, format, out.as_deref()),
        Command::Import { file, check } => import(&ctx, &file, check),
        Command::Profile { action } => profile(&ctx, action),
        Command::Sync(args) => {
            let data_dir = if ctx.db.is_none() { Some(data_dir()?) } else { data_dir().ok() };
            let sync_ctx = crate::sync::SyncCtx {
                diary_path: ctx.diary_path()?,
                data_dir,
                json: ctx.json,
                keys: ctx.keys.clone(),
            };
            crate::sync::run(&sync_ctx, args)
        }
        Command::Encrypt => crate::privacy::encrypt(&ctx),
        Command::Rekey { new_key_file } => crate::privacy::rekey(&ctx, new_key_file),
        Command::Decrypt => crate::privacy::decrypt(&ctx),
        Command::Backup(args) => crate::privacy::backup(&ctx, args),
        Command::Restore(args) => crate::privacy::restore(&ctx, args),
        Command::Wipe { yes } => crate::privacy::wipe(&ctx, yes),
        Command::Demo { seed, days } => build_demo(&ctx, seed, days),
        Command::Insights { from, to } => {
            insight_commands::insights(&ctx.open_existing()?, ctx.json, &ctx.zone, from.as_deref(), to.as_deref())
        }
        Command::Report { out, from, to } => {
            insight_commands::report(&ctx.open_existing()?, ctx.json, &ctx.zone, out, from.as_deref(), to.as_deref())
        }
        Command::Guidance { date } => {
            insight_commands::guidance(&ctx.open_existing()?, ctx.json, &ctx.zone, date.as_deref())
        }
        Command::Food(action) => foods::food(&ctx, action),
        Command::Meal(action) => foods::meal(&ctx, action),
        Command::Photo(action) => photos::photo(&ctx, action),
        Command::Reminders(action) => crate::reminders::reminders(&ctx, action),
    }
}

/// The data folder: `GUTSKIN_HOME`, else the platform's (e.g. ~/.local/share/gutskin).
pub(crate) fn data_dir() -> CliResult<PathBuf> {
    match std::env::var_os("GUTSKIN_HOME") {
        Some(home) if !home.is_empty() => Ok(PathBuf::from(home)),
        _ => dirs::data_dir()
            .map(|d| d.join("gutskin"))
            .ok_or_else(|| Failure::other("found no data folder: pass --db PATH or set GUTSKIN_HOME")),
    }
}

impl Ctx {
    pub(crate) fn diary_path(&self) -> CliResult<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => Ok(data_dir()?.join(DIARY_FILE)),
        }
    }

    /// Opens the diary to write, creating it (and the data folder) if needed.
    pub fn open_for_write(&self) -> CliResult<Diary> {
        let path = self.diary_path()?;
        if self.db.is_none()
            && let Some(dir) = path.parent()
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::other(format!("could not create {}: {e}", dir.display())))?;
        }
        self.keys.open(&path)
    }

    /// Opens the diary to read without creating a file: no diary yet in the data folder reads as
    /// an empty one; a --db path that does not exist is an error (most likely a typo).
    pub fn open_existing(&self) -> CliResult<Diary> {
        let path = self.diary_path()?;
        if path.exists() {
            return self.keys.open(&path);
        }
        if self.db.is_some() {
            return Err(Failure { code: code::NOT_FOUND, message: format!("no diary at {}", path.display()) });
        }
        Ok(Diary::open_in_memory()?)
    }
}

pub(crate) fn print_json<T: Serialize + ?Sized>(value: &T) -> CliResult {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

pub fn print_lines(lines: &[String]) -> CliResult {
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

// ---------------------------------------------------------------- log

fn log(ctx: &Ctx, kind: LogKind) -> CliResult {
    let common = kind.common();
    let occurred_at = match &common.at {
        Some(text) => input::parse_at("--at", text, ctx.zone.tz, input::today(&ctx.zone))?,
        None => SystemTime::now(),
    };
    let mut details = details_of(&kind)?;
    if let (LogKind::Meal { foods, .. }, EntryDetails::Meal { items, .. }) = (&kind, &mut details) {
        // Foods first, then the free-text items.
        let mut with_foods = foods::meal_items_of(ctx, foods, &[], "meal.items")?;
        with_foods.append(items);
        *items = with_foods;
    }
    let entry = NewEntry {
        occurred_at,
        time_zone: ctx.zone.name().to_string(),
        utc_offset_minutes: None,
        note: common.note.clone(),
        tags: common.tags.clone(),
        details,
    };
    // Check before opening: invalid input must not even create the diary file.
    validate::new_entry(&entry, SystemTime::now())?;
    let diary = ctx.open_for_write()?;
    if let Some(times) = common.repeat {
        let mut out = std::io::stdout().lock();
        for _ in 0..times {
            let logged = diary.log_entry(entry.clone())?;
            writeln!(out, "{}", logged.id)?;
            out.flush()?;
        }
        return Ok(());
    }
    let logged = diary.log_entry(entry)?;
    show_entry(ctx, &diary, "Logged", &logged)
}

fn details_of(kind: &LogKind) -> CliResult<EntryDetails> {
    Ok(match kind {
        LogKind::Meal { meal, items, .. } => EntryDetails::Meal {
            meal: (*meal).into(),
            items: items.iter().map(|text| MealItem::FreeText { text: text.clone() }).collect(),
        },
        LogKind::Skin { ratings, areas, poem, .. } => {
            let ratings: Vec<SkinRating> = input::parse_skin(ratings, areas)?;
            let poem = poem.as_deref().map(input::parse_poem).transpose()?;
            if ratings.is_empty() && poem.is_none() {
                return Err(Failure::usage(
                    "give at least one --rate CONDITION:SEVERITY (e.g. --rate acne:4) or --poem",
                ));
            }
            EntryDetails::SkinCheckIn { ratings, poem }
        }
        LogKind::Gut { bristol, bloating, pain, .. } => {
            EntryDetails::GutCheckIn { bristol: *bristol, bloating: *bloating, pain: *pain }
        }
        LogKind::Stress { level, .. } => EntryDetails::Stress { level: *level },
        LogKind::Sleep { hours, minutes, quality, .. } => {
            EntryDetails::Sleep { minutes: input::sleep_minutes(*hours, *minutes)?, quality: *quality }
        }
        LogKind::Activity { activity, minutes, .. } => {
            EntryDetails::Activity { activity: (*activity).into(), minutes: *minutes }
        }
        LogKind::Medication { kind, name, dose, course_start, course_end, .. } => EntryDetails::Medication {
            medication: (*kind).into(),
            name: name.clone(),
            dose: dose.clone(),
            course: course_start.as_ref().map(|start| Course { start: start.clone(), end: course_end.clone() }),
        },
        LogKind::Water { ml, .. } => EntryDetails::Water { ml: *ml },
        LogKind::Note { text, .. } => EntryDetails::Note { text: text.clone() },
    })
}

pub fn show_entry(ctx: &Ctx, diary: &Diary, verb: &str, entry: &Entry) -> CliResult {
    if ctx.json {
        return print_json(entry);
    }
    let names = FoodNames::of(diary, std::slice::from_ref(entry));
    let mut lines =
        vec![format!("{verb} {}", output::entry_line(entry, &ctx.zone, true, &names)), format!("  id {}", entry.id)];
    if let EntryDetails::Meal { items, .. } = &entry.details
        && items.iter().any(|i| matches!(i, MealItem::Food { .. }))
    {
        let intake = diary.meal_intake(items)?;
        lines.extend(output::intake_lines(&intake).into_iter().map(|l| format!("  {l}")));
    }
    print_lines(&lines)
}

// ---------------------------------------------------------------- reading

fn day(ctx: &Ctx, date: Option<&str>) -> CliResult {
    let date = input::day_arg(date.unwrap_or("today"), &ctx.zone);
    let diary = ctx.open_existing()?;
    let view = diary.day(&date)?;
    if ctx.json {
        return print_json(&view);
    }
    let names = FoodNames::from_foods(&view.foods, &diary.profile()?.locale);
    let mut lines = vec![output::day_title(&view.date)];
    if view.entries.is_empty() {
        lines.push("  nothing logged".into());
    }
    for entry in &view.entries {
        lines.push(format!("  {}  {}", output::entry_line(entry, &ctx.zone, false, &names), entry.id));
    }
    if !view.entries.is_empty() {
        lines.push(String::new());
        lines.push(format!("  {}", output::counts_line(&view.summary.counts)));
        lines.extend(output::summary_lines(&view.summary).into_iter().map(|l| format!("  {l}")));
    }
    print_lines(&lines)
}

fn list(ctx: &Ctx, from: Option<&str>, to: Option<&str>, kind: Option<&str>, deleted: bool) -> CliResult {
    let to = input::day_arg(to.unwrap_or("today"), &ctx.zone);
    let from = match from {
        Some(from) => input::day_arg(from, &ctx.zone),
        // A week up to --to; a malformed --to is reported by the core below.
        None => to
            .parse::<NaiveDate>()
            .ok()
            .and_then(|d| d.checked_sub_days(Days::new(6)))
            .map_or_else(|| to.clone(), |d| d.to_string()),
    };
    let kind = kind.map(input::parse_kind).transpose()?;
    let diary = ctx.open_existing()?;
    let entries = diary.entries_between(&from, &to, kind, deleted)?;
    if ctx.json {
        return print_json(&entries);
    }
    let names = FoodNames::of(&diary, &entries);
    let mut lines = Vec::new();
    if entries.is_empty() {
        lines.push(format!("No entries from {from} to {to}."));
    }
    let mut current_day = "";
    for entry in &entries {
        if entry.local_date != current_day {
            current_day = &entry.local_date;
            lines.push(output::day_title(current_day));
        }
        lines.push(format!("  {}  {}", output::entry_line(entry, &ctx.zone, false, &names), entry.id));
    }
    print_lines(&lines)
}

// ---------------------------------------------------------------- changing

fn edit(ctx: &Ctx, args: EditArgs) -> CliResult {
    let nothing = args.at.is_none()
        && args.note.is_none()
        && !args.clear_note
        && args.tags.is_empty()
        && args.untags.is_empty()
        && args.sets.is_empty()
        && args.details.is_none();
    if nothing {
        return Err(Failure::usage(
            "nothing to change: give --at, --note, --clear-note, --tag, --untag, --set or --details",
        ));
    }
    let diary = ctx.open_existing()?;
    let current = diary.entry(&args.id)?;
    let mut edited = current.to_new_entry();
    if let Some(at) = &args.at {
        // Read in the entry's own zone (where it was logged), unless --zone moves it.
        let zone = if ctx.zone.explicit { ctx.zone.tz } else { current.time_zone.parse().unwrap_or(ctx.zone.tz) };
        let same_day = current.local_date.parse::<NaiveDate>().unwrap_or_else(|_| input::today(&ctx.zone));
        edited.occurred_at = input::parse_at("--at", at, zone, same_day)?;
        edited.time_zone = zone.name().to_string();
        edited.utc_offset_minutes = None;
    }
    if let Some(note) = &args.note {
        edited.note = Some(note.clone());
    }
    if args.clear_note {
        edited.note = None;
    }
    edited.tags.extend(args.tags.iter().cloned());
    for untag in &args.untags {
        let wanted = untag.trim().to_lowercase();
        let before = edited.tags.len();
        edited.tags.retain(|t| t.trim().to_lowercase() != wanted);
        if edited.tags.len() == before {
            return Err(Failure::invalid("--untag", format!("the entry has no tag {wanted:?}")));
        }
    }
    if !args.sets.is_empty() || args.details.is_some() {
        edited.details = merge_details(&current.details, &args.sets, args.details.as_deref())?;
    }
    let updated = diary.update_entry(&args.id, edited)?;
    show_entry(ctx, &diary, "Updated", &updated)
}

/// The entry's kind-specific fields with `--details` and then each `--set` laid over them, as the
/// JSON Lines format writes them. Unknown fields and a change of kind are refused.
fn merge_details(current: &EntryDetails, sets: &[String], details: Option<&str>) -> CliResult<EntryDetails> {
    let kind = current.kind().as_str();
    let Value::Object(mut fields) = serde_json::to_value(current)? else {
        return Err(Failure::other("an entry's details are not a JSON object"));
    };
    let mut changes: Vec<(&'static str, String, Value)> = Vec::new();
    if let Some(text) = details {
        let patch: Value =
            serde_json::from_str(text).map_err(|e| Failure::invalid("--details", format!("not JSON: {e}")))?;
        let Value::Object(patch) = patch else {
            return Err(Failure::invalid("--details", "must be a JSON object, e.g. '{\"level\": 7}'"));
        };
        changes.extend(patch.into_iter().map(|(k, v)| ("--details", k, v)));
    }
    for set in sets {
        let (key, raw) = set
            .split_once('=')
            .ok_or_else(|| Failure::invalid("--set", format!("{set:?} is not FIELD=VALUE, e.g. level=7")))?;
        let value = serde_json::from_str(raw.trim()).unwrap_or_else(|_| Value::String(raw.to_string()));
        changes.push(("--set", key.trim().to_string(), value));
    }
    for (option, key, mut value) in changes {
        if key == "kind" {
            if value != Value::String(kind.into()) {
                return Err(Failure::invalid(option, format!("an entry's kind cannot change (this one is a {kind})")));
            }
            continue;
        }
        if !fields.contains_key(&key) {
            let known: Vec<&str> = fields.keys().map(String::as_str).filter(|k| *k != "kind").collect();
            return Err(Failure::invalid(
                option,
                format!("a {kind} entry has no field {key:?} (it has: {})", known.join(", ")),
            ));
        }
        // Meal items may be given as plain strings.
        if key == "items"
            && let Value::Array(items) = &mut value
        {
            for item in items.iter_mut() {
                if let Value::String(text) = item {
                    *item = serde_json::json!({"type": "free_text", "text": text});
                }
            }
        }
        fields.insert(key, value);
    }
    serde_json::from_value(Value::Object(fields)).map_err(|e| Failure::invalid("details", e.to_string()))
}

fn set_deleted(ctx: &Ctx, id: &str, deleted: bool) -> CliResult {
    let diary = ctx.open_existing()?;
    if deleted {
        let entry = diary.delete_entry(id)?;
        show_entry(ctx, &diary, "Deleted", &entry)?;
        if !ctx.json {
            print_lines(&[format!("  undo: gutskin undelete {}", entry.id)])?;
        }
        Ok(())
    } else {
        let entry = diary.undelete_entry(id)?;
        show_entry(ctx, &diary, "Restored", &entry)
    }
}

// ---------------------------------------------------------------- export and import

fn export(ctx: &Ctx, format: ExportFormat, out: Option<&Path>) -> CliResult {
    let diary = ctx.open_existing()?;
    let write = |sink: &mut dyn Write| -> CliResult<u64> {
        match format {
            ExportFormat::Jsonl => Ok(diary.export_jsonl(sink)?),
            ExportFormat::Csv => {
                let entries = diary.entries_between(ALL_FROM, ALL_TO, None, true)?;
                csv_export::write(&entries, &FoodNames::of(&diary, &entries), sink)
            }
        }
    };
    let Some(path) = out else {
        let mut stdout = PipeWatch { inner: std::io::stdout().lock(), closed: false };
        return match write(&mut stdout) {
            // `gutskin export | head`: the reader had enough; not an error.
            Err(_) if stdout.closed => Ok(()),
            other => other.map(|_| ()),
        };
    };
    // Write beside the target and rename: a failed export never leaves half a file behind.
    let mut partial: OsString = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let result = (|| -> CliResult<u64> {
        let file = File::create(&partial)
            .map_err(|e| Failure::other(format!("could not create {}: {e}", partial.display())))?;
        let mut writer = BufWriter::new(file);
        let count = write(&mut writer)?;
        let file =
            writer.into_inner().map_err(|e| Failure::other(format!("could not write {}: {e}", path.display())))?;
        file.sync_all().map_err(|e| Failure::other(format!("could not write {}: {e}", path.display())))?;
        std::fs::rename(&partial, path)
            .map_err(|e| Failure::other(format!("could not write {}: {e}", path.display())))?;
        Ok(count)
    })();
    let count = result.inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    if ctx.json {
        #[derive(Serialize)]
        struct Exported<'a> {
            path: &'a Path,
            entries: u64,
        }
        return print_json(&Exported { path, entries: count });
    }
    print_lines(&[format!("Exported {count} entries to {}", path.display())])
}

/// Notes whether the reader of a pipe went away, which the core reports as a storage error.
struct PipeWatch<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Write for PipeWatch<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(buf);
        self.closed |= matches!(&result, Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe);
        result
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.closed |= matches!(&result, Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe);
        result
    }
}

fn import(ctx: &Ctx, file: &Path, check: bool) -> CliResult {
    let mut reader: Box<dyn BufRead> = if file == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let opened = File::open(file).map_err(|e| Failure::other(format!("could not read {}: {e}", file.display())))?;
        Box::new(BufReader::new(opened))
    };
    let report = if check {
        // A check makes no diary: against none yet, everything in the file would be new.
        let diary = if ctx.diary_path()?.exists() { ctx.open_existing()? } else { Diary::open_in_memory()? };
        diary.check_import_jsonl(&mut reader)?
    } else {
        ctx.open_for_write()?.import_jsonl(&mut reader)?
    };
    if ctx.json {
        return print_json(&report);
    }
    let (imported, were) = if check { ("The file is fine: it would import", "are") } else { ("Imported", "were") };
    let mut line = format!("{imported} {} entries", report.imported);
    if report.already_present > 0 {
        line.push_str(&format!(" ({} {were} already in the diary and kept as they are)", report.already_present));
    }
    line.push('.');
    if report.profile_imported {
        line.push_str(if check { " It would import the profile too." } else { " The profile was imported too." });
    }
    if check {
        line.push_str(" Nothing was written.");
    }
    print_lines(&[line])
}

// ---------------------------------------------------------------- profile

fn profile(ctx: &Ctx, action: Option<ProfileAction>) -> CliResult {
    let Some(ProfileAction::Set { conditions, birth_year, clear_birth_year, energy, locale }) = action else {
        let profile = ctx.open_existing()?.profile()?;
        return if ctx.json { print_json(&profile) } else { print_lines(&output::profile_lines(&profile)) };
    };
    if conditions.is_none() && birth_year.is_none() && !clear_birth_year && energy.is_none() && locale.is_none() {
        return Err(Failure::usage(
            "nothing to change: give --conditions, --birth-year, --clear-birth-year, --energy or --locale",
        ));
    }
    let conditions = conditions.as_deref().map(input::parse_conditions).transpose()?;
    let diary = ctx.open_for_write()?;
    let mut profile = diary.profile()?;
    if let Some(conditions) = conditions {
        profile.conditions = conditions;
    }
    if birth_year.is_some() {
        profile.birth_year = birth_year;
    }
    if clear_birth_year {
        profile.birth_year = None;
    }
    if let Some(energy) = energy {
        profile.daily_energy_kcal = energy;
    }
    if let Some(locale) = locale {
        profile.locale = locale;
    }
    let saved = diary.set_profile(profile)?;
    if ctx.json {
        return print_json(&saved);
    }
    print_lines(&output::profile_lines(&saved))
}

// ---------------------------------------------------------------- demo

fn build_demo(ctx: &Ctx, seed: u64, days: u32) -> CliResult {
    if days == 0 || days > demo::MAX_DAYS {
        return Err(Failure::invalid("--days", format!("must be 1-{}, got {days}", demo::MAX_DAYS)));
    }
    let path = match &ctx.db {
        Some(path) => path.clone(),
        None => {
            let dir = data_dir()?;
            std::fs::create_dir_all(&dir)
                .map_err(|e| Failure::other(format!("could not create {}: {e}", dir.display())))?;
            let path = dir.join(DEMO_FILE);
            // The demo file is ours: replace it whole (with its WAL files, which would otherwise
            // be replayed into the new file).
            for suffix in ["", "-wal", "-shm"] {
                let mut name: OsString = path.as_os_str().to_owned();
                name.push(suffix);
                match std::fs::remove_file(&name) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => {
                        return Err(Failure::other(format!(
                            "could not replace {}: {e}",
                            PathBuf::from(name).display()
                        )));
                    }
                }
            }
            path
        }
    };
    let diary = Diary::open(&path)?;
    if ctx.db.is_some() && diary.change_position()? > 0 {
        return Err(Failure::usage(format!(
            "{} already holds a diary; the demo only goes into a new or empty file \
             (without --db it builds its own demo.sqlite in the data folder)",
            path.display()
        )));
    }
    let report = demo::build_demo(&diary, seed, days, ctx.zone.name())?;
    let last = report.last_day.parse::<NaiveDate>().map_err(|e| Failure::other(e.to_string()))?;
    let first_recent = last.checked_sub_days(Days::new(u64::from(days.min(3) - 1))).unwrap_or(last);
    let recent = diary.day_summaries(&first_recent.to_string(), &report.last_day)?;
    if ctx.json {
        #[derive(Serialize)]
        struct Demo<'a> {
            path: &'a Path,
            report: &'a DemoReport,
            recent_days: &'a [DaySummary],
        }
        return print_json(&Demo { path: &path, report: &report, recent_days: &recent });
    }
    let profile = diary.profile()?;
    let mut lines = vec![
        format!("Demo diary: {} (seed {})", path.display(), report.seed),
        format!("{} days, {} to {}, in {}", report.days, report.first_day, report.last_day, report.time_zone),
        format!("{} entries: {}", report.entries, output::counts_line(&report.counts)),
        format!(
            "Tracks: {}",
            profile.conditions.iter().map(|c| c.as_str().replace('_', " ")).collect::<Vec<_>>().join(", ")
        ),
        String::new(),
        "Recent days".into(),
    ];
    for summary in recent.iter().rev() {
        lines.push(format!("{}  {}", output::day_title(&summary.date), output::counts_line(&summary.counts)));
        lines.extend(output::summary_lines(summary).into_iter().map(|l| format!("  {l}")));
    }
    lines.extend(insight_commands::demo_lines(&diary, &report.first_day, &report.last_day)?);
    lines.push(String::new());
    lines.push(format!(
        "Look around: gutskin --db {} day   (or: list --kind skin, export --format csv)",
        shell_quote(&path)
    ));
    print_lines(&lines)
}

fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    if text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:".contains(c)) {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
