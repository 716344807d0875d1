//! Encrypted diaries, backups, restore and wipe through the command (docs/privacy.md).

use std::path::Path;
use std::process::Stdio;

use crate::{DAY, Home, Run, read};

fn run(home: &Home, args: &[&str]) -> Run {
    home.command(args).env_remove("GUTSKIN_DB_KEY").stdin(Stdio::null()).output().expect("run gutskin").into()
}

fn ok(home: &Home, args: &[&str]) -> String {
    let run = run(home, args);
    assert_eq!(run.code, 0, "gutskin {args:?}: {run:?}");
    assert!(run.stderr.is_empty(), "gutskin {args:?}: {run:?}");
    run.stdout
}

fn entry_count(home: &Home, extra: &[&str]) -> usize {
    let mut args = vec!["--json", "list", "--from", "2000-01-01", "--to", "2100-01-01", "--deleted"];
    args.extend_from_slice(extra);
    let out = ok(home, &args);
    serde_json::from_str::<serde_json::Value>(&out).unwrap().as_array().unwrap().len()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn log_two(home: &Home) {
    ok(home, &["log", "stress", "6", "--at", &format!("{DAY} 09:00"), "--note", "a private note"]);
    ok(home, &["log", "water", "500", "--at", &format!("{DAY} 10:00")]);
}

#[test]
fn encrypt_then_every_command_uses_the_key_file_and_a_missing_key_is_a_clear_error() {
    let home = Home::new();
    log_two(&home);
    let out = ok(&home, &["encrypt"]);
    assert!(out.contains("diary.key"), "{out}");
    let diary = read(&home.diary());
    assert_eq!(&diary[..16], b"SQLite format 3\0", "the clear header");
    assert!(!diary.windows(14).any(|w| w == b"a private note"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(home.path("diary.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The default key file is found by itself.
    ok(&home, &["log", "stress", "2", "--at", &format!("{DAY} 11:00")]);
    assert_eq!(entry_count(&home, &[]), 3);

    // Without its key: exit 6, one line naming the way out, the file untouched.
    let key = std::fs::read(home.path("diary.key")).unwrap();
    std::fs::rename(home.path("diary.key"), home.path("elsewhere.key")).unwrap();
    let before = read(&home.diary());
    for args in [&["day", DAY][..], &["log", "water", "100"], &["export"]] {
        run(&home, args).assert_error(6, "--key-file");
    }
    assert_eq!(read(&home.diary()), before);
    // With it, from anywhere.
    let elsewhere = home.path("elsewhere.key");
    assert_eq!(entry_count(&home, &["--key-file", elsewhere.to_str().unwrap()]), 3);
    let hex = String::from_utf8(key).unwrap().lines().last().unwrap().to_string();
    let via_env = home.command(&["--json", "day", DAY]).env("GUTSKIN_DB_KEY", &hex).output().unwrap();
    assert_eq!(via_env.status.code(), Some(0), "{via_env:?}");
    // A wrong key: exit 6 too.
    let wrong = home.command(&["day", DAY]).env("GUTSKIN_DB_KEY", "00".repeat(32)).output().unwrap();
    Run::from(wrong).assert_error(6, "key does not open");
}

#[test]
fn a_key_file_kept_elsewhere_is_made_by_encrypt_and_needed_from_then_on() {
    let home = Home::new();
    let keys = tempfile::tempdir().unwrap();
    let key_file = keys.path().join("gutskin.key");
    let key_arg = key_file.to_str().unwrap();
    log_two(&home);
    ok(&home, &["--key-file", key_arg, "encrypt"]);
    assert!(key_file.exists());
    assert!(!home.path("diary.key").exists(), "nothing beside the diary");
    assert_eq!(entry_count(&home, &["--key-file", key_arg]), 2);
    // The older name of the flag still works.
    assert_eq!(entry_count(&home, &["--db-key-file", key_arg]), 2);
    run(&home, &["day", DAY]).assert_error(6, "--key-file");
    // A second encrypt is refused; the key file is kept.
    run(&home, &["--key-file", key_arg, "encrypt"]).assert_error(2, "already encrypted");
    // wipe leaves a key file the user gave.
    let out = ok(&home, &["--key-file", key_arg, "wipe", "--yes"]);
    assert!(out.contains("left where it is"), "{out}");
    assert!(key_file.exists());
    assert!(files_in(home.dir.path()).is_empty());
}

#[test]
fn rekey_and_decrypt_lose_nothing() {
    let home = Home::new();
    log_two(&home);
    ok(&home, &["encrypt"]);
    let old_key = std::fs::read(home.path("diary.key")).unwrap();
    ok(&home, &["rekey"]);
    let new_key = std::fs::read(home.path("diary.key")).unwrap();
    assert_ne!(old_key, new_key);
    assert_eq!(entry_count(&home, &[]), 2);
    std::fs::write(home.path("old.key"), &old_key).unwrap();
    run(&home, &["--key-file", home.path("old.key").to_str().unwrap(), "day", DAY]).assert_error(6, "key");

    ok(&home, &["decrypt"]);
    assert_eq!(&read(&home.diary())[..16], b"SQLite format 3\0");
    assert!(read(&home.diary()).windows(14).any(|w| w == b"a private note"), "plain again");
    assert_eq!(entry_count(&home, &[]), 2);
    run(&home, &["decrypt"]).assert_error(2, "not encrypted");
}

#[test]
fn a_passphrase_backup_restores_into_a_new_home_and_nothing_else_does() {
    let old = Home::new();
    log_two(&old);
    let backup = old.path("diary.backup");
    let phrase = old.path("phrase.txt");
    std::fs::write(&phrase, "correct horse battery staple\n").unwrap();
    // A plain diary's backup needs a passphrase.
    run(&old, &["backup", backup.to_str().unwrap()]).assert_error(2, "--passphrase-file");
    let out = ok(&old, &["backup", backup.to_str().unwrap(), "--passphrase-file", phrase.to_str().unwrap()]);
    assert!(out.contains("passphrase"), "{out}");

    let new = Home::new();
    // Without the passphrase, or with a wrong one: exit 6, and no diary is made.
    run(&new, &["restore", backup.to_str().unwrap()]).assert_error(6, "--passphrase-file");
    let wrong = new.path("wrong.txt");
    std::fs::write(&wrong, "correct horse battery stapler").unwrap();
    run(&new, &["restore", backup.to_str().unwrap(), "--passphrase-file", wrong.to_str().unwrap()])
        .assert_error(6, "passphrase");
    // Cut short: exit 6.
    let bytes = read(&backup);
    let cut = new.path("cut.backup");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).unwrap();
    run(&new, &["restore", cut.to_str().unwrap(), "--passphrase-file", phrase.to_str().unwrap()])
        .assert_error(6, "damaged");
    assert_eq!(files_in(new.dir.path()), ["cut.backup", "wrong.txt"], "nothing written");

    let out = ok(&new, &["restore", backup.to_str().unwrap(), "--passphrase-file", phrase.to_str().unwrap()]);
    assert!(out.contains("Restored 2 entries"), "{out}");
    assert_eq!(entry_count(&new, &[]), 2);
    assert_eq!(ok(&new, &["export"]), ok(&old, &["export"]), "the same diary");

    // Now it holds entries: replaced only with --replace.
    ok(&new, &["log", "water", "250", "--at", &format!("{DAY} 12:00")]);
    run(&new, &["restore", backup.to_str().unwrap(), "--passphrase-file", phrase.to_str().unwrap()])
        .assert_error(2, "--replace");
    assert_eq!(entry_count(&new, &[]), 3);
    ok(&new, &["restore", backup.to_str().unwrap(), "--passphrase-file", phrase.to_str().unwrap(), "--replace"]);
    assert_eq!(entry_count(&new, &[]), 2);
}

#[test]
fn an_encrypted_diary_backs_up_under_its_key() {
    let old = Home::new();
    log_two(&old);
    ok(&old, &["encrypt"]);
    let backup = old.path("diary.backup");
    let out = ok(&old, &["backup", backup.to_str().unwrap()]);
    assert!(out.contains("key"), "{out}");
    // A new home with the same key file restores it, encrypted.
    let new = Home::new();
    std::fs::copy(old.path("diary.key"), new.path("diary.key")).unwrap();
    ok(&new, &["restore", backup.to_str().unwrap()]);
    assert_eq!(entry_count(&new, &[]), 2);
    assert!(!read(&new.diary()).windows(14).any(|w| w == b"a private note"));
    // Without the key: exit 6.
    let bare = Home::new();
    run(&bare, &["restore", backup.to_str().unwrap()]).assert_error(6, "--key-file");
}

#[test]
fn wipe_asks_refuses_without_a_terminal_and_leaves_nothing_with_yes() {
    let home = Home::new();
    log_two(&home);
    ok(&home, &["encrypt"]);
    ok(&home, &["sync", "init"]);
    std::fs::write(home.path("notes.txt"), "not gutskin's").unwrap();
    let before = files_in(home.dir.path());
    assert!(before.contains(&"sync.key".to_string()) && before.contains(&"diary.key".to_string()), "{before:?}");

    run(&home, &["wipe"]).assert_error(2, "--yes");
    assert_eq!(files_in(home.dir.path()), before, "nothing deleted");

    let out = ok(&home, &["wipe", "--yes"]);
    assert!(out.contains("diary.sqlite") && out.contains("sync.key"), "{out}");
    assert_eq!(files_in(home.dir.path()), ["notes.txt"], "nothing of the diary is left");
    // Wiping again is fine; a new diary starts plain.
    assert!(ok(&home, &["wipe", "--yes"]).contains("nothing to delete"));
    ok(&home, &["log", "water", "100"]);
    assert_eq!(&read(&home.diary())[..16], b"SQLite format 3\0");
}

/// On a terminal (util-linux `script` gives the command one), wipe asks and takes only "delete".
#[test]
fn wipe_on_a_terminal_asks_and_takes_only_delete() {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: no /usr/bin/script to give the command a terminal");
        return;
    }
    let home = Home::new();
    log_two(&home);
    let on_terminal = |answer: &str| -> Run {
        let mut cmd = std::process::Command::new("/usr/bin/script");
        cmd.args(["-qec", &format!("'{}' wipe", crate::BIN), "/dev/null"])
            .env("GUTSKIN_HOME", home.dir.path())
            .env("TZ", "Europe/Berlin")
            .env_remove("GUTSKIN_DB_KEY")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), answer.as_bytes()).unwrap();
        child.wait_with_output().unwrap().into()
    };
    let refused = on_terminal("yes\n");
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stdout.contains("Type \"delete\""), "{refused:?}");
    assert!(home.diary().exists(), "nothing deleted");
    let done = on_terminal("delete\n");
    assert_eq!(done.code, 0, "{done:?}");
    assert!(files_in(home.dir.path()).is_empty());
}

#[test]
fn a_diary_whose_key_is_lost_can_still_be_wiped() {
    let home = Home::new();
    log_two(&home);
    ok(&home, &["encrypt"]);
    std::fs::remove_file(home.path("diary.key")).unwrap();
    run(&home, &["day", DAY]).assert_error(6, "encrypted");
    ok(&home, &["wipe", "--yes"]);
    assert!(files_in(home.dir.path()).is_empty());
}

#[test]
fn wiping_another_diary_leaves_the_key_files_of_the_default_one() {
    // The data folder's keys were made for its default diary; `--db other wipe` must not take
    // them along, or the default diary could never be read again.
    let home = Home::new();
    log_two(&home);
    ok(&home, &["encrypt"]);
    ok(&home, &["sync", "init"]);
    let other = home.path("other.sqlite");
    let other_arg = other.to_str().unwrap();
    ok(&home, &["--db", other_arg, "log", "water", "100"]);
    let out = ok(&home, &["--db", other_arg, "wipe", "--yes"]);
    assert!(out.contains("Left") && out.contains("diary.key") && out.contains("sync.key"), "{out}");
    assert!(!other.exists());
    assert!(home.path("diary.key").exists() && home.path("sync.key").exists());
    assert_eq!(entry_count(&home, &[]), 2, "the default diary still opens with its key");

    // A key file made before key files named their diary counts as the default diary's.
    let key = std::fs::read_to_string(home.path("diary.key")).unwrap();
    let unnamed: String = key.lines().filter(|l| !l.starts_with("# diary: ")).map(|l| format!("{l}\n")).collect();
    std::fs::write(home.path("diary.key"), unnamed).unwrap();
    ok(&home, &["--db", other_arg, "log", "water", "100"]);
    ok(&home, &["--db", other_arg, "wipe", "--yes"]);
    assert!(home.path("diary.key").exists());
    // Wiping the default diary takes its keys.
    let out = ok(&home, &["wipe", "--yes"]);
    assert!(out.contains("diary.key") && out.contains("sync.key") && !out.contains("Left"), "{out}");
    assert!(files_in(home.dir.path()).is_empty(), "{:?}", files_in(home.dir.path()));
}
