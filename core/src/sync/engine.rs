//! One sync: pull and merge what the other devices published, publish this device's changes,
//! publish this device's progress, and compact. The diary is locked only for the local steps,
//! never during a transfer, so the app stays usable while a sync runs.
//!
//! Layout under the transport's root (each device writes only under its own folder):
//!
//! ```text
//! devices/<device id>/changes/<sequence, 20 digits>   changesets 1, 2, 3, …
//! devices/<device id>/snapshot                        the whole diary as this device last saw it
//! devices/<device id>/progress                        per device, the changesets merged here
//! devices/<device id>/blobs/<name>                    photo files, named by a keyed hash
//! devices/<device id>/retired                         the devices this device retired
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::format::{self, Header, Keys, Kind, Payload, RetiredDevice, Retirements};
use super::key::SyncKey;
use super::transport::Transport;
use super::{SyncFailure, sync_error};
use crate::diary::Diary;
use crate::error::{GutskinError, Result};
use crate::store::SCHEMA_VERSION;
use crate::store::merge::{self, Progress};
use crate::time;

/// A device compacts once this many of its own changesets are in the store.
pub const COMPACT_AFTER: usize = 64;

/// When to write a snapshot and delete changesets every device has merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Compaction {
    /// When this device has [`COMPACT_AFTER`] changesets in the store.
    #[default]
    Auto,
    /// Now.
    Now,
    Never,
}

/// What a long sync is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SyncPhase {
    /// Fetching and merging other devices' changesets and snapshots: `done` of `total` objects.
    Download,
    /// Uploading photo files and this device's changeset: `done` of `total` objects.
    Upload,
}

/// Receives progress of a sync.
pub trait SyncProgress: Send + Sync {
    fn progress(&self, phase: SyncPhase, done: u64, total: u64);
}

/// The app's photo files, by content hash, for uploading the ones new rows reference.
pub trait BlobSource: Send + Sync {
    /// The file's bytes, or None if the app no longer has it.
    fn read(&self, hash: &str) -> Result<Option<Vec<u8>>>;
}

#[derive(Default)]
pub struct SyncOptions<'a> {
    pub compaction: Compaction,
    pub progress: Option<&'a dyn SyncProgress>,
    /// Photo files to upload before the changeset that references them.
    pub blobs: Option<&'a dyn BlobSource>,
    /// Test hook: called inside each merge transaction just before it commits.
    #[doc(hidden)]
    pub before_commit: Option<&'a (dyn Fn() + Sync)>,
}

/// A remote clock that was ahead of this device's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ClockSkew {
    pub device_id: String,
    pub ahead_ms: u64,
}

/// An object that could not be used; nothing from it was applied. It is tried again next time.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncProblem {
    pub key: String,
    pub reason: SyncFailure,
    pub detail: String,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncReport {
    /// The sequence number of the changeset this device published, if it had changes.
    pub published: Option<u64>,
    /// Field writes in that changeset.
    pub published_changes: u64,
    pub applied_changesets: u64,
    pub applied_snapshots: u64,
    /// Remote field writes that won and were written here.
    pub merged_changes: u64,
    /// Writes kept aside after this sync: rows not complete yet, and fields of a newer schema.
    pub held_changes: u64,
    pub uploaded_blobs: u64,
    /// Photo files of photos attached on this device that are not in the store yet because they
    /// could not be read (the file is gone or changed, the app's source had no bytes for it or
    /// failed). Their rows synced anyway; each file is tried again on every sync until it goes
    /// up, or until its photo is deleted. Tell the user when this stays above zero.
    pub photo_files_pending: u64,
    /// This device's changesets deleted because every device has merged them.
    pub compacted: u64,
    pub snapshot_written: bool,
    /// The farthest a remote clock was ahead of this device's (accepted, never refused).
    pub clock_ahead: Option<ClockSkew>,
    /// The newest schema version another device wrote with, if newer than this one's: update the app.
    pub newer_schema: Option<u32>,
    /// Objects that could not be used (damaged, another key, a newer format).
    pub problems: Vec<SyncProblem>,
    /// Set when another device had retired this one (it was lost or replaced, as far as that
    /// device knew): this sync brought it back, merging what it had missed and publishing what
    /// was written here. Tell the user; nothing is lost. See docs/sync.md, "Retiring a device".
    pub retired: Option<Retirement>,
}

/// A device that another device retired: compaction does not wait for it to merge changesets
/// (its own changesets and snapshot stay, and everyone still merges them). It holds while the
/// retired device's progress object is the one it had when it was retired: once that device
/// syncs again, it counts again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Retirement {
    /// The retired device.
    pub device_id: String,
    /// The device that retired it.
    pub retired_by: String,
    /// When, ms since the epoch (the retiring device's clock).
    pub retired_at_ms: i64,
}

/// What this diary knows about sync, without touching the network.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncStatus {
    pub device_id: String,
    /// The last changeset this device published (0: none yet).
    pub published_seq: u64,
    /// Field writes made here since then, waiting for the next sync.
    pub unpublished_changes: u64,
    pub peers: Vec<PeerStatus>,
    /// Writes waiting for the rest of their row.
    pub held_incomplete: u64,
    /// Writes from a newer schema, applied after an update.
    pub held_newer_schema: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PeerStatus {
    pub device_id: String,
    /// Its changesets 1..=n are merged here.
    pub applied_through: u64,
    pub schema_version: Option<u32>,
    /// When one of its changesets was last merged here (ms since the epoch).
    pub last_seen_ms: Option<i64>,
    /// When a sync here first found its progress changed, so it had synced shortly before (ms since
    /// the epoch); None until that has happened once since this device first saw it.
    pub last_synced_ms: Option<i64>,
    /// Set while it is retired (as of this device's last sync): the device list shows it as such.
    pub retired: Option<Retirement>,
}

/// Whether a store's data can be read with a key: what the UI shows before joining.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RemoteKeyState {
    /// Nothing synced there yet: any key will do (this is the first device).
    Empty,
    /// The data there was sealed with this key.
    Matches,
    /// The data there was sealed with another key: enter that key's recovery code, or start
    /// afresh with a new key in an empty folder or bucket (the old data cannot be read without it).
    OtherKey,
}

fn changeset_key(device: Uuid, seq: u64) -> String {
    format!("devices/{device}/changes/{seq:020}")
}

fn snapshot_key(device: Uuid) -> String {
    format!("devices/{device}/snapshot")
}

fn progress_key(device: Uuid) -> String {
    format!("devices/{device}/progress")
}

fn retired_key(device: Uuid) -> String {
    format!("devices/{device}/retired")
}

fn blob_key(device: Uuid, name: &str) -> String {
    format!("devices/{device}/blobs/{name}")
}

/// A blob's object name: a keyed hash of its content hash, so the store cannot tell which
/// known picture a user holds.
fn blob_name(keys: &Keys, hash: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&keys.blob_names).expect("HMAC takes any key length");
    mac.update(hash.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// A photo file's bytes from the app's source, only if they are the file of `hash`: bytes that
/// are not (a file changed since it was attached, a source that answered with the wrong file) are
/// never uploaded under its name. A source that fails counts as one that has no file now: the file
/// is tried again on the next sync, and the rest of the sync goes on.
fn read_blob(source: &dyn BlobSource, hash: &str) -> Option<Vec<u8>> {
    let bytes = source.read(hash).ok()??;
    let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    digest.eq_ignore_ascii_case(hash).then_some(bytes)
}

/// What the store holds, per device.
#[derive(Debug, Default)]
struct DeviceObjects {
    changes: BTreeSet<u64>,
    snapshot: bool,
    progress: bool,
    retired: bool,
    blobs: BTreeSet<String>,
}

fn list_devices(transport: &dyn Transport) -> Result<BTreeMap<Uuid, DeviceObjects>> {
    let mut out: BTreeMap<Uuid, DeviceObjects> = BTreeMap::new();
    for key in transport.list("devices/")? {
        let parts: Vec<&str> = key.split('/').collect();
        // Anything that is not one of our names (a conflict copy, a stray file) is not ours to read.
        let Some(device) = parts.get(1).and_then(|d| Uuid::try_parse(d).ok()) else { continue };
        let objects = out.entry(device).or_default();
        match parts[2..] {
            ["changes", seq] if seq.len() == 20 => {
                if let Ok(seq) = seq.parse::<u64>() {
                    objects.changes.insert(seq);
                }
            }
            ["snapshot"] => objects.snapshot = true,
            ["progress"] => objects.progress = true,
            ["retired"] => objects.retired = true,
            ["blobs", name] if name.len() == 64 => {
                objects.blobs.insert(name.to_string());
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Opens an object and checks that it is the kind and name it is stored under.
fn open_object(keys: &Keys, bytes: &[u8], kind: Kind, device: Uuid, seq: u64) -> Result<Vec<u8>> {
    let (header, plain) = format::open(keys, bytes)?;
    if header != (Header { kind, device, seq }) {
        return Err(sync_error(SyncFailure::Damaged, "it is stored under another device's or sequence's name"));
    }
    Ok(plain)
}

/// Opens a device's progress object: per device, the changesets merged there.
fn open_progress(keys: &Keys, bytes: &[u8], device: Uuid) -> Result<Payload> {
    open_object(keys, bytes, Kind::Progress, device, 0).and_then(|p| Payload::decode(&p))
}

/// A retirement as the API shows it: `by` retired `r.device`.
fn retirement(by: Uuid, r: &RetiredDevice) -> Retirement {
    Retirement {
        device_id: r.device.hyphenated().to_string(),
        retired_by: by.hyphenated().to_string(),
        retired_at_ms: i64::try_from(r.retired_at_ms).unwrap_or(i64::MAX),
    }
}

/// A progress object's coverage in a fixed order, to compare it with a retirement's.
fn sorted_coverage(coverage: impl IntoIterator<Item = (Uuid, u64)>) -> Vec<(Uuid, u64)> {
    let mut out: Vec<(Uuid, u64)> = coverage.into_iter().collect();
    out.sort();
    out
}

/// Every device's retirements list: (retired by, what it retired). Unusable lists are problems.
fn read_retirements(
    transport: &dyn Transport,
    keys: &Keys,
    listing: &BTreeMap<Uuid, DeviceObjects>,
    problems: &mut Vec<SyncProblem>,
) -> Result<Vec<(Uuid, RetiredDevice)>> {
    let mut out = Vec::new();
    for (&by, _) in listing.iter().filter(|(_, o)| o.retired) {
        let key_name = retired_key(by);
        let Some(bytes) = transport.get(&key_name)? else { continue };
        match open_object(keys, &bytes, Kind::Retirements, by, 0).and_then(|p| Retirements::decode(&p)) {
            Ok(list) => out.extend(list.devices.into_iter().map(|d| (by, d))),
            Err(err) => {
                let Some((reason, detail)) = failure_of(&err) else { return Err(err) };
                problems.push(SyncProblem { key: key_name, reason, detail });
            }
        }
    }
    Ok(out)
}

/// The retirements in force: a device is retired while its progress object (`progress_of`; empty
/// if it has none) is the one a retirement recorded. The latest such retirement is named.
fn retirements_in_force(
    retirements: &[(Uuid, RetiredDevice)],
    progress_of: impl Fn(Uuid) -> Vec<(Uuid, u64)>,
) -> BTreeMap<Uuid, Retirement> {
    let mut out: BTreeMap<Uuid, Retirement> = BTreeMap::new();
    for (by, r) in retirements {
        if sorted_coverage(r.progress.iter().copied()) != progress_of(r.device) {
            continue;
        }
        let retirement = retirement(*by, r);
        if out.get(&r.device).is_none_or(|old| old.retired_at_ms < retirement.retired_at_ms) {
            out.insert(r.device, retirement);
        }
    }
    out
}

/// What this device last knew of each other device (kept in the diary for `sync_status`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct PeerView {
    /// Its progress object's coverage when last read: (device id, changesets merged).
    progress: Vec<(String, u64)>,
    last_synced_ms: Option<i64>,
    retired: Option<Retirement>,
}

const PEER_VIEW: &str = "sync_peer_view";

fn failure_of(err: &GutskinError) -> Option<(SyncFailure, String)> {
    match err {
        GutskinError::Sync { reason, detail } if *reason != SyncFailure::Transport => Some((*reason, detail.clone())),
        _ => None,
    }
}

impl Diary {
    /// Syncs this diary through `transport` under `key`: merges what other devices published,
    /// publishes what changed here, and (see [`Compaction`]) compacts. Objects that cannot be used
    /// are listed in [`SyncReport::problems`] and tried again next time; a store whose data is
    /// all sealed with another key is a `Sync { reason: WrongKey }` error, and nothing is applied.
    pub fn sync(&self, transport: &dyn Transport, key: &SyncKey, options: &SyncOptions<'_>) -> Result<SyncReport> {
        let keys = Keys::new(key);
        let me = self.store().device_id();
        let mut report = SyncReport::default();
        let hook = || {
            if let Some(hook) = options.before_commit {
                hook()
            }
        };

        // Held writes first: an upgrade may have taught this version their fields.
        let (incomplete, unknown) = self.store().held_counts()?;
        if incomplete + unknown > 0 {
            self.store().merge(self.now_ms(), &[], &Progress::None, &hook)?;
        }

        let listing = list_devices(transport)?;
        let others: Vec<Uuid> = listing.keys().copied().filter(|d| *d != me).collect();

        // Other devices' progress: whether the key fits, what they published, what they merged.
        let mut progress: HashMap<Uuid, HashMap<Uuid, u64>> = HashMap::new();
        let mut wrong_key = 0;
        let mut readable = 0;
        for &device in others.iter().filter(|d| listing[d].progress) {
            let key_name = progress_key(device);
            let Some(bytes) = transport.get(&key_name)? else { continue };
            match open_progress(&keys, &bytes, device) {
                Ok(payload) => {
                    readable += 1;
                    progress.insert(device, payload.coverage.into_iter().collect());
                }
                Err(err) => {
                    let Some((reason, detail)) = failure_of(&err) else { return Err(err) };
                    wrong_key += usize::from(reason == SyncFailure::WrongKey);
                    report.problems.push(SyncProblem { key: key_name, reason, detail });
                }
            }
        }
        if wrong_key > 0 && readable == 0 {
            return Err(sync_error(
                SyncFailure::WrongKey,
                "the synced data was sealed with another sync key: enter the recovery code of your first device, \
                 or start afresh with a new key in an empty folder or bucket",
            ));
        }

        // Retirements: the union of every device's list. Retired devices block no compaction.
        let retirements = read_retirements(transport, &keys, &listing, &mut report.problems)?;
        if retirements.iter().any(|(_, r)| r.device == me) && listing.get(&me).is_some_and(|o| o.progress) {
            // Whether this device is still retired depends on its own progress object in the store.
            let own = transport.get(&progress_key(me))?.and_then(|bytes| open_progress(&keys, &bytes, me).ok());
            if let Some(payload) = own {
                progress.insert(me, payload.coverage.into_iter().collect());
            }
        }
        let retired = retirements_in_force(&retirements, |d| {
            sorted_coverage(progress.get(&d).into_iter().flatten().map(|(d, s)| (*d, *s)))
        });
        report.retired = retired.get(&me).cloned();

        self.pull(transport, &keys, &listing, &others, &progress, options, &mut report)?;
        self.publish(transport, &keys, &listing, options, &mut report)?;

        // This device's progress, for the others' compaction and for devices that start later.
        let applied = self.applied_vector(me)?;
        let payload = Payload { schema_version: SCHEMA_VERSION, coverage: applied.clone(), rows: Vec::new() };
        let sealed = format::seal(&keys, Header { kind: Kind::Progress, device: me, seq: 0 }, &payload.encode())?;
        transport.put(&progress_key(me), &sealed)?;

        let own = listing.get(&me).map(|o| o.changes.len()).unwrap_or(0) + usize::from(report.published.is_some());
        let compact = match options.compaction {
            Compaction::Now => true,
            Compaction::Auto => own >= COMPACT_AFTER,
            Compaction::Never => false,
        };
        if compact {
            self.compact(transport, &keys, &listing, &others, &progress, &retired, applied, &mut report)?;
        }
        let (incomplete, unknown) = self.store().held_counts()?;
        report.held_changes = incomplete + unknown;
        self.remember_peers(&others, &progress, &retired)?;
        Ok(report)
    }

    fn peer_view(&self) -> Result<BTreeMap<String, PeerView>> {
        let text = self.store().sync_meta_text(PEER_VIEW)?;
        // A view this version cannot read is rebuilt by the next sync: it is only for display.
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default())
    }

    fn save_peer_view(&self, view: &BTreeMap<String, PeerView>) -> Result<()> {
        let text = serde_json::to_string(view).map_err(|e| GutskinError::Storage { detail: e.to_string() })?;
        self.store().set_sync_meta_text(PEER_VIEW, &text)
    }

    /// Records, for `sync_status`, which devices are retired and when each was last seen syncing:
    /// when its progress object changed since the previous sync here.
    fn remember_peers(
        &self,
        others: &[Uuid],
        progress: &HashMap<Uuid, HashMap<Uuid, u64>>,
        retired: &BTreeMap<Uuid, Retirement>,
    ) -> Result<()> {
        let now = self.now_ms() as i64;
        let mut view = self.peer_view()?;
        for &device in others {
            let name = device.hyphenated().to_string();
            if let Some(p) = progress.get(&device) {
                let coverage: Vec<(String, u64)> = sorted_coverage(p.iter().map(|(d, s)| (*d, *s)))
                    .into_iter()
                    .map(|(d, s)| (d.hyphenated().to_string(), s))
                    .collect();
                match view.get_mut(&name) {
                    // First seen now: when it last synced is not known.
                    None => {
                        view.insert(name.clone(), PeerView { progress: coverage, ..PeerView::default() });
                    }
                    Some(known) if known.progress != coverage => {
                        known.progress = coverage;
                        known.last_synced_ms = Some(now);
                    }
                    Some(_) => {}
                }
            }
            if let Some(known) = view.get_mut(&name) {
                known.retired = retired.get(&device).cloned();
            } else if let Some(r) = retired.get(&device) {
                view.insert(name, PeerView { retired: Some(r.clone()), ..PeerView::default() });
            }
        }
        self.save_peer_view(&view)
    }

    /// Per device, the changesets merged here; for this device, the ones it published.
    fn applied_vector(&self, me: Uuid) -> Result<Vec<(Uuid, u64)>> {
        let store = self.store();
        let mut applied: Vec<(Uuid, u64)> =
            store.peers()?.into_iter().map(|p| (p.device, p.applied_through)).filter(|(d, _)| *d != me).collect();
        applied.push((me, store.publish_state()?.seq));
        Ok(applied)
    }

    #[allow(clippy::too_many_arguments)]
    fn pull(
        &self,
        transport: &dyn Transport,
        keys: &Keys,
        listing: &BTreeMap<Uuid, DeviceObjects>,
        others: &[Uuid],
        progress: &HashMap<Uuid, HashMap<Uuid, u64>>,
        options: &SyncOptions<'_>,
        report: &mut SyncReport,
    ) -> Result<()> {
        let hook = || {
            if let Some(hook) = options.before_commit {
                hook()
            }
        };
        let applied = |store_peers: &[merge::Peer], device: Uuid| {
            store_peers.iter().find(|p| p.device == device).map_or(0, |p| p.applied_through)
        };
        let peers = self.store().peers()?;
        // Snapshots are needed when a changeset this diary lacks is gone (compacted), or to start.
        let fresh = peers.iter().all(|p| p.applied_through == 0);
        // A changeset this diary needs that the store does not list: compacted (or still on its
        // way to a shared folder, in which case the snapshot costs time but changes nothing).
        let gap = others.iter().any(|&d| {
            let have = applied(&peers, d);
            let changes = &listing[&d].changes;
            let told = progress.get(&d).and_then(|p| p.get(&d)).copied().unwrap_or(0);
            let published = told.max(changes.iter().next_back().copied().unwrap_or(0));
            published > have && (changes.range(have + 1..=published).count() as u64) < published - have
        });
        let snapshots: Vec<Uuid> =
            if fresh || gap { others.iter().copied().filter(|d| listing[d].snapshot).collect() } else { Vec::new() };
        let total = snapshots.len() as u64
            + others
                .iter()
                .map(|d| listing[d].changes.iter().filter(|&&s| s > applied(&peers, *d)).count() as u64)
                .sum::<u64>();
        let mut done = 0;
        let tick = |done: u64| {
            if let Some(p) = options.progress {
                p.progress(SyncPhase::Download, done, total)
            }
        };
        tick(0);
        for device in snapshots {
            let key_name = snapshot_key(device);
            done += 1;
            let Some(bytes) = transport.get(&key_name)? else { continue };
            let payload = match open_object(keys, &bytes, Kind::Snapshot, device, 0).and_then(|p| Payload::decode(&p)) {
                Ok(payload) => payload,
                Err(err) => {
                    let Some((reason, detail)) = failure_of(&err) else { return Err(err) };
                    report.problems.push(SyncProblem { key: key_name, reason, detail });
                    continue;
                }
            };
            self.merge_payload(
                device,
                &payload,
                Progress::Snapshot { coverage: payload.coverage.clone() },
                &hook,
                report,
            )?;
            report.applied_snapshots += 1;
            tick(done);
        }
        let peers = self.store().peers()?;
        for &device in others {
            let have = applied(&peers, device);
            for &seq in listing[&device].changes.iter().filter(|&&s| s > have) {
                done += 1;
                let key_name = changeset_key(device, seq);
                let Some(bytes) = transport.get(&key_name)? else { continue };
                let payload =
                    match open_object(keys, &bytes, Kind::Changeset, device, seq).and_then(|p| Payload::decode(&p)) {
                        Ok(payload) => payload,
                        Err(err) => {
                            let Some((reason, detail)) = failure_of(&err) else { return Err(err) };
                            let stop = reason == SyncFailure::NewerFormat;
                            report.problems.push(SyncProblem { key: key_name, reason, detail });
                            // A newer format is left, with what follows it, for after the update.
                            if stop {
                                break;
                            }
                            continue;
                        }
                    };
                let progress = Progress::Changeset { device, seq, schema_version: payload.schema_version };
                self.merge_payload(device, &payload, progress, &hook, report)?;
                report.applied_changesets += 1;
                tick(done);
            }
        }
        Ok(())
    }

    fn merge_payload(
        &self,
        device: Uuid,
        payload: &Payload,
        progress: Progress,
        hook: &dyn Fn(),
        report: &mut SyncReport,
    ) -> Result<()> {
        if payload.schema_version > SCHEMA_VERSION {
            report.newer_schema = report.newer_schema.max(Some(payload.schema_version));
        }
        let outcome = self.store().merge(self.now_ms(), &payload.rows, &progress, hook)?;
        report.merged_changes += outcome.written;
        if let Some(skew) = outcome.skew
            && report.clock_ahead.as_ref().is_none_or(|c| c.ahead_ms < skew.ahead_ms)
        {
            report.clock_ahead =
                Some(ClockSkew { device_id: device.hyphenated().to_string(), ahead_ms: skew.ahead_ms });
        }
        Ok(())
    }

    fn publish(
        &self,
        transport: &dyn Transport,
        keys: &Keys,
        listing: &BTreeMap<Uuid, DeviceObjects>,
        options: &SyncOptions<'_>,
        report: &mut SyncReport,
    ) -> Result<()> {
        let me = self.store().device_id();
        let changeset = {
            let mut store = self.store();
            let state = store.publish_state()?;
            let range = match state.pending {
                Some(pending) => Some(pending),
                None => {
                    let (through, any) = store.own_changes_after(state.position)?;
                    if any {
                        store.record_publish(state.seq + 1, through, false)?;
                        Some((state.seq + 1, through))
                    } else {
                        None
                    }
                }
            };
            match range {
                Some((seq, through)) => Some((seq, through, store.own_changes(state.position, through)?)),
                None => None,
            }
        };
        // Photo files first, so a device reads a row only once its file is there, whenever the file
        // can be read: those the changeset's rows reference, and every file of a photo attached here
        // that is not in the store yet (one an earlier sync could not read is tried again each time).
        let own = self.store().own_blob_hashes()?;
        let mut hashes = changeset.as_ref().map(|(_, _, rows)| merge::referenced_blobs(rows)).unwrap_or_default();
        hashes.extend(own.iter().cloned());
        let uploaded: BTreeSet<String> = listing.get(&me).map(|o| o.blobs.clone()).unwrap_or_default();
        let wanted: Vec<(String, String)> = hashes
            .into_iter()
            .map(|hash| (blob_name(keys, &hash), hash))
            .filter(|(name, _)| !uploaded.contains(name))
            .collect();
        if changeset.is_none() && wanted.is_empty() {
            return Ok(());
        }
        let total = wanted.len() as u64 + u64::from(changeset.is_some());
        let tick = |done: u64| {
            if let Some(p) = options.progress {
                p.progress(SyncPhase::Upload, done, total)
            }
        };
        tick(0);
        for (i, (name, hash)) in wanted.iter().enumerate() {
            match options.blobs.and_then(|source| read_blob(source, hash)) {
                Some(bytes) => {
                    let sealed = format::seal(keys, Header { kind: Kind::Blob, device: me, seq: 0 }, &bytes)?;
                    transport.put(&blob_key(me, name), &sealed)?;
                    report.uploaded_blobs += 1;
                }
                // Not readable now: the rows sync without it, and the next sync tries again.
                None if own.contains(hash) => report.photo_files_pending += 1,
                // A photo deleted here: nobody is shown it, so nothing waits for its file.
                None => {}
            }
            tick(i as u64 + 1);
        }
        let Some((seq, through, rows)) = changeset else { return Ok(()) };
        let payload = Payload { schema_version: SCHEMA_VERSION, coverage: Vec::new(), rows };
        let sealed = format::seal(keys, Header { kind: Kind::Changeset, device: me, seq }, &payload.encode())?;
        transport.put(&changeset_key(me, seq), &sealed)?;
        self.store().record_publish(seq, through, true)?;
        tick(total);
        report.published = Some(seq);
        report.published_changes = payload.rows.iter().map(|r| r.fields.len() as u64).sum();
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn compact(
        &self,
        transport: &dyn Transport,
        keys: &Keys,
        listing: &BTreeMap<Uuid, DeviceObjects>,
        others: &[Uuid],
        progress: &HashMap<Uuid, HashMap<Uuid, u64>>,
        retired: &BTreeMap<Uuid, Retirement>,
        applied: Vec<(Uuid, u64)>,
        report: &mut SyncReport,
    ) -> Result<()> {
        let me = self.store().device_id();
        let published = applied.iter().find(|(d, _)| *d == me).map_or(0, |(_, s)| *s);
        // The snapshot covers everything this device merged and published, so a device that
        // starts later needs none of the changesets deleted below.
        let rows = self.store().all_changes()?;
        let payload = Payload { schema_version: SCHEMA_VERSION, coverage: applied, rows };
        let sealed = format::seal(keys, Header { kind: Kind::Snapshot, device: me, seq: 0 }, &payload.encode())?;
        transport.put(&snapshot_key(me), &sealed)?;
        report.snapshot_written = true;
        // Every device this diary knows of counts, also one the store's listing did not show now.
        let mut known: BTreeSet<Uuid> = others.iter().copied().collect();
        known.extend(self.store().peers()?.into_iter().map(|p| p.device).filter(|d| *d != me));
        // Except retired devices: nobody waits for them (their own objects stay).
        known.retain(|d| !retired.contains_key(d));
        let merged_everywhere = known
            .iter()
            .map(|d| progress.get(d).and_then(|p| p.get(&me)).copied().unwrap_or(0))
            .min()
            .unwrap_or(published)
            .min(published);
        let mine = listing.get(&me).map(|o| o.changes.clone()).unwrap_or_default();
        for seq in mine.into_iter().filter(|&s| s <= merged_everywhere) {
            transport.delete(&changeset_key(me, seq))?;
            report.compacted += 1;
        }
        Ok(())
    }

    /// What this diary knows about sync (no network).
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let store = self.store();
        let state = store.publish_state()?;
        let me = store.device_id();
        let unpublished = store.own_change_count(state.position)?;
        let (held_incomplete, held_newer_schema) = store.held_counts()?;
        let merged = store.peers()?;
        drop(store);
        let mut view = self.peer_view()?;
        let mut peers: Vec<PeerStatus> = merged
            .into_iter()
            .filter(|p| p.device != me)
            .map(|p| {
                let name = p.device.hyphenated().to_string();
                let known = view.remove(&name).unwrap_or_default();
                PeerStatus {
                    device_id: name,
                    applied_through: p.applied_through,
                    schema_version: p.schema_version,
                    last_seen_ms: p.last_seen_ms,
                    last_synced_ms: known.last_synced_ms,
                    retired: known.retired,
                }
            })
            .collect();
        // Devices seen in the store that published nothing merged here yet (one that only reads).
        peers.extend(view.into_iter().map(|(name, known)| PeerStatus {
            device_id: name,
            applied_through: 0,
            schema_version: None,
            last_seen_ms: None,
            last_synced_ms: known.last_synced_ms,
            retired: known.retired,
        }));
        peers.sort_by(|a, b| a.device_id.cmp(&b.device_id));
        Ok(SyncStatus {
            device_id: me.hyphenated().to_string(),
            published_seq: state.seq,
            unpublished_changes: unpublished,
            peers,
            held_incomplete,
            held_newer_schema,
        })
    }

    /// Retires another device that will not sync again (lost, wiped, replaced): from the next
    /// sync on, no device waits for it to merge changesets before compacting. Its changesets and
    /// snapshot stay and are still merged by everyone, so nothing it wrote is lost. Recorded in
    /// this device's own `retired` object; if the retired device syncs again later, it counts
    /// again (its progress object then differs from the one recorded here) and its sync report
    /// says it had been retired. `InvalidInput` on `device_id` for this device's own id, an id that
    /// is not a UUID, or a device with no objects in the store; nothing is written then.
    pub fn retire_sync_device(&self, transport: &dyn Transport, key: &SyncKey, device_id: &str) -> Result<Retirement> {
        let device = Uuid::try_parse(device_id)
            .map_err(|_| GutskinError::invalid("device_id", "must be a device id (a UUID, as `sync_status` shows)"))?;
        let me = self.store().device_id();
        if device == me {
            return Err(GutskinError::invalid(
                "device_id",
                "is this device's own id: retire a device from one of your other devices",
            ));
        }
        let listing = list_devices(transport)?;
        let Some(objects) = listing.get(&device) else {
            return Err(GutskinError::invalid("device_id", "no device with this id has synced through this store"));
        };
        let keys = Keys::new(key);
        // Its progress now (which also proves the key): the retirement holds while it stays so.
        let progress = match objects.progress.then(|| transport.get(&progress_key(device))).transpose()?.flatten() {
            Some(bytes) => {
                let payload = open_progress(&keys, &bytes, device)?;
                sorted_coverage(payload.coverage)
            }
            None => {
                if self.remote_key_state(transport, key)? == RemoteKeyState::OtherKey {
                    return Err(sync_error(
                        SyncFailure::WrongKey,
                        "the synced data was sealed with another sync key: nothing was retired",
                    ));
                }
                Vec::new()
            }
        };
        let mut list = match listing.get(&me).filter(|o| o.retired).map(|_| transport.get(&retired_key(me))) {
            Some(got) => match got? {
                Some(bytes) => Retirements::decode(&open_object(&keys, &bytes, Kind::Retirements, me, 0)?)?,
                None => Retirements::default(),
            },
            None => Retirements::default(),
        };
        let same = list.devices.iter().find(|r| r.device == device && r.progress == progress).cloned();
        let retirement = match same {
            // Retired already, and it has not synced since: nothing to write.
            Some(same) => retirement(me, &same),
            None => {
                list.devices.retain(|r| r.device != device);
                let record = RetiredDevice { device, retired_at_ms: self.now_ms(), progress };
                let retirement = retirement(me, &record);
                list.devices.push(record);
                let header = Header { kind: Kind::Retirements, device: me, seq: 0 };
                transport.put(&retired_key(me), &format::seal(&keys, header, &list.encode())?)?;
                retirement
            }
        };
        // The device list shows it retired now, not only after the next sync.
        let mut view = self.peer_view()?;
        view.entry(retirement.device_id.clone()).or_default().retired = Some(retirement.clone());
        self.save_peer_view(&view)?;
        Ok(retirement)
    }

    /// Whether the data in `transport` can be read with `key`.
    pub fn remote_key_state(&self, transport: &dyn Transport, key: &SyncKey) -> Result<RemoteKeyState> {
        let keys = Keys::new(key);
        for (device, objects) in list_devices(transport)? {
            let key_name = if objects.progress {
                progress_key(device)
            } else if let Some(seq) = objects.changes.iter().next() {
                changeset_key(device, *seq)
            } else {
                continue;
            };
            let Some(bytes) = transport.get(&key_name)? else { continue };
            return match format::open(&keys, &bytes) {
                Ok(_) => Ok(RemoteKeyState::Matches),
                Err(GutskinError::Sync { reason: SyncFailure::WrongKey, .. }) => Ok(RemoteKeyState::OtherKey),
                Err(GutskinError::Sync { reason: SyncFailure::Damaged, .. }) => continue,
                Err(err) => Err(err),
            };
        }
        Ok(RemoteKeyState::Empty)
    }

    /// Photo files the diary's rows reference that `have` says are not on this device.
    pub fn missing_blobs(&self, have: &dyn Fn(&str) -> bool) -> Result<Vec<String>> {
        Ok(self.store().blob_hashes()?.into_iter().filter(|h| !have(h)).collect())
    }

    /// Downloads one photo file by its content hash, checked against it. `NotFound` if no device
    /// has uploaded it (yet).
    pub fn fetch_blob(&self, transport: &dyn Transport, key: &SyncKey, hash: &str) -> Result<Vec<u8>> {
        // Photos are named by their SHA-256 (64 hex digits); anything else names nothing.
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(GutskinError::invalid("hash", "must be a photo's SHA-256: 64 hex digits"));
        }
        let keys = Keys::new(key);
        let name = blob_name(&keys, hash);
        for (device, objects) in list_devices(transport)? {
            if !objects.blobs.contains(&name) {
                continue;
            }
            let Some(bytes) = transport.get(&blob_key(device, &name))? else { continue };
            let plain = open_object(&keys, &bytes, Kind::Blob, device, 0)?;
            let is_sha256 = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
            if is_sha256 {
                let digest: String = Sha256::digest(&plain).iter().map(|b| format!("{b:02x}")).collect();
                if !digest.eq_ignore_ascii_case(hash) {
                    return Err(sync_error(SyncFailure::Damaged, "the photo file does not match its hash"));
                }
            }
            return Ok(plain);
        }
        Err(GutskinError::not_found("photo file", hash))
    }

    fn now_ms(&self) -> u64 {
        time::to_millis(self.now()).max(0) as u64
    }
}
