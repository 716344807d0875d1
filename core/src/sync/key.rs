//! The sync key and its recovery code.
//!
//! The key is 256 random bits made on the first device. People carry it to their other devices as
//! a recovery code: the 32 bytes in Crockford's base32 (digits and capital letters without I, L, O
//! and U, read case-insensitively, with O read as 0 and I and L as 1), 52 characters in 13 groups
//! of four, each group followed by a check character (Luhn mod 32 over the group's number and its
//! four characters), so a typo is caught and its group named:
//!
//! ```text
//! 8Z3KQ-R1T0M-...   (13 groups of 5 characters: 4 of the key, 1 check)
//! ```
//!
//! The core never stores the key: the app keeps it (Keychain, Keystore; the desktop command in a
//! file of its own) and hands it in for each sync. See docs/sync.md.

use std::fmt;

use hkdf::Hkdf;
use sha2::Sha256;

use crate::error::{GutskinError, Result};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS: usize = 13;
const GROUP_DATA: usize = 4;

/// The user's sync key: 32 random bytes. Zeroed when dropped; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct SyncKey([u8; 32]);

impl fmt::Debug for SyncKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SyncKey(..)")
    }
}

impl Drop for SyncKey {
    fn drop(&mut self) {
        for byte in &mut self.0 {
            // SAFETY: a valid, aligned pointer to a byte we own; volatile so the write is kept.
            unsafe { std::ptr::write_volatile(byte, 0) };
        }
    }
}

impl SyncKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Result<SyncKey> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| GutskinError::Storage { detail: format!("no randomness for a sync key: {e}") })?;
        Ok(SyncKey(bytes))
    }

    /// The key from its 32 bytes (as the app kept them).
    pub fn from_bytes(bytes: &[u8]) -> Result<SyncKey> {
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|_| GutskinError::invalid("sync_key", format!("must be 32 bytes, got {}", bytes.len())))?;
        Ok(SyncKey(bytes))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The recovery code people write down and type on their other devices.
    pub fn recovery_code(&self) -> String {
        let mut bits = BitReader { bytes: &self.0, pos: 0 };
        let mut groups = Vec::with_capacity(GROUPS);
        for group in 0..GROUPS {
            let digits: Vec<u8> = (0..GROUP_DATA).map(|_| bits.take5()).collect();
            let check = luhn_check(group, &digits);
            let text: String = digits.iter().chain([&check]).map(|&d| ALPHABET[d as usize] as char).collect();
            groups.push(text);
        }
        groups.join("-")
    }

    /// Reads a recovery code. Spaces, dashes and case do not matter; O is read as 0, I and L as 1.
    /// A typo is an `InvalidInput` on `recovery_code` that names the group.
    pub fn from_recovery_code(code: &str) -> Result<SyncKey> {
        let want = GROUPS * (GROUP_DATA + 1);
        let mut digits = Vec::with_capacity(want);
        for c in code.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            if digits.len() > want {
                // Far too long: no need to read the rest of it.
                break;
            }
            match decode_char(c) {
                Some(d) => digits.push(d),
                None => {
                    return Err(GutskinError::invalid(
                        "recovery_code",
                        format!("{c:?} is not a recovery code character"),
                    ));
                }
            }
        }
        if digits.len() != want {
            return Err(GutskinError::invalid(
                "recovery_code",
                match digits.len() {
                    n if n > want => format!("must have {want} characters (13 groups of 5), got more"),
                    n => format!("must have {want} characters (13 groups of 5), got {n}"),
                },
            ));
        }
        let mut data = Vec::with_capacity(GROUPS * GROUP_DATA);
        for (group, chunk) in digits.chunks(GROUP_DATA + 1).enumerate() {
            if luhn_check(group, &chunk[..GROUP_DATA]) != chunk[GROUP_DATA] {
                return Err(GutskinError::invalid(
                    "recovery_code",
                    format!("group {} has a typo (its check character does not match)", group + 1),
                ));
            }
            data.extend_from_slice(&chunk[..GROUP_DATA]);
        }
        // 52 characters carry 260 bits: the key's 256 and four zero bits.
        let mut bytes = [0u8; 32];
        let mut acc: u32 = 0;
        let mut nbits = 0;
        let mut out = 0;
        for d in data {
            acc = (acc << 5) | u32::from(d);
            nbits += 5;
            while nbits >= 8 && out < 32 {
                nbits -= 8;
                bytes[out] = (acc >> nbits) as u8;
                out += 1;
            }
            acc &= (1 << nbits) - 1;
        }
        if acc != 0 {
            return Err(GutskinError::invalid("recovery_code", "group 13 has a typo (its last bits must be zero)"));
        }
        Ok(SyncKey(bytes))
    }

    /// A subkey for one purpose (HKDF-SHA256 with a fixed salt and the purpose as info).
    pub(crate) fn derive(&self, purpose: &str) -> [u8; 32] {
        let hk = Hkdf::<Sha256>::new(Some(b"gutskin sync"), &self.0);
        let mut out = [0u8; 32];
        hk.expand(purpose.as_bytes(), &mut out).expect("32 bytes is a valid HKDF-SHA256 length");
        out
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    /// The next five bits, zero past the end.
    fn take5(&mut self) -> u8 {
        let mut v = 0u8;
        for _ in 0..5 {
            let byte = self.bytes.get(self.pos / 8).copied().unwrap_or(0);
            let bit = (byte >> (7 - self.pos % 8)) & 1;
            v = (v << 1) | bit;
            self.pos += 1;
        }
        v
    }
}

fn decode_char(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET.iter().position(|&a| a as char == c).map(|p| p as u8)
}

/// Luhn mod 32 check digit over the group's position and its digits: catches every single typo
/// and most swaps of neighbours, and a group typed in the wrong place.
fn luhn_check(group: usize, digits: &[u8]) -> u8 {
    const N: u32 = 32;
    let mut factor = 2;
    let mut sum = 0;
    for &d in digits.iter().rev().chain([&(group as u8)]) {
        let addend = factor * u32::from(d);
        factor = if factor == 2 { 1 } else { 2 };
        sum += addend / N + addend % N;
    }
    ((N - sum % N) % N) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_code_round_trips_and_reads_leniently() {
        for _ in 0..50 {
            let key = SyncKey::generate().unwrap();
            let code = key.recovery_code();
            assert_eq!(code.len(), 13 * 5 + 12);
            assert_eq!(SyncKey::from_recovery_code(&code).unwrap(), key);
            let lenient = code.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
            assert_eq!(SyncKey::from_recovery_code(&lenient).unwrap(), key);
        }
        let zero = SyncKey([0; 32]);
        assert_eq!(SyncKey::from_recovery_code(&zero.recovery_code()).unwrap(), zero);
        let ones = SyncKey([0xff; 32]);
        assert_eq!(SyncKey::from_recovery_code(&ones.recovery_code()).unwrap(), ones);
    }

    #[test]
    fn every_single_typo_is_caught_and_its_group_named() {
        let key = SyncKey::generate().unwrap();
        let code: Vec<char> = key.recovery_code().chars().collect();
        for (i, &c) in code.iter().enumerate().filter(|(_, c)| **c != '-') {
            for &replacement in ALPHABET.iter().map(|b| *b as char).collect::<Vec<_>>().iter() {
                if replacement == c {
                    continue;
                }
                let mut typo = code.clone();
                typo[i] = replacement;
                let typo: String = typo.into_iter().collect();
                match SyncKey::from_recovery_code(&typo) {
                    Err(GutskinError::InvalidInput { field, reason }) => {
                        assert_eq!(field, "recovery_code");
                        assert!(reason.contains(&format!("group {}", i / 6 + 1)), "{reason}");
                    }
                    other => panic!("typo at {i} not caught: {other:?}"),
                }
            }
        }
    }

    #[test]
    fn swapped_neighbours_and_swapped_groups_are_caught() {
        let key = SyncKey::generate().unwrap();
        let code = key.recovery_code();
        let groups: Vec<&str> = code.split('-').collect();
        let mut swapped = groups.clone();
        swapped.swap(2, 3);
        if groups[2] != groups[3] {
            assert!(SyncKey::from_recovery_code(&swapped.join("-")).is_err());
        }
        let chars: Vec<char> = code.chars().collect();
        let mut caught = 0;
        let mut tried = 0;
        for i in 0..chars.len() - 1 {
            if chars[i] == '-' || chars[i + 1] == '-' || chars[i] == chars[i + 1] {
                continue;
            }
            let mut t = chars.clone();
            t.swap(i, i + 1);
            tried += 1;
            caught += usize::from(SyncKey::from_recovery_code(&t.into_iter().collect::<String>()).is_err());
        }
        assert!(caught * 100 >= tried * 90, "{caught} of {tried} neighbour swaps caught");
    }

    #[test]
    fn wrong_lengths_and_characters_are_clear() {
        let code = SyncKey::generate().unwrap().recovery_code();
        let short = &code[..code.len() - 6];
        assert!(
            matches!(SyncKey::from_recovery_code(short), Err(GutskinError::InvalidInput { reason, .. }) if reason.contains("65 characters"))
        );
        assert!(
            matches!(SyncKey::from_recovery_code(&format!("{code}U")), Err(GutskinError::InvalidInput { reason, .. }) if reason.contains("'U'"))
        );
        assert!(SyncKey::from_bytes(&[1; 31]).is_err());
        assert_eq!(format!("{:?}", SyncKey([7; 32])), "SyncKey(..)");
    }
}
