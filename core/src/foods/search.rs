//! Food search: word, prefix and typo-tolerant matching over a pre-normalised index.
//!
//! Every language of the table has its own index of the foods' names in it. Names are folded once
//! at start-up (lower case, German umlauts and accents to ASCII, `ß` to
//! `ss`) and split into words; a query is folded the same way. A search is a linear pass over
//! the ~1,260 foods, which is well under a millisecond.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::Food;

/// How a food's name matched the query (the weakest of its words' matches).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// At least one query word matched only with a typo.
    Typo,
    /// Every query word matched a name word exactly or as its beginning, at least one as a prefix.
    Prefix,
    /// Every query word equals a word of the name.
    Exact,
}

/// The user's own foods, ranked first among the matches that are not typos.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SearchBoosts {
    /// Recently logged food ids, most recent first.
    pub recent_ids: Vec<String>,
    /// The user's favourite food ids: the diary works them out from the meals (the foods used
    /// most), so there is no flag to tap or to sync.
    pub favourite_ids: Vec<String>,
}

/// Where a hit comes from: a row of the built-in table, or one of the extra (custom) foods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    /// An extra food, by its position in the caller's list. Ranked before a table food on a full tie.
    Extra(usize),
    /// A table food, by its index (the table is sorted by id).
    Table(usize),
}

pub(crate) struct Hit {
    pub(crate) food: Source,
    pub(crate) kind: MatchKind,
    pub(crate) favourite: bool,
    pub(crate) recent: bool,
}

struct Entry {
    /// Folded words of the name, in order.
    words: Vec<Box<[u8]>>,
    /// Length of the folded name, for "shorter names first".
    len: usize,
}

impl Entry {
    fn of(name: &str) -> Entry {
        let folded = fold(name);
        Entry { words: words(&folded), len: folded.len() }
    }
}

pub(crate) struct Index {
    /// The table's languages (English first) and, for each, the foods' names in it, in table order.
    languages: Vec<(Box<str>, Vec<Entry>)>,
    ids: Vec<Box<str>>,
}

impl Index {
    /// Indexes the foods' names in every one of `languages` (the table's, English first).
    pub(crate) fn build(languages: &[String], foods: &[Food]) -> Index {
        Index {
            languages: languages
                .iter()
                .map(|l| (l.as_str().into(), foods.iter().map(|f| Entry::of(f.name(l))).collect()))
                .collect(),
            ids: foods.iter().map(|f| f.id.clone().into_boxed_str()).collect(),
        }
    }

    /// Searches the table and `extra` foods, given as (id, name), ranked together by the same rules.
    /// The table's names are those of `language` as [`Food::name`] picks it (exact, base language,
    /// English).
    pub(crate) fn search_with(
        &self,
        query: &str,
        language: &str,
        boosts: &SearchBoosts,
        limit: usize,
        extra: &[(&str, &str)],
    ) -> Vec<Hit> {
        let q = words(&fold(query));
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let entries: &[Entry] = super::pick_language(self.languages.iter().map(|(l, _)| &**l), language)
            .map_or(&[], |i| &self.languages[i].1);
        let favourites: HashSet<&str> = boosts.favourite_ids.iter().map(String::as_str).collect();
        // earlier in the recent list = more recent = ranked higher
        let recent_rank = |id: &str| boosts.recent_ids.iter().position(|r| r == id);

        // (kind, favourite, recent rank, first word matched, name length, source)
        let mut scored: Vec<(MatchKind, bool, Option<usize>, bool, usize, Source)> = Vec::new();
        let mut score = |e: &Entry, id: &str, source: Source| {
            if let Some((kind, first)) = match_entry(&q, e) {
                scored.push((kind, favourites.contains(id), recent_rank(id), first, e.len, source));
            }
        };
        for (i, e) in entries.iter().enumerate() {
            score(e, &self.ids[i], Source::Table(i));
        }
        for (i, (id, name)) in extra.iter().enumerate() {
            score(&Entry::of(name), id, Source::Extra(i));
        }
        // The user's own foods come first among the good matches (every word whole or begun, as
        // they type); a typo match of a favourite still comes after those.
        let good = |kind: MatchKind| kind != MatchKind::Typo;
        scored.sort_by(|a, b| {
            good(b.0)
                .cmp(&good(a.0))
                .then(b.1.cmp(&a.1)) // favourites first
                .then_with(|| match (a.2, b.2) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then(b.0.cmp(&a.0)) // exact before prefix
                .then(b.3.cmp(&a.3)) // the name starts with a query word
                .then(a.4.cmp(&b.4)) // shorter names first
                .then(a.5.cmp(&b.5)) // then the user's own foods, then by id (the table is sorted by id)
        });
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(kind, favourite, recent, _, _, food)| Hit { food, kind, favourite, recent: recent.is_some() })
            .collect()
    }
}

/// Whether every query word matches some word of the entry; gives the weakest kind and whether
/// the name's first word was matched.
fn match_entry(query: &[Box<[u8]>], e: &Entry) -> Option<(MatchKind, bool)> {
    let mut kind = MatchKind::Exact;
    let mut first = false;
    for q in query {
        let mut best: Option<(MatchKind, usize)> = None;
        for (pos, w) in e.words.iter().enumerate() {
            let k = if **w == **q {
                MatchKind::Exact
            } else if w.starts_with(q) {
                MatchKind::Prefix
            } else if typo_match(q, w) {
                MatchKind::Typo
            } else {
                continue;
            };
            if best.is_none_or(|(bk, bp)| k > bk || (k == bk && pos < bp)) {
                best = Some((k, pos));
                if k == MatchKind::Exact && pos == 0 {
                    break;
                }
            }
        }
        let (k, pos) = best?;
        kind = kind.min(k);
        first |= pos == 0;
    }
    Some((kind, first))
}

/// Bounded edit distance: 1 for query words of 4+ letters, 2 for 8+; also accepts a typo in a
/// prefix of a longer word ("brocol" finds "broccoli").
fn typo_match(q: &[u8], w: &[u8]) -> bool {
    let max = match q.len() {
        0..=3 => return false,
        4..=7 => 1,
        _ => 2,
    };
    if w.len() + max < q.len() {
        return false;
    }
    if edit_distance_within(q, w, max) {
        return true;
    }
    // the word may go on: compare against its prefixes of about the query's length
    let lo = q.len().saturating_sub(max).max(1);
    let hi = (q.len() + max).min(w.len().saturating_sub(1));
    (lo..=hi).any(|n| edit_distance_within(q, &w[..n], max))
}

/// Levenshtein distance <= max, with an early exit when a whole row exceeds it.
fn edit_distance_within(a: &[u8], b: &[u8], max: usize) -> bool {
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut prev: [usize; 64] = [0; 64];
    let mut cur: [usize; 64] = [0; 64];
    if b.len() >= 64 {
        return false;
    }
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            let v = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            cur[j + 1] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

/// Lower-case ASCII folding: umlauts and accents lose their marks, `ß` becomes `ss`, every other
/// non-alphanumeric character separates words.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'ä' | 'Ä' | 'à' | 'á' | 'â' | 'ã' | 'å' | 'À' | 'Á' | 'Â' => out.push('a'),
            'ö' | 'Ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'Ó' | 'Ô' => out.push('o'),
            'ü' | 'Ü' | 'ù' | 'ú' | 'û' | 'Ú' | 'Û' => out.push('u'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' | 'Í' => out.push('i'),
            'ñ' | 'Ñ' => out.push('n'),
            'ç' | 'Ç' => out.push('c'),
            'ß' => out.push_str("ss"),
            _ => out.push(' '),
        }
    }
    out
}

fn words(folded: &str) -> Vec<Box<[u8]>> {
    folded.split(' ').filter(|w| !w.is_empty()).map(|w| w.as_bytes().into()).collect()
}

/// A naive scan for the benchmark's baseline: every food whose name contains the query.
#[doc(hidden)]
pub fn naive_contains(foods: &[Food], query: &str, language: &str) -> usize {
    let q = query.to_lowercase();
    foods.iter().filter(|f| f.name(language).to_lowercase().contains(&q)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Käse, Süßkartoffel"), "kase  susskartoffel");
        assert_eq!(words(&fold("  Crème brûlée ")).len(), 2);
    }

    #[test]
    fn edit_distance() {
        assert!(edit_distance_within(b"lentls", b"lentils", 1));
        assert!(!edit_distance_within(b"lentls", b"lemons", 1));
        assert!(edit_distance_within(b"brokkoli", b"broccoli", 2));
        assert!(typo_match(b"salmn", b"salmon"));
        assert!(typo_match(b"brocol", b"broccoli"));
        assert!(!typo_match(b"sal", b"salt"));
    }
}
