//! `gutskin sync`: sync the diary through a shared folder or an S3-compatible bucket, show the
//! sync state, and make or enter the sync key. See docs/sync.md and docs/cli.md.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use gutskin_core::sync::{
    Compaction, FolderTransport, RemoteKeyState, SyncKey, SyncOptions, SyncPhase, SyncProgress, SyncReport, Transport,
};
use gutskin_core::{Diary, SyncFailure};
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::{SyncAction, SyncArgs, SyncTarget};
use crate::failure::{CliResult, Failure, code};

/// The key file's name in the data folder.
pub const KEY_FILE: &str = "sync.key";

/// Test hook: milliseconds to pause inside each merge transaction before it commits, announced on
/// stderr, so the end-to-end tests can kill the process mid-apply.
const PAUSE_ENV: &str = "GUTSKIN_SYNC_TEST_PAUSE_MS";

pub struct SyncCtx {
    pub diary_path: PathBuf,
    pub data_dir: Option<PathBuf>,
    pub json: bool,
    /// The encrypted diary's key, if it has one (privacy.rs).
    pub keys: crate::privacy::Keys,
}

pub fn run(ctx: &SyncCtx, args: SyncArgs) -> CliResult {
    let key_file = |given: Option<PathBuf>| -> CliResult<PathBuf> {
        match (given, &ctx.data_dir) {
            (Some(path), _) => Ok(path),
            (None, Some(dir)) => Ok(dir.join(KEY_FILE)),
            (None, None) => Err(Failure::other("found no data folder: pass --sync-key-file PATH or set GUTSKIN_HOME")),
        }
    };
    match args.action {
        Some(SyncAction::Init { force }) => init(ctx, &key_file(args.sync_key_file)?, force),
        Some(SyncAction::Join { code, target }) => join(ctx, &key_file(args.sync_key_file)?, code, &target),
        Some(SyncAction::Status) => status(ctx, &key_file(args.sync_key_file)?),
        Some(SyncAction::Retire { device_id, target }) => {
            retire(ctx, &key_file(args.sync_key_file)?, &device_id, &target)
        }
        None => sync(ctx, &key_file(args.sync_key_file)?, &args.target, args.compact),
    }
}

fn open_diary(ctx: &SyncCtx) -> CliResult<Diary> {
    if let Some(dir) = ctx.diary_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Failure::other(format!("could not create {}: {e}", dir.display())))?;
    }
    ctx.keys.open(&ctx.diary_path)
}

fn transport(target: &SyncTarget) -> CliResult<Option<(Box<dyn Transport>, String)>> {
    if let Some(folder) = &target.folder {
        let t = FolderTransport::new(folder)?;
        return Ok(Some((Box::new(t), folder.display().to_string())));
    }
    if let Some(url) = &target.s3 {
        return s3_transport(url).map(Some);
    }
    Ok(None)
}

#[cfg(feature = "s3")]
fn s3_transport(url: &str) -> CliResult<(Box<dyn Transport>, String)> {
    use gutskin_core::sync::{S3Config, S3Transport};
    let config = S3Config::from_url_and_env(url)?;
    if config.access_key_id.is_none() || config.secret_access_key.is_none() {
        return Err(Failure::usage("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for --s3"));
    }
    let where_ = format!("{url} at {}", config.endpoint);
    Ok((Box::new(S3Transport::new(&config)?), where_))
}

#[cfg(not(feature = "s3"))]
fn s3_transport(_url: &str) -> CliResult<(Box<dyn Transport>, String)> {
    Err(Failure::usage("this gutskin was built without S3 support (cargo feature `s3`)"))
}

// ---------------------------------------------------------------- the key file

fn read_key(path: &Path) -> CliResult<SyncKey> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Failure {
                code: code::NOT_FOUND,
                message: format!(
                    "no sync key at {}: run `gutskin sync init` on your first device, or `gutskin sync join` with \
                     its recovery code",
                    path.display()
                ),
            });
        }
        Err(e) => return Err(Failure::other(format!("could not read {}: {e}", path.display()))),
    };
    let code = text.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).unwrap_or("");
    SyncKey::from_recovery_code(code).map_err(|e| Failure::other(format!("{} is damaged: {e}", path.display())))
}

/// Writes the key file readable by its owner only, refusing to replace a key unless `force`.
fn write_key(path: &Path, key: &SyncKey, force: bool, diary: &Path) -> CliResult {
    if path.exists() && !force {
        return Err(Failure::usage(format!(
            "{} already holds a sync key; losing it means starting afresh, so it is kept (--force replaces it)",
            path.display()
        )));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Failure::other(format!("could not create {}: {e}", dir.display())))?;
    }
    let text = format!(
        "# Gutskin sync key (recovery code). Anyone with it can read your synced diary; keep it private.\n{}{}\n",
        crate::privacy::owner_line(diary),
        key.recovery_code()
    );
    let tmp = path.with_extension("key.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let write = || -> std::io::Result<()> {
        let mut file = options.open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| Failure::other(format!("could not write {}: {e}", path.display())))
}

fn init(ctx: &SyncCtx, key_file: &Path, force: bool) -> CliResult {
    let key = SyncKey::generate()?;
    write_key(key_file, &key, force, &ctx.diary_path)?;
    if ctx.json {
        return crate::commands::print_json(&serde_json::json!({
            "key_file": key_file, "recovery_code": key.recovery_code(),
        }));
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "A new sync key is in {}.", key_file.display())?;
    writeln!(out, "Its recovery code (write it down; enter it on your other devices with `gutskin sync join`):")?;
    writeln!(out)?;
    writeln!(out, "    {}", key.recovery_code())?;
    writeln!(out)?;
    writeln!(out, "Without it, synced data cannot be read: losing it means starting afresh.")?;
    Ok(())
}

fn join(ctx: &SyncCtx, key_file: &Path, code: Option<String>, target: &SyncTarget) -> CliResult {
    let code = match code {
        Some(code) if code != "-" => code,
        _ => {
            if std::io::stdin().is_terminal() {
                eprint!("Recovery code: ");
            }
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line
        }
    };
    let key = SyncKey::from_recovery_code(code.trim())?;
    if let Some((transport, where_)) = transport(target)? {
        let diary = open_diary(ctx)?;
        if diary.remote_key_state(transport.as_ref(), &key)? == RemoteKeyState::OtherKey {
            return Err(Failure {
                code: code::SYNC,
                message: format!(
                    "the data at {where_} was sealed with another sync key: check the recovery code (nothing was saved)"
                ),
            });
        }
    }
    write_key(key_file, &key, false, &ctx.diary_path)?;
    if ctx.json {
        return crate::commands::print_json(&serde_json::json!({ "key_file": key_file }));
    }
    println!("The sync key is in {}. Run `gutskin sync --folder PATH` or `--s3 URL` to sync.", key_file.display());
    Ok(())
}

// ---------------------------------------------------------------- sync and status

struct Bars {
    bar: ProgressBar,
}

impl SyncProgress for Bars {
    fn progress(&self, phase: SyncPhase, done: u64, total: u64) {
        self.bar.set_length(total);
        self.bar.set_position(done);
        self.bar.set_message(match phase {
            SyncPhase::Download => "merging",
            SyncPhase::Upload => "uploading",
        });
    }
}

fn sync(ctx: &SyncCtx, key_file: &Path, target: &SyncTarget, compact: bool) -> CliResult {
    let Some((transport, where_)) = transport(target)? else {
        return Err(Failure::usage(
            "give --folder PATH or --s3 s3://bucket/prefix (or a subcommand: init, join, status, retire)",
        ));
    };
    let key = read_key(key_file)?;
    let diary = open_diary(ctx)?;
    let bar = ProgressBar::hidden();
    if std::io::stderr().is_terminal() && !ctx.json {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{msg:>9} [{bar:30}] {pos}/{len} objects")
                .expect("a valid template")
                .progress_chars("=> "),
        );
    }
    let bars = Bars { bar };
    let pause = std::env::var(PAUSE_ENV).ok().and_then(|ms| ms.parse::<u64>().ok());
    let hook = move || {
        if let Some(ms) = pause {
            eprintln!("sync: pausing before commit");
            std::thread::sleep(Duration::from_millis(ms));
        }
    };
    // Photo files go up from where they were attached, checked against their hash.
    let photo_files = gutskin_core::LocalPhotoFiles::new(&diary);
    let options = SyncOptions {
        compaction: if compact { Compaction::Now } else { Compaction::Auto },
        progress: Some(&bars),
        blobs: Some(&photo_files),
        before_commit: pause.is_some().then_some(&hook as &(dyn Fn() + Sync)),
    };
    let report = diary.sync(transport.as_ref(), &key, &options);
    bars.bar.finish_and_clear();
    let report = report?;
    if ctx.json {
        crate::commands::print_json(&report)?;
    } else {
        print_report(&where_, &report)?;
    }
    if let Some(problem) = report.problems.first() {
        return Err(Failure {
            code: code::SYNC,
            message: format!(
                "{} sync file(s) could not be used (first: {}: {}: {}); they are tried again next time",
                report.problems.len(),
                problem.key,
                problem.reason,
                problem.detail
            ),
        });
    }
    Ok(())
}

fn print_report(where_: &str, r: &SyncReport) -> CliResult {
    let mut out = std::io::stdout().lock();
    writeln!(out, "Synced with {where_}.")?;
    writeln!(
        out,
        "  merged {} changeset(s) and {} snapshot(s): {} change(s) applied",
        r.applied_changesets, r.applied_snapshots, r.merged_changes
    )?;
    match r.published {
        Some(seq) => writeln!(out, "  published changeset {seq} ({} change(s))", r.published_changes)?,
        None => writeln!(out, "  nothing new to publish")?,
    }
    if r.photo_files_pending > 0 {
        writeln!(
            out,
            "  {} photo file(s) could not be read from where they were attached; each later sync tries again",
            r.photo_files_pending
        )?;
    }
    if r.held_changes > 0 {
        writeln!(out, "  {} change(s) kept aside until their entry arrives or an update", r.held_changes)?;
    }
    if r.snapshot_written || r.compacted > 0 {
        writeln!(out, "  wrote a snapshot; removed {} changeset(s) every device has", r.compacted)?;
    }
    if let Some(skew) = &r.clock_ahead
        && skew.ahead_ms > 60_000
    {
        writeln!(
            out,
            "  note: device {} has a clock {} min ahead of this one (its changes were kept)",
            skew.device_id,
            skew.ahead_ms / 60_000
        )?;
    }
    if let Some(retired) = &r.retired {
        writeln!(
            out,
            "  note: device {} had retired this one on {} (as lost or replaced); it counts again now, and \
             nothing was lost",
            retired.retired_by,
            when(retired.retired_at_ms)
        )?;
    }
    if let Some(version) = r.newer_schema {
        writeln!(out, "  note: another device runs a newer Gutskin (schema {version}); update to see all of its data")?;
    }
    Ok(())
}

fn status(ctx: &SyncCtx, key_file: &Path) -> CliResult {
    let diary = if ctx.diary_path.exists() { ctx.keys.open(&ctx.diary_path)? } else { Diary::open_in_memory()? };
    let status = diary.sync_status()?;
    let has_key = key_file.exists();
    if ctx.json {
        let mut value = serde_json::to_value(&status)?;
        value["key_file"] = serde_json::json!(key_file);
        value["has_key"] = serde_json::json!(has_key);
        return crate::commands::print_json(&value);
    }
    let mut out = std::io::stdout().lock();
    if ctx.diary_path.exists() {
        writeln!(out, "This device: {}", status.device_id)?;
    } else {
        // An id made up for a diary that does not exist would change on every run.
        writeln!(out, "This device: no diary yet at {}", ctx.diary_path.display())?;
    }
    if has_key {
        writeln!(out, "Sync key: {}", key_file.display())?;
    } else {
        writeln!(out, "Sync key: none (run `gutskin sync init` or `gutskin sync join`)")?;
    }
    writeln!(
        out,
        "Published: {} changeset(s); {} change(s) waiting",
        status.published_seq, status.unpublished_changes
    )?;
    if status.peers.is_empty() {
        writeln!(out, "Other devices: none merged yet")?;
    }
    for peer in &status.peers {
        let seen = peer.last_seen_ms.map(when).unwrap_or_else(|| "via a snapshot".into());
        write!(out, "  {}: changesets 1-{} merged (last {seen})", peer.device_id, peer.applied_through)?;
        if let Some(ms) = peer.last_synced_ms {
            write!(out, "; last synced by {}", when(ms))?;
        }
        match &peer.retired {
            Some(r) => writeln!(out, "; retired by {} on {}", r.retired_by, when(r.retired_at_ms))?,
            None => writeln!(out)?,
        }
    }
    if status.held_incomplete + status.held_newer_schema > 0 {
        writeln!(
            out,
            "Kept aside: {} change(s) waiting for their entry, {} from a newer Gutskin",
            status.held_incomplete, status.held_newer_schema
        )?;
    }
    Ok(())
}

fn when(ms: i64) -> String {
    gutskin_core::time::rfc3339::format(gutskin_core::time::from_millis(ms))
}

fn retire(ctx: &SyncCtx, key_file: &Path, device_id: &str, target: &SyncTarget) -> CliResult {
    let Some((transport, where_)) = transport(target)? else {
        return Err(Failure::usage("give --folder PATH or --s3 s3://bucket/prefix: where the device synced"));
    };
    let key = read_key(key_file)?;
    let diary = open_diary(ctx)?;
    let retirement = diary.retire_sync_device(transport.as_ref(), &key, device_id)?;
    if ctx.json {
        return crate::commands::print_json(&retirement);
    }
    println!(
        "Retired device {} at {where_}: no device waits for it any more before removing changesets it has not \
         merged. What it wrote stays; if it ever syncs again, it counts again.",
        retirement.device_id
    );
    Ok(())
}

/// The exit code of a sync failure.
pub fn failure_code(reason: SyncFailure) -> i32 {
    match reason {
        SyncFailure::Transport => code::OTHER,
        SyncFailure::WrongKey | SyncFailure::Damaged | SyncFailure::NewerFormat => code::SYNC,
    }
}
