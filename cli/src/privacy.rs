//! Encrypted diaries, backups and wiping: `--key-file`, `encrypt`, `rekey`, `decrypt`, `backup`,
//! `restore`, `wipe`. See docs/privacy.md and docs/cli.md.
//!
//! The key comes from `--key-file FILE`, or `GUTSKIN_DB_KEY` (64 hex digits), or else from
//! `<data folder>/diary.key` when that file exists and the diary is encrypted (or not made yet).

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use gutskin_core::privacy::{BackupSealing, read_backup_info};
use gutskin_core::{BackupSecret, Diary, DiaryFile, DiaryKey, EncryptionFailure, GutskinError, diary_file};

use crate::commands::{Ctx, print_json};
use crate::failure::{CliResult, Failure, code};

/// The key file's name in the data folder.
pub const KEY_FILE: &str = "diary.key";
/// The environment variable that may hold the key itself.
pub const KEY_ENV: &str = "GUTSKIN_DB_KEY";

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (replaced only once the new one is complete)
    pub file: PathBuf,
    /// Seal it with the passphrase in this file ("-" reads standard input) instead of the diary's key
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file
    pub file: PathBuf,
    /// The passphrase it was sealed with, in a file ("-" reads standard input)
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Replace a diary that already holds entries (they are all lost)
    #[arg(long)]
    pub replace: bool,
}

/// Where the diary key comes from.
#[derive(Debug, Clone)]
pub struct Keys {
    /// `--key-file`
    given_file: Option<PathBuf>,
    /// `<data folder>/diary.key`
    default_file: Option<PathBuf>,
}

/// A key and where it came from.
struct Found {
    key: DiaryKey,
    /// The key file, if it came from one.
    file: Option<PathBuf>,
}

impl Keys {
    pub fn new(given_file: Option<PathBuf>, data_dir: Option<PathBuf>) -> Keys {
        Keys { given_file, default_file: data_dir.map(|d| d.join(KEY_FILE)) }
    }

    /// The key named on the command line or in the environment, if any.
    fn explicit(&self) -> CliResult<Option<Found>> {
        if let Some(file) = &self.given_file {
            return Ok(Some(Found { key: read_key(file)?, file: Some(file.clone()) }));
        }
        Ok(env_key()?.map(|key| Found { key, file: None }))
    }

    /// The key to open the diary at `path` with: the explicit one, else the default key file if it
    /// exists and the diary is encrypted or not made yet.
    fn for_diary(&self, path: &Path) -> CliResult<Option<Found>> {
        if let Some(found) = self.explicit()? {
            return Ok(Some(found));
        }
        match &self.default_file {
            Some(file) if file.exists() && matches!(diary_file(path)?, DiaryFile::Encrypted | DiaryFile::Missing) => {
                Ok(Some(Found { key: read_key(file)?, file: Some(file.clone()) }))
            }
            _ => Ok(None),
        }
    }

    /// Opens (or creates) the diary at `path`, with its key if it has one. A rekey interrupted
    /// after the diary took the new key but before the key file did is finished here.
    pub fn open(&self, path: &Path) -> CliResult<Diary> {
        let Some(found) = self.for_diary(path)? else {
            return Diary::open(path).map_err(key_hint);
        };
        match Diary::open_encrypted(path, &found.key) {
            Err(GutskinError::Encryption { reason: EncryptionFailure::WrongKey, detail }) => {
                if let Some(file) = &found.file
                    && let pending = with_suffix(file, ".new")
                    && pending.exists()
                    && let Ok(diary) = Diary::open_encrypted(path, &read_key(&pending)?)
                {
                    std::fs::rename(&pending, file)
                        .map_err(|e| Failure::other(format!("could not finish the key change: {e}")))?;
                    return Ok(diary);
                }
                Err(GutskinError::Encryption { reason: EncryptionFailure::WrongKey, detail }.into())
            }
            other => other.map_err(key_hint),
        }
    }
}

/// Names the options when an encrypted diary was opened without a key.
fn key_hint(err: GutskinError) -> Failure {
    let needs_key = matches!(err, GutskinError::Encryption { reason: EncryptionFailure::KeyNeeded, .. });
    let mut failure = Failure::from(err);
    if needs_key {
        failure.message.push_str(&format!(" (pass --key-file FILE, or set {KEY_ENV})"));
    }
    failure
}

/// The key in `GUTSKIN_DB_KEY`, if set.
fn env_key() -> CliResult<Option<DiaryKey>> {
    match std::env::var(KEY_ENV) {
        Ok(hex) if !hex.trim().is_empty() => {
            Ok(Some(DiaryKey::from_hex(&hex).map_err(|e| Failure::usage(format!("{KEY_ENV}: {e}")))?))
        }
        _ => Ok(None),
    }
}

/// The key in `file`, or a new random one written there if the file does not exist yet (and
/// whether it was made).
fn key_or_new(file: &Path, diary: &Path) -> CliResult<(DiaryKey, Option<PathBuf>, bool)> {
    if file.exists() {
        return Ok((read_key(file)?, Some(file.to_path_buf()), false));
    }
    let key = DiaryKey::generate()?;
    write_key(file, &key, diary)?;
    Ok((key, Some(file.to_path_buf()), true))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

// ---------------------------------------------------------------- key files

const OWNER_PREFIX: &str = "# diary: ";

/// The comment line with which a key file the command makes names its diary.
pub fn owner_line(diary: &Path) -> String {
    format!("{OWNER_PREFIX}{}\n", std::path::absolute(diary).unwrap_or_else(|_| diary.to_path_buf()).display())
}

/// The diary a key file was made for, if it names one (files from before this line did not).
fn owner_of(key_file: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(key_file).ok()?;
    text.lines().find_map(|l| l.strip_prefix(OWNER_PREFIX)).map(PathBuf::from)
}

fn read_key(path: &Path) -> CliResult<DiaryKey> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let code = if e.kind() == std::io::ErrorKind::NotFound { code::NOT_FOUND } else { code::OTHER };
        Failure { code, message: format!("could not read the key file {}: {e}", path.display()) }
    })?;
    let line = text.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).unwrap_or("");
    DiaryKey::from_hex(line).map_err(|e| Failure::usage(format!("{} is not a key file: {e}", path.display())))
}

/// Writes a key file readable by its owner only, durably, refusing to replace one. It names the
/// diary it was made for, so that `wipe` of another diary leaves it alone.
fn write_key(path: &Path, key: &DiaryKey, diary: &Path) -> CliResult {
    if path.exists() {
        return Err(Failure::usage(format!("{} already exists; it is kept", path.display())));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Failure::other(format!("could not create {}: {e}", dir.display())))?;
    }
    let text = format!(
        "# Gutskin diary key. Without it the encrypted diary cannot be read; anyone with it and the diary can.\n{}{}\n",
        owner_line(diary),
        key.to_hex()
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let write = || -> std::io::Result<()> {
        let mut file = options.open(path)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()
    };
    write().map_err(|e| Failure::other(format!("could not write {}: {e}", path.display())))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(dir) = std::fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn read_passphrase(path: &Path) -> CliResult<String> {
    let mut text = String::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().lock().read_line(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text)).map(|_| ())
    };
    read.map_err(|e| Failure::other(format!("could not read the passphrase from {}: {e}", path.display())))?;
    // The first line, without its line ending.
    Ok(text.lines().next().unwrap_or("").to_string())
}

// ---------------------------------------------------------------- commands

fn existing_diary(ctx: &Ctx) -> CliResult<PathBuf> {
    let path = ctx.diary_path()?;
    if diary_file(&path)? == DiaryFile::Missing {
        return Err(Failure { code: code::NOT_FOUND, message: format!("no diary at {}", path.display()) });
    }
    Ok(path)
}

pub fn encrypt(ctx: &Ctx) -> CliResult {
    let path = existing_diary(ctx)?;
    if diary_file(&path)? == DiaryFile::Encrypted {
        return Err(Failure::usage(format!(
            "{} is already encrypted (`gutskin rekey` changes its key)",
            path.display()
        )));
    }
    // The key is on disk before the diary depends on it.
    let (key, key_file, made) = match (&ctx.keys.given_file, env_key()?) {
        (Some(file), _) => key_or_new(file, &path)?,
        (None, Some(key)) => (key, None, false),
        (None, None) => {
            let file = ctx.keys.default_file.clone().ok_or_else(|| {
                Failure::usage(format!("found no data folder for the key file: pass --key-file FILE or set {KEY_ENV}"))
            })?;
            key_or_new(&file, &path)?
        }
    };
    let diary = Diary::open(&path)?;
    diary.encrypt(&key)?;
    if ctx.json {
        return print_json(&serde_json::json!({ "encrypted": true, "diary": path, "key_file": key_file }));
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "Encrypted {}.", path.display())?;
    match &key_file {
        Some(file) => {
            let made = if made { "a new key, in " } else { "the key in " };
            writeln!(out, "It opens with {made}{}: keep a copy somewhere safe (a password manager).", file.display())?;
            writeln!(out, "Without the key the diary cannot be read, by anyone; back it up with a passphrase too.")?;
            if file.parent() == path.parent() {
                writeln!(
                    out,
                    "The key file is beside the diary: that protects copies of the diary alone (a synced or backup \
                     folder), not a lost disk. Keep it elsewhere and pass --key-file to protect against that."
                )?;
            }
        }
        None => writeln!(out, "It opens with the key in {KEY_ENV}.")?,
    }
    Ok(())
}

pub fn rekey(ctx: &Ctx, new_key_file: Option<PathBuf>) -> CliResult {
    let path = existing_diary(ctx)?;
    let Some(current) = ctx.keys.for_diary(&path)? else {
        return Err(Failure::usage(format!(
            "{} is not encrypted, or its key was not given (--key-file FILE or {KEY_ENV})",
            path.display()
        )));
    };
    let diary = ctx.keys.open(&path)?;
    let new_key = DiaryKey::generate()?;
    let written = match (new_key_file, &current.file) {
        (Some(file), _) => {
            write_key(&file, &new_key, &path)?;
            diary.rekey(&new_key)?;
            file
        }
        (None, Some(file)) => {
            // The new key goes beside the old one first; it replaces it once the diary has it. A
            // crash in between is finished by the next command that opens the diary.
            let pending = with_suffix(file, ".new");
            let _ = std::fs::remove_file(&pending);
            write_key(&pending, &new_key, &path)?;
            diary.rekey(&new_key)?;
            std::fs::rename(&pending, file)
                .map_err(|e| Failure::other(format!("could not replace {}: {e}", file.display())))?;
            file.clone()
        }
        (None, None) => {
            return Err(Failure::usage(format!(
                "the key came from {KEY_ENV}: pass --new-key-file FILE for the new one"
            )));
        }
    };
    if ctx.json {
        return print_json(&serde_json::json!({ "rekeyed": true, "diary": path, "key_file": written }));
    }
    println!("{} now opens with the new key in {} (the old key no longer does).", path.display(), written.display());
    Ok(())
}

pub fn decrypt(ctx: &Ctx) -> CliResult {
    let path = existing_diary(ctx)?;
    if diary_file(&path)? != DiaryFile::Encrypted {
        return Err(Failure::usage(format!("{} is not encrypted", path.display())));
    }
    let diary = ctx.keys.open(&path)?;
    diary.decrypt()?;
    if ctx.json {
        return print_json(&serde_json::json!({ "encrypted": false, "diary": path }));
    }
    println!("{} is a plain file again. The key file is kept: backups sealed with the key need it.", path.display());
    Ok(())
}

pub fn backup(ctx: &Ctx, args: BackupArgs) -> CliResult {
    let path = existing_diary(ctx)?;
    let diary = ctx.keys.open(&path)?;
    let secret = match &args.passphrase_file {
        Some(file) => BackupSecret::Passphrase { passphrase: read_passphrase(file)? },
        None if diary.is_encrypted() => {
            let found = ctx.keys.for_diary(&path)?.expect("an encrypted diary was opened with a key");
            BackupSecret::Key { key: found.key.as_bytes().to_vec() }
        }
        None => {
            return Err(Failure::usage(
                "a backup is always encrypted: pass --passphrase-file FILE (or encrypt the diary, and its key seals \
                 the backup)",
            ));
        }
    };
    let info = diary.backup_to_file(&args.file, &secret)?;
    let size = std::fs::metadata(&args.file).map(|m| m.len()).unwrap_or(0);
    if ctx.json {
        return print_json(&serde_json::json!({ "file": args.file, "bytes": size, "info": info }));
    }
    let sealed = match info.sealing {
        BackupSealing::Key => "the diary's key",
        BackupSealing::Passphrase => "the passphrase",
    };
    println!(
        "Backed up {} to {} ({} KB), sealed with {sealed}.",
        path.display(),
        args.file.display(),
        size.div_ceil(1024)
    );
    Ok(())
}

pub fn restore(ctx: &Ctx, args: RestoreArgs) -> CliResult {
    let info = read_backup_info(&args.file)?;
    let path = ctx.diary_path()?;
    let secret = match (info.sealing, &args.passphrase_file) {
        (BackupSealing::Passphrase, Some(file)) => BackupSecret::Passphrase { passphrase: read_passphrase(file)? },
        (BackupSealing::Passphrase, None) => {
            return Err(Failure {
                code: code::LOCKED,
                message: "this backup is sealed with a passphrase: pass --passphrase-file FILE".into(),
            });
        }
        (BackupSealing::Key, _) => match ctx.keys.explicit()?.or(ctx.keys.for_diary(&path)?) {
            Some(found) => BackupSecret::Key { key: found.key.as_bytes().to_vec() },
            None => {
                return Err(Failure {
                    code: code::LOCKED,
                    message: format!("this backup is sealed with a diary key: pass --key-file FILE or set {KEY_ENV}"),
                });
            }
        },
    };
    let existed = diary_file(&path)? != DiaryFile::Missing;
    let diary = ctx.open_for_write()?;
    let restored = diary.restore_from_file(&args.file, &secret, args.replace);
    if restored.is_err() && !existed {
        // Leave no empty diary behind for a restore that did not happen.
        drop(diary);
        let _ = gutskin_core::wipe_files(&path);
    }
    let report = restored.map_err(|e| match e {
        GutskinError::InvalidInput { field, .. } if field == "replace" => Failure::usage(format!(
            "{} already holds a diary with entries; restoring replaces all of it: pass --replace to go ahead",
            path.display()
        )),
        other => other.into(),
    })?;
    if ctx.json {
        return print_json(&report);
    }
    let when = gutskin_core::time::rfc3339::format(gutskin_core::time::from_millis(report.backed_up_at_ms));
    let state = if report.encrypted { "encrypted" } else { "not encrypted" };
    println!("Restored {} entries from a backup made {when} into {} ({state}).", report.entries, path.display());
    Ok(())
}

pub fn wipe(ctx: &Ctx, yes: bool) -> CliResult {
    let path = ctx.diary_path()?;
    let data_dir = crate::commands::data_dir().ok();
    // The data folder's key files go with this diary only if they were made for it: one that
    // names another diary (or, from before key files named theirs, that sits beside another
    // default diary) is that diary's only key, and deleting it would lose that diary.
    let this = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
    let is_default = data_dir
        .as_ref()
        .is_some_and(|d| std::path::absolute(d.join(crate::commands::DIARY_FILE)).is_ok_and(|default| default == this));
    let (key_files, kept): (Vec<PathBuf>, Vec<PathBuf>) = data_dir
        .iter()
        .flat_map(|d| [d.join(crate::sync::KEY_FILE), d.join(KEY_FILE), with_suffix(&d.join(KEY_FILE), ".new")])
        .filter(|f| f.exists())
        .partition(|f| match owner_of(f) {
            Some(owner) => owner == this,
            None => is_default,
        });
    if !yes {
        confirm(&path, &key_files)?;
    }
    // Opened first (if it opens) to learn its photo files; a diary that does not open (no key,
    // damaged) is deleted all the same.
    let opened = match diary_file(&path)? {
        DiaryFile::Missing => None,
        _ => ctx.keys.open(&path).ok(),
    };
    let mut report = match opened {
        Some(diary) => diary.wipe()?,
        None => gutskin_core::wipe_files(&path)?,
    };
    for file in &key_files {
        remove_key_file(file)?;
        report.removed_files.push(file.display().to_string());
    }
    if ctx.json {
        return print_json(&report);
    }
    let mut out = std::io::stdout().lock();
    if report.removed_files.is_empty() {
        writeln!(out, "There was nothing to delete at {}.", path.display())?;
    }
    for file in &report.removed_files {
        writeln!(out, "Deleted {file}")?;
    }
    if !report.photo_files.is_empty() {
        writeln!(out, "The diary referred to these photos (your own files, left where they are):")?;
        for file in &report.photo_files {
            writeln!(out, "  {file}")?;
        }
    }
    if let Some(given) = &ctx.keys.given_file {
        writeln!(out, "The key file you gave, {}, is yours: it was left where it is.", given.display())?;
    }
    for file in &kept {
        writeln!(out, "Left {}: it belongs to another diary.", file.display())?;
    }
    Ok(())
}

/// Asks on the terminal; refuses when there is none.
fn confirm(path: &Path, key_files: &[PathBuf]) -> CliResult {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "wipe deletes everything: run it on a terminal, or pass --yes; nothing was deleted",
        ));
    }
    let mut err = std::io::stderr().lock();
    writeln!(err, "This deletes the diary at {} and everything beside it (its sync state too).", path.display())?;
    for file in key_files {
        writeln!(err, "It also deletes the key file {}.", file.display())?;
    }
    write!(err, "Nothing of it can be brought back without a backup. Type \"delete\" to go ahead: ")?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if answer.trim() != "delete" {
        return Err(Failure::usage("not confirmed; nothing was deleted"));
    }
    Ok(())
}

/// Overwrites a key file with zeros, then removes it.
fn remove_key_file(path: &Path) -> CliResult {
    if let Ok(meta) = std::fs::metadata(path)
        && let Ok(mut file) = std::fs::OpenOptions::new().write(true).open(path)
    {
        let _ = file.write_all(&vec![0u8; meta.len() as usize]);
        let _ = file.sync_all();
    }
    std::fs::remove_file(path).map_err(|e| Failure::other(format!("could not delete {}: {e}", path.display())))
}
