//! Where sync objects live: one small trait, a shared folder, and (feature `s3`) an S3-compatible
//! object store. Phones bring their own HTTP stack by implementing the trait in Kotlin or Swift
//! (the bindings export it as a foreign trait).
//!
//! Keys are `/`-separated paths such as `devices/<device id>/changes/00000000000000000001`; each
//! device writes only under `devices/<its id>/`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{SyncFailure, sync_error};
use crate::error::Result;

/// A store of named objects. Every call may fail with `GutskinError::Sync { reason: Transport }`.
pub trait Transport: Send + Sync {
    /// Every key under `prefix` (recursively), in any order.
    fn list(&self, prefix: &str) -> Result<Vec<String>>;
    /// The object's bytes, or None if there is no such key.
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>>;
    /// Stores the object whole (readers never see half of it), replacing any with that key.
    fn put(&self, key: &str, data: &[u8]) -> Result<()>;
    /// Removes the object; removing a missing key is not an error.
    fn delete(&self, key: &str) -> Result<()>;
}

fn io_failure(what: &str, path: &Path, err: std::io::Error) -> crate::GutskinError {
    sync_error(SyncFailure::Transport, format!("could not {what} {}: {err}", path.display()))
}

/// A folder that a file-syncing service (Syncthing, iCloud Drive, Dropbox, Google Drive) or a
/// network share keeps the same on every device. Objects are written to a hidden temporary name
/// and renamed, so a reader never sees half of one; hidden files, temporary files and conflict
/// copies that such services leave are not listed.
#[derive(Debug, Clone)]
pub struct FolderTransport {
    root: PathBuf,
}

impl FolderTransport {
    /// Uses `root` (created if missing).
    pub fn new(root: impl Into<PathBuf>) -> Result<FolderTransport> {
        let root = root.into();
        std::fs::create_dir_all(&root).map_err(|e| io_failure("create", &root, e))?;
        Ok(FolderTransport { root })
    }

    fn path(&self, key: &str) -> Result<PathBuf> {
        let mut path = self.root.clone();
        for part in key.split('/') {
            if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
                return Err(sync_error(SyncFailure::Transport, format!("invalid object key {key:?}")));
            }
            path.push(part);
        }
        Ok(path)
    }

    fn walk(&self, dir: &Path, key: &str, out: &mut Vec<String>) -> Result<()> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_failure("read", dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| io_failure("read", dir, e))?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
            // Hidden and temporary files (ours, Syncthing's, iCloud's placeholders) are not objects.
            if name.starts_with('.') || name.starts_with('~') || name.ends_with(".tmp") || name.ends_with(".partial") {
                continue;
            }
            let child = if key.is_empty() { name } else { format!("{key}/{name}") };
            let kind = entry.file_type().map_err(|e| io_failure("read", &entry.path(), e))?;
            if kind.is_dir() {
                self.walk(&entry.path(), &child, out)?;
            } else if kind.is_file() {
                out.push(child);
            }
        }
        Ok(())
    }
}

impl Transport for FolderTransport {
    fn list(&self, prefix: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let trimmed = prefix.trim_end_matches('/');
        let start = if trimmed.is_empty() { self.root.clone() } else { self.path(trimmed)? };
        if start.is_file() {
            out.push(trimmed.to_string());
        } else {
            self.walk(&start, trimmed, &mut out)?;
        }
        out.retain(|k| k.starts_with(prefix));
        Ok(out)
    }

    fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let path = self.path(key)?;
        match std::fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_failure("read", &path, e)),
        }
    }

    fn put(&self, key: &str, data: &[u8]) -> Result<()> {
        let path = self.path(key)?;
        let dir = path.parent().expect("a key has a parent folder");
        std::fs::create_dir_all(dir).map_err(|e| io_failure("create", dir, e))?;
        let mut suffix = [0u8; 8];
        getrandom::fill(&mut suffix).map_err(|e| sync_error(SyncFailure::Transport, e.to_string()))?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("object");
        let tmp = dir.join(format!(".{name}.{}.tmp", u64::from_le_bytes(suffix)));
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(data)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io_failure("write", &path, e)
        })
    }

    fn delete(&self, key: &str) -> Result<()> {
        let path = self.path(key)?;
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_failure("delete", &path, e)),
        }
    }
}

/// Objects in memory: for tests and previews.
#[derive(Debug, Default)]
pub struct MemoryTransport {
    objects: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemoryTransport {
    pub fn new() -> MemoryTransport {
        MemoryTransport::default()
    }

    fn objects(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Vec<u8>>> {
        self.objects.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Transport for MemoryTransport {
    fn list(&self, prefix: &str) -> Result<Vec<String>> {
        Ok(self.objects().keys().filter(|k| k.starts_with(prefix)).cloned().collect())
    }

    fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.objects().get(key).cloned())
    }

    fn put(&self, key: &str, data: &[u8]) -> Result<()> {
        self.objects().insert(key.to_string(), data.to_vec());
        Ok(())
    }

    fn delete(&self, key: &str) -> Result<()> {
        self.objects().remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_lists_objects_and_skips_temporary_and_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let t = FolderTransport::new(dir.path()).unwrap();
        t.put("devices/a/changes/1", b"one").unwrap();
        t.put("devices/a/changes/2", b"two").unwrap();
        t.put("devices/b/progress", b"p").unwrap();
        std::fs::write(dir.path().join("devices/a/changes/.3.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join("devices/a/changes/4.partial"), b"half").unwrap();
        std::fs::write(dir.path().join(".stfolder"), b"").unwrap();
        let mut keys = t.list("devices/").unwrap();
        keys.sort();
        assert_eq!(keys, ["devices/a/changes/1", "devices/a/changes/2", "devices/b/progress"]);
        assert_eq!(t.list("devices/a/").unwrap().len(), 2);
        assert_eq!(t.list("nothing/").unwrap().len(), 0);
        assert_eq!(t.get("devices/a/changes/2").unwrap().unwrap(), b"two");
        assert_eq!(t.get("devices/a/changes/9").unwrap(), None);
        t.put("devices/a/changes/2", b"again").unwrap();
        assert_eq!(t.get("devices/a/changes/2").unwrap().unwrap(), b"again");
        t.delete("devices/a/changes/2").unwrap();
        t.delete("devices/a/changes/2").unwrap();
        assert_eq!(t.list("devices/a/").unwrap(), ["devices/a/changes/1"]);
        assert!(t.get("../escape").is_err());
        // No temporary file is left behind by a put.
        let left: Vec<_> = std::fs::read_dir(dir.path().join("devices/a/changes")).unwrap().collect();
        assert_eq!(left.len(), 3);
    }
}
