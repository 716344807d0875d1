//! The backup file: a clear, versioned header, then the diary (an SQLite image of it,
//! LZ4-compressed) sealed with XChaCha20-Poly1305, the AEAD sync uses. The header is the associated
//! data, so none of it can be changed unnoticed. Layout (also in docs/privacy.md):
//!
//! ```text
//! 0   8  magic "GSKBACKP"
//! 8   1  format version (1)
//! 9   1  sealing: 1 the diary key, 2 a passphrase (Argon2id)
//! 10  4  Argon2 memory in KiB, big-endian (0 with the key)
//! 14  4  Argon2 passes (0 with the key)
//! 18  4  Argon2 lanes (0 with the key)
//! 22 16  Argon2 salt, random (zeros with the key)
//! 38  4  schema version of the diary inside, big-endian
//! 42  8  when the backup was made: ms since the Unix epoch, big-endian, signed
//! 50  8  key id: the first 8 bytes of a subkey, to tell a wrong key or passphrase from damage
//! 58 24  nonce, random
//! 82  …  ciphertext and 16-byte tag of the LZ4 block (uncompressed size prepended, 4 bytes LE)
//! ```
//!
//! The encryption key and the key id are HKDF-SHA256 subkeys (salt "gutskin backup") of a 32-byte
//! master: the diary key itself, or Argon2id(passphrase, salt) with the parameters in the header.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use serde::Serialize;
use sha2::Sha256;

use super::{BackupSecret, DiaryKey, zero};
use crate::error::{EncryptionFailure, GutskinError, Result};

/// The backup format this build writes and reads; a newer one is refused (`NewerBackup`).
pub const BACKUP_FORMAT_VERSION: u8 = 1;

const MAGIC: &[u8; 8] = b"GSKBACKP";
const HEADER_LEN: usize = 58;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// The largest diary image a reader inflates (a diary of decades is far smaller).
const MAX_IMAGE: usize = 1 << 30;

/// Argon2id parameters for new passphrase backups: 64 MiB, 3 passes, 1 lane (RFC 9106's second
/// recommended option, with one lane because phones run it on one thread).
const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
const ARGON2_PASSES: u32 = 3;
const ARGON2_LANES: u32 = 1;
/// What a reader accepts from a header, so a crafted file cannot make it allocate gigabytes or
/// spin for minutes: at most 1 GiB, 16 passes, 16 lanes.
const ARGON2_MAX_MEMORY_KIB: u32 = 1024 * 1024;
const ARGON2_MAX_PASSES: u32 = 16;
const ARGON2_MAX_LANES: u32 = 16;
/// The shortest passphrase a new backup is sealed with.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The longest one.
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// How a backup is sealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BackupSealing {
    /// With the diary key: restoring needs that key.
    Key,
    /// With a passphrase: restoring needs the passphrase.
    Passphrase,
}

/// What a backup's clear header says (read without any key): what to ask the user for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BackupInfo {
    pub format_version: u32,
    pub sealing: BackupSealing,
    /// The diary's schema version when it was backed up.
    pub schema_version: u32,
    /// When the backup was made (ms since the Unix epoch).
    pub backed_up_at_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct KdfParams {
    memory_kib: u32,
    passes: u32,
    lanes: u32,
    salt: [u8; 16],
}

fn damaged(detail: impl Into<String>) -> GutskinError {
    GutskinError::encryption(EncryptionFailure::DamagedBackup, detail)
}

/// Seals a diary image into a backup file's bytes.
pub(crate) fn seal(image: &[u8], secret: &BackupSecret, schema_version: u32, created_ms: i64) -> Result<Vec<u8>> {
    let (sealing, params) = match secret {
        BackupSecret::Key { .. } => (1u8, None),
        BackupSecret::Passphrase { passphrase } => {
            if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
                return Err(GutskinError::invalid(
                    "passphrase",
                    format!("must be at least {MIN_PASSPHRASE_CHARS} characters"),
                ));
            }
            // Something a person types: not a 10 MB paste, not NUL or other control characters.
            if passphrase.chars().nth(MAX_PASSPHRASE_CHARS).is_some() {
                return Err(GutskinError::invalid(
                    "passphrase",
                    format!("must be at most {MAX_PASSPHRASE_CHARS} characters"),
                ));
            }
            if passphrase.chars().any(char::is_control) {
                return Err(GutskinError::invalid("passphrase", "must not contain control characters"));
            }
            let mut salt = [0u8; 16];
            random(&mut salt)?;
            (2u8, Some(KdfParams { memory_kib: ARGON2_MEMORY_KIB, passes: ARGON2_PASSES, lanes: ARGON2_LANES, salt }))
        }
    };
    let keys = Keys::new(secret, params.as_ref())?;
    let compressed = lz4_flex::compress_prepend_size(image);
    let mut out = Vec::with_capacity(HEADER_LEN + NONCE_LEN + compressed.len() + TAG_LEN);
    out.extend_from_slice(MAGIC);
    out.push(BACKUP_FORMAT_VERSION);
    out.push(sealing);
    let p = params.unwrap_or(KdfParams { memory_kib: 0, passes: 0, lanes: 0, salt: [0; 16] });
    out.extend_from_slice(&p.memory_kib.to_be_bytes());
    out.extend_from_slice(&p.passes.to_be_bytes());
    out.extend_from_slice(&p.lanes.to_be_bytes());
    out.extend_from_slice(&p.salt);
    out.extend_from_slice(&schema_version.to_be_bytes());
    out.extend_from_slice(&created_ms.to_be_bytes());
    out.extend_from_slice(&keys.key_id);
    let mut nonce = [0u8; NONCE_LEN];
    random(&mut nonce)?;
    out.extend_from_slice(&nonce);
    let sealed = keys
        .cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &compressed, aad: &out[..HEADER_LEN] })
        .map_err(|_| GutskinError::Storage { detail: "could not encrypt the backup".into() })?;
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Reads a backup's clear header: `DamagedBackup` for anything that is not a Gutskin backup,
/// `NewerBackup` for one in a newer format.
pub fn read_info(bytes: &[u8]) -> Result<BackupInfo> {
    Ok(parse_header(bytes)?.0)
}

fn parse_header(bytes: &[u8]) -> Result<(BackupInfo, Option<KdfParams>)> {
    if bytes.len() < 9 || &bytes[..8] != MAGIC {
        return Err(damaged("not a Gutskin backup"));
    }
    if bytes[8] > BACKUP_FORMAT_VERSION {
        return Err(GutskinError::encryption(
            EncryptionFailure::NewerBackup,
            format!("format {} (this version reads up to {BACKUP_FORMAT_VERSION}); update the app", bytes[8]),
        ));
    }
    if bytes[8] == 0 {
        return Err(damaged("format version 0"));
    }
    if bytes.len() < HEADER_LEN + NONCE_LEN + TAG_LEN {
        return Err(damaged("cut short"));
    }
    let u32_at = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    let (sealing, params) = match bytes[9] {
        1 => (BackupSealing::Key, None),
        2 => {
            let params = KdfParams {
                memory_kib: u32_at(10),
                passes: u32_at(14),
                lanes: u32_at(18),
                salt: bytes[22..38].try_into().expect("16 bytes"),
            };
            let sane = (1..=ARGON2_MAX_LANES).contains(&params.lanes)
                && (1..=ARGON2_MAX_PASSES).contains(&params.passes)
                && (8 * params.lanes..=ARGON2_MAX_MEMORY_KIB).contains(&params.memory_kib);
            if !sane {
                return Err(damaged("its key derivation parameters are out of range"));
            }
            (BackupSealing::Passphrase, Some(params))
        }
        other => return Err(damaged(format!("unknown sealing {other}"))),
    };
    let info = BackupInfo {
        format_version: u32::from(bytes[8]),
        sealing,
        schema_version: u32_at(38),
        backed_up_at_ms: i64::from_be_bytes(bytes[42..50].try_into().expect("8 bytes")),
    };
    Ok((info, params))
}

/// Checks, decrypts and inflates a backup: the diary image and what its header says. A secret of
/// the other kind is `KeyNeeded`/`PassphraseNeeded`, a wrong one `WrongKey`/`WrongPassphrase`, a
/// changed or cut-short file `DamagedBackup`.
pub(crate) fn open(bytes: &[u8], secret: &BackupSecret) -> Result<(BackupInfo, Vec<u8>)> {
    let (info, params) = parse_header(bytes)?;
    let wrong = match (info.sealing, secret) {
        (BackupSealing::Key, BackupSecret::Key { .. }) => EncryptionFailure::WrongKey,
        (BackupSealing::Passphrase, BackupSecret::Passphrase { .. }) => EncryptionFailure::WrongPassphrase,
        (BackupSealing::Key, BackupSecret::Passphrase { .. }) => {
            return Err(GutskinError::encryption(
                EncryptionFailure::KeyNeeded,
                "this backup is sealed with a diary key, not a passphrase",
            ));
        }
        (BackupSealing::Passphrase, BackupSecret::Key { .. }) => {
            return Err(GutskinError::encryption(
                EncryptionFailure::PassphraseNeeded,
                "this backup is sealed with a passphrase, not the diary key",
            ));
        }
    };
    let keys = Keys::new(secret, params.as_ref())?;
    if bytes[50..58] != keys.key_id {
        return Err(GutskinError::encryption(wrong, "it was sealed with another one; nothing was restored"));
    }
    let nonce = XNonce::from_slice(&bytes[HEADER_LEN..HEADER_LEN + NONCE_LEN]);
    let compressed = keys
        .cipher
        .decrypt(nonce, Payload { msg: &bytes[HEADER_LEN + NONCE_LEN..], aad: &bytes[..HEADER_LEN] })
        .map_err(|_| damaged("it was changed or cut short (authentication failed)"))?;
    if compressed.len() < 4 {
        return Err(damaged("empty"));
    }
    let size = u32::from_le_bytes(compressed[..4].try_into().expect("4 bytes")) as usize;
    if size > MAX_IMAGE {
        return Err(damaged("too large"));
    }
    let image =
        lz4_flex::decompress_size_prepended(&compressed).map_err(|e| damaged(format!("could not inflate: {e}")))?;
    Ok((info, image))
}

/// The subkeys of one backup.
struct Keys {
    cipher: XChaCha20Poly1305,
    key_id: [u8; 8],
}

impl Keys {
    fn new(secret: &BackupSecret, params: Option<&KdfParams>) -> Result<Keys> {
        let mut master = [0u8; 32];
        match (secret, params) {
            (BackupSecret::Key { key }, _) => master.copy_from_slice(DiaryKey::from_bytes(key)?.as_bytes()),
            (BackupSecret::Passphrase { passphrase }, Some(p)) => {
                let params = Params::new(p.memory_kib, p.passes, p.lanes, Some(32))
                    .map_err(|e| damaged(format!("key derivation parameters: {e}")))?;
                Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
                    .hash_password_into(passphrase.as_bytes(), &p.salt, &mut master)
                    .map_err(|e| GutskinError::Storage { detail: format!("key derivation failed: {e}") })?;
            }
            (BackupSecret::Passphrase { .. }, None) => unreachable!("passphrase sealing always has parameters"),
        }
        let hkdf = Hkdf::<Sha256>::new(Some(b"gutskin backup"), &master);
        zero(&mut master);
        let mut enc = [0u8; 32];
        let mut id = [0u8; 32];
        hkdf.expand(b"gutskin backup v1 encryption", &mut enc).expect("32 bytes");
        hkdf.expand(b"gutskin backup v1 key id", &mut id).expect("32 bytes");
        let cipher = XChaCha20Poly1305::new((&enc).into());
        zero(&mut enc);
        Ok(Keys { cipher, key_id: id[..8].try_into().expect("8 bytes") })
    }
}

fn random(out: &mut [u8]) -> Result<()> {
    getrandom::fill(out).map_err(|e| GutskinError::Storage { detail: format!("no randomness: {e}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passphrase(p: &str) -> BackupSecret {
        BackupSecret::Passphrase { passphrase: p.to_string() }
    }

    #[test]
    fn a_sealed_image_opens_with_its_secret_only() {
        let key = BackupSecret::Key { key: vec![7; 32] };
        let sealed = seal(b"an image", &key, 3, 1_700_000_000_000).unwrap();
        let (info, image) = open(&sealed, &key).unwrap();
        assert_eq!(image, b"an image");
        assert_eq!(
            info,
            BackupInfo {
                format_version: 1,
                sealing: BackupSealing::Key,
                schema_version: 3,
                backed_up_at_ms: 1_700_000_000_000
            }
        );
        let other = BackupSecret::Key { key: vec![8; 32] };
        assert!(matches!(
            open(&sealed, &other),
            Err(GutskinError::Encryption { reason: EncryptionFailure::WrongKey, .. })
        ));
        assert!(matches!(
            open(&sealed, &passphrase("long enough")),
            Err(GutskinError::Encryption { reason: EncryptionFailure::KeyNeeded, .. })
        ));
    }

    #[test]
    fn a_passphrase_backup_keeps_its_parameters_and_refuses_a_wrong_phrase() {
        let sealed = seal(b"image", &passphrase("correct horse"), 5, 0).unwrap();
        assert_eq!(read_info(&sealed).unwrap().sealing, BackupSealing::Passphrase);
        assert_eq!(u32::from_be_bytes(sealed[10..14].try_into().unwrap()), ARGON2_MEMORY_KIB);
        assert_eq!(open(&sealed, &passphrase("correct horse")).unwrap().1, b"image");
        assert!(matches!(
            open(&sealed, &passphrase("correct hearse")),
            Err(GutskinError::Encryption { reason: EncryptionFailure::WrongPassphrase, .. })
        ));
        assert!(matches!(
            open(&sealed, &BackupSecret::Key { key: vec![1; 32] }),
            Err(GutskinError::Encryption { reason: EncryptionFailure::PassphraseNeeded, .. })
        ));
        assert!(matches!(seal(b"x", &passphrase("short"), 5, 0), Err(GutskinError::InvalidInput { .. })));
    }

    #[test]
    fn every_changed_or_missing_byte_is_caught() {
        let key = BackupSecret::Key { key: vec![7; 32] };
        let sealed = seal(&[42u8; 300], &key, 5, 0).unwrap();
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            let err = open(&bad, &key).unwrap_err();
            assert!(matches!(err, GutskinError::Encryption { .. }), "byte {i}: {err:?}");
        }
        for len in 0..sealed.len() {
            let err = open(&sealed[..len], &key).unwrap_err();
            assert!(
                matches!(err, GutskinError::Encryption { reason: EncryptionFailure::DamagedBackup, .. }),
                "{len} bytes: {err:?}"
            );
        }
    }

    #[test]
    fn absurd_kdf_parameters_and_newer_formats_are_refused_before_any_work() {
        let sealed = seal(b"image", &passphrase("correct horse"), 5, 0).unwrap();
        let mut greedy = sealed.clone();
        greedy[10..14].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(matches!(
            read_info(&greedy),
            Err(GutskinError::Encryption { reason: EncryptionFailure::DamagedBackup, .. })
        ));
        let mut newer = sealed;
        newer[8] = BACKUP_FORMAT_VERSION + 1;
        assert!(matches!(
            read_info(&newer),
            Err(GutskinError::Encryption { reason: EncryptionFailure::NewerBackup, .. })
        ));
    }
}
