//! The bytes of sync objects: a clear header, then the compressed payload sealed with
//! XChaCha20-Poly1305 under a subkey of the sync key. The header is the associated data, so a
//! changeset cannot be moved to another device's name or sequence number unnoticed. Byte layout in
//! docs/sync.md.
//!
//! ```text
//! 0   4  magic: "GSK" + kind (C changeset, S snapshot, P progress, B blob, R retirements)
//! 4   1  format version (1)
//! 5  16  device id of the writer
//! 21  8  sequence number, big-endian (changesets; 0 for the others)
//! 29  8  key id: the first 8 bytes of a subkey, so a wrong key is told apart from a damaged file
//! 37 24  nonce (random)
//! 61  …  ciphertext of the LZ4-compressed payload, then the 16-byte tag
//! ```

use chacha20poly1305::aead::{Aead, KeyInit, Payload as AeadPayload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rusqlite::types::Value;
use uuid::Uuid;

use super::key::SyncKey;
use super::{SyncFailure, sync_error};
use crate::error::Result;
use crate::sync::hlc::Stamp;

/// The format version this build writes and reads; a higher one is left for after an update.
pub const SYNC_FORMAT_VERSION: u8 = 1;

const MAGIC: &[u8; 3] = b"GSK";
const HEADER_LEN: usize = 37;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// The largest payload a reader inflates (a diary of decades is far smaller).
const MAX_PAYLOAD: usize = 1 << 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Changeset = b'C' as isize,
    Snapshot = b'S' as isize,
    Progress = b'P' as isize,
    Blob = b'B' as isize,
    /// The devices this device retired. Readers older than this kind never fetch it: they list
    /// only the object names they know (docs/sync.md).
    Retirements = b'R' as isize,
}

impl Kind {
    fn from_byte(b: u8) -> Option<Kind> {
        match b {
            b'C' => Some(Kind::Changeset),
            b'S' => Some(Kind::Snapshot),
            b'P' => Some(Kind::Progress),
            b'B' => Some(Kind::Blob),
            b'R' => Some(Kind::Retirements),
            _ => None,
        }
    }
}

/// The clear header of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub kind: Kind,
    pub device: Uuid,
    pub seq: u64,
}

/// Subkeys of the sync key.
pub(crate) struct Keys {
    cipher: XChaCha20Poly1305,
    key_id: [u8; 8],
    pub blob_names: [u8; 32],
}

impl Keys {
    pub fn new(key: &SyncKey) -> Keys {
        let enc = key.derive("gutskin sync v1 encryption");
        let id = key.derive("gutskin sync v1 key id");
        Keys {
            cipher: XChaCha20Poly1305::new((&enc).into()),
            key_id: id[..8].try_into().expect("8 bytes"),
            blob_names: key.derive("gutskin sync v1 blob names"),
        }
    }
}

/// Compresses and seals `plain` under `header`.
pub(crate) fn seal(keys: &Keys, header: Header, plain: &[u8]) -> Result<Vec<u8>> {
    let compressed = lz4_flex::compress_prepend_size(plain);
    let mut out = Vec::with_capacity(HEADER_LEN + NONCE_LEN + compressed.len() + TAG_LEN);
    out.extend_from_slice(MAGIC);
    out.push(header.kind as u8);
    out.push(SYNC_FORMAT_VERSION);
    out.extend_from_slice(header.device.as_bytes());
    out.extend_from_slice(&header.seq.to_be_bytes());
    out.extend_from_slice(&keys.key_id);
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|e| sync_error(SyncFailure::Transport, format!("no randomness: {e}")))?;
    out.extend_from_slice(&nonce);
    let sealed = keys
        .cipher
        .encrypt(XNonce::from_slice(&nonce), AeadPayload { msg: &compressed, aad: &out[..HEADER_LEN] })
        .map_err(|_| sync_error(SyncFailure::Damaged, "could not encrypt"))?;
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Reads the clear header; `Damaged` for anything that is not a Gutskin sync object of this
/// format, `NewerFormat` for one from a newer Gutskin.
pub(crate) fn header(bytes: &[u8]) -> Result<Header> {
    if bytes.len() < 5 || &bytes[..3] != MAGIC {
        return Err(sync_error(SyncFailure::Damaged, "not a Gutskin sync object"));
    }
    let kind = Kind::from_byte(bytes[3]).ok_or_else(|| sync_error(SyncFailure::Damaged, "unknown object kind"))?;
    if bytes[4] > SYNC_FORMAT_VERSION {
        return Err(sync_error(
            SyncFailure::NewerFormat,
            format!("format {} (this version reads up to {SYNC_FORMAT_VERSION}); update the app", bytes[4]),
        ));
    }
    if bytes[4] == 0 {
        return Err(sync_error(SyncFailure::Damaged, "format version 0"));
    }
    if bytes.len() < HEADER_LEN + NONCE_LEN + TAG_LEN {
        return Err(sync_error(SyncFailure::Damaged, "truncated"));
    }
    let device = Uuid::from_slice(&bytes[5..21]).expect("16 bytes");
    let seq = u64::from_be_bytes(bytes[21..29].try_into().expect("8 bytes"));
    Ok(Header { kind, device, seq })
}

/// Checks, decrypts and inflates an object: `WrongKey` if it was sealed under another sync key,
/// `Damaged` if it was changed or cut short.
pub(crate) fn open(keys: &Keys, bytes: &[u8]) -> Result<(Header, Vec<u8>)> {
    let header = header(bytes)?;
    if bytes[29..37] != keys.key_id {
        return Err(sync_error(
            SyncFailure::WrongKey,
            "it was sealed with another sync key (enter that key's recovery code, or start afresh)",
        ));
    }
    let nonce = XNonce::from_slice(&bytes[HEADER_LEN..HEADER_LEN + NONCE_LEN]);
    let compressed = keys
        .cipher
        .decrypt(nonce, AeadPayload { msg: &bytes[HEADER_LEN + NONCE_LEN..], aad: &bytes[..HEADER_LEN] })
        .map_err(|_| sync_error(SyncFailure::Damaged, "it was changed or cut short (authentication failed)"))?;
    if compressed.len() >= 4 {
        let size = u32::from_le_bytes(compressed[..4].try_into().expect("4 bytes")) as usize;
        if size > MAX_PAYLOAD {
            return Err(sync_error(SyncFailure::Damaged, "payload too large"));
        }
    }
    let plain = lz4_flex::decompress_size_prepended(&compressed)
        .map_err(|e| sync_error(SyncFailure::Damaged, format!("could not inflate: {e}")))?;
    Ok((header, plain))
}

/// One field write as it travels: the value exactly as stored, its stamp and writing device.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldWrite {
    pub field: String,
    pub value: Value,
    pub stamp: Stamp,
    pub device: Uuid,
}

/// The writes of one row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowChanges {
    pub table: String,
    pub row_id: Uuid,
    pub fields: Vec<FieldWrite>,
}

/// What a changeset, snapshot or progress object carries.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Payload {
    pub schema_version: u32,
    /// Per device, the changesets 1..=n merged (snapshots and progress objects).
    pub coverage: Vec<(Uuid, u64)>,
    pub rows: Vec<RowChanges>,
}

impl Payload {
    /// Layout: schema version; coverage; a name table (tables and fields); a device table; rows.
    pub fn encode(&self) -> Vec<u8> {
        use std::collections::HashMap;
        let mut names: Vec<&str> = Vec::new();
        let mut name_idx: HashMap<&str, u64> = HashMap::new();
        let mut devices: Vec<Uuid> = Vec::new();
        let mut device_idx: HashMap<Uuid, u64> = HashMap::new();
        for row in &self.rows {
            for name in std::iter::once(row.table.as_str()).chain(row.fields.iter().map(|f| f.field.as_str())) {
                if !name_idx.contains_key(name) {
                    name_idx.insert(name, names.len() as u64);
                    names.push(name);
                }
            }
            for f in &row.fields {
                device_idx.entry(f.device).or_insert_with(|| {
                    devices.push(f.device);
                    devices.len() as u64 - 1
                });
            }
        }
        let mut out = Vec::with_capacity(64 + self.rows.len() * 64);
        put_varint(&mut out, u64::from(self.schema_version));
        put_varint(&mut out, self.coverage.len() as u64);
        for (device, seq) in &self.coverage {
            out.extend_from_slice(device.as_bytes());
            put_varint(&mut out, *seq);
        }
        put_varint(&mut out, names.len() as u64);
        for name in &names {
            put_bytes(&mut out, name.as_bytes());
        }
        put_varint(&mut out, devices.len() as u64);
        for device in &devices {
            out.extend_from_slice(device.as_bytes());
        }
        put_varint(&mut out, self.rows.len() as u64);
        for row in &self.rows {
            put_varint(&mut out, name_idx[row.table.as_str()]);
            out.extend_from_slice(row.row_id.as_bytes());
            put_varint(&mut out, row.fields.len() as u64);
            for f in &row.fields {
                put_varint(&mut out, name_idx[f.field.as_str()]);
                put_varint(&mut out, device_idx[&f.device]);
                put_varint(&mut out, f.stamp.to_i64() as u64);
                put_value(&mut out, &f.value);
            }
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Payload> {
        let mut r = Reader { bytes, pos: 0 };
        let schema_version = u32::try_from(r.varint()?).map_err(|_| damaged("schema version"))?;
        let n = r.count()?;
        let mut coverage = Vec::with_capacity(n);
        for _ in 0..n {
            coverage.push((r.uuid()?, r.varint()?));
        }
        let n = r.count()?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(String::from_utf8(r.bytes()?.to_vec()).map_err(|_| damaged("name"))?);
        }
        let n = r.count()?;
        let mut devices = Vec::with_capacity(n);
        for _ in 0..n {
            devices.push(r.uuid()?);
        }
        let name = |i: u64| names.get(i as usize).cloned().ok_or_else(|| damaged("name index"));
        let n = r.count()?;
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let table = name(r.varint()?)?;
            let row_id = r.uuid()?;
            let nf = r.count()?;
            let mut fields = Vec::with_capacity(nf);
            for _ in 0..nf {
                let field = name(r.varint()?)?;
                let device = *devices.get(r.varint()? as usize).ok_or_else(|| damaged("device index"))?;
                let stamp = Stamp::from_i64(r.varint()? as i64);
                let value = r.value()?;
                fields.push(FieldWrite { field, value, stamp, device });
            }
            rows.push(RowChanges { table, row_id, fields });
        }
        if r.pos != bytes.len() {
            return Err(damaged("trailing bytes"));
        }
        Ok(Payload { schema_version, coverage, rows })
    }
}

/// One device that the writing device retired, and the retired device's progress object as it
/// was then: the retirement holds while that progress object stays the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RetiredDevice {
    pub device: Uuid,
    /// When it was retired, ms since the epoch (the retiring device's clock).
    pub retired_at_ms: u64,
    /// Its progress object's coverage then, sorted by device (empty: it had none).
    pub progress: Vec<(Uuid, u64)>,
}

/// What a retirements object carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Retirements {
    pub devices: Vec<RetiredDevice>,
}

impl Retirements {
    /// Layout: varint n, then n × (16-byte device id, varint retired at (ms), varint m, then
    /// m × (16-byte device id, varint changesets merged)). Bytes after that are ignored, so a later
    /// version can append fields that this one skips.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, self.devices.len() as u64);
        for d in &self.devices {
            out.extend_from_slice(d.device.as_bytes());
            put_varint(&mut out, d.retired_at_ms);
            put_varint(&mut out, d.progress.len() as u64);
            for (device, seq) in &d.progress {
                out.extend_from_slice(device.as_bytes());
                put_varint(&mut out, *seq);
            }
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Retirements> {
        let mut r = Reader { bytes, pos: 0 };
        let n = r.count()?;
        let mut devices = Vec::with_capacity(n);
        for _ in 0..n {
            let device = r.uuid()?;
            let retired_at_ms = r.varint()?;
            let m = r.count()?;
            let mut progress = Vec::with_capacity(m);
            for _ in 0..m {
                progress.push((r.uuid()?, r.varint()?));
            }
            devices.push(RetiredDevice { device, retired_at_ms, progress });
        }
        Ok(Retirements { devices })
    }
}

fn damaged(what: &str) -> crate::error::GutskinError {
    sync_error(SyncFailure::Damaged, format!("malformed payload ({what})"))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_varint(out, b.len() as u64);
    out.extend_from_slice(b);
}

fn put_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.push(0),
        Value::Integer(i) => {
            out.push(1);
            put_varint(out, ((i << 1) ^ (i >> 63)) as u64);
        }
        Value::Real(f) => {
            out.push(2);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Value::Text(t) => {
            out.push(3);
            put_bytes(out, t.as_bytes());
        }
        Value::Blob(b) => {
            out.push(4);
            put_bytes(out, b);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| damaged("cut short"))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(damaged("varint"))
    }

    /// A count of items that each take at least one byte: never more than the bytes left.
    fn count(&mut self) -> Result<usize> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.pos) as u64 {
            return Err(damaged("count"));
        }
        Ok(n as usize)
    }

    fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.count()?;
        self.take(n)
    }

    fn uuid(&mut self) -> Result<Uuid> {
        Ok(Uuid::from_slice(self.take(16)?).expect("16 bytes"))
    }

    fn value(&mut self) -> Result<Value> {
        Ok(match self.take(1)?[0] {
            0 => Value::Null,
            1 => {
                let z = self.varint()?;
                Value::Integer(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            2 => Value::Real(f64::from_bits(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))),
            3 => Value::Text(String::from_utf8(self.bytes()?.to_vec()).map_err(|_| damaged("text"))?),
            4 => Value::Blob(self.bytes()?.to_vec()),
            _ => return Err(damaged("value tag")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::GutskinError;

    fn sample() -> Payload {
        let d = Uuid::now_v7();
        Payload {
            schema_version: 4,
            coverage: vec![(d, 7)],
            rows: vec![RowChanges {
                table: "entries".into(),
                row_id: Uuid::now_v7(),
                fields: vec![
                    FieldWrite {
                        field: "note".into(),
                        value: Value::Text("12".into()),
                        stamp: Stamp::new(5, 1),
                        device: d,
                    },
                    FieldWrite {
                        field: "stress".into(),
                        value: Value::Integer(-3),
                        stamp: Stamp::new(6, 0),
                        device: d,
                    },
                    FieldWrite {
                        field: "x".into(),
                        value: Value::Real(-0.1),
                        stamp: Stamp::new(1 << 40, 9),
                        device: d,
                    },
                    FieldWrite {
                        field: "y".into(),
                        value: Value::Blob(vec![0, 1, 2]),
                        stamp: Stamp::new(7, 0),
                        device: Uuid::nil(),
                    },
                    FieldWrite { field: "z".into(), value: Value::Null, stamp: Stamp::new(7, 0), device: d },
                    FieldWrite {
                        field: "i".into(),
                        value: Value::Integer(i64::MIN),
                        stamp: Stamp::new(7, 0),
                        device: d,
                    },
                ],
            }],
        }
    }

    fn failure(result: Result<impl std::fmt::Debug>) -> SyncFailure {
        match result {
            Err(GutskinError::Sync { reason, .. }) => reason,
            other => panic!("expected a sync error, got {other:?}"),
        }
    }

    #[test]
    fn payload_round_trips_exactly() {
        let p = sample();
        assert_eq!(Payload::decode(&p.encode()).unwrap(), p);
        let bytes = p.encode();
        for cut in 0..bytes.len() {
            assert!(Payload::decode(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn retirements_round_trip_and_ignore_what_a_later_version_appends() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let list = Retirements {
            devices: vec![
                RetiredDevice { device: a, retired_at_ms: 1_790_000_000_000, progress: vec![(a, 3), (b, 9)] },
                RetiredDevice { device: b, retired_at_ms: 5, progress: vec![] },
            ],
        };
        let mut bytes = list.encode();
        assert_eq!(Retirements::decode(&bytes).unwrap(), list);
        for cut in 0..bytes.len() {
            assert!(Retirements::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        bytes.extend_from_slice(b"later fields");
        assert_eq!(Retirements::decode(&bytes).unwrap(), list);
    }

    #[test]
    fn sealed_objects_open_only_whole_and_with_their_key() {
        let key = SyncKey::generate().unwrap();
        let keys = Keys::new(&key);
        let header = Header { kind: Kind::Changeset, device: Uuid::now_v7(), seq: 3 };
        let plain = sample().encode();
        let sealed = seal(&keys, header, &plain).unwrap();
        assert_eq!(open(&keys, &sealed).unwrap(), (header, plain.clone()));

        let other = Keys::new(&SyncKey::generate().unwrap());
        assert_eq!(failure(open(&other, &sealed)), SyncFailure::WrongKey);
        for cut in [0, 3, 10, 40, 70, sealed.len() - 1] {
            assert_eq!(failure(open(&keys, &sealed[..cut])), SyncFailure::Damaged, "cut at {cut}");
        }
        for at in [3, 5, 22, 40, 61, sealed.len() - 1] {
            let mut tampered = sealed.clone();
            tampered[at] ^= 1;
            let reason = failure(open(&keys, &tampered));
            assert!(matches!(reason, SyncFailure::Damaged | SyncFailure::WrongKey), "byte {at}: {reason:?}");
        }
        let mut newer = sealed.clone();
        newer[4] = SYNC_FORMAT_VERSION + 1;
        assert_eq!(failure(open(&keys, &newer)), SyncFailure::NewerFormat);
    }
}
