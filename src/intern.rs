//! Interned strings: the claim model's keys (concept, family, qualifier, people, entities,
//! language) and quotes come from a small vocabulary repeated millions of times in an archive.
//! A [`Sym`] is four bytes (`Option<Sym>` too); the text lives once, for the whole process.
//!
//! Interning looks the text up in a sharded map ([`dashmap`]); reading a `Sym`'s text is an
//! index into an append-only vector ([`boxcar`]), without a lock: rules and printers read texts
//! far more often than extraction makes them.
//!
//! A `Sym` hashes, compares and sorts as its text, so maps and sort orders are the same as with
//! `String` keys, whatever order threads interned the strings in (output stays deterministic).

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU32;
use std::sync::OnceLock;

use dashmap::DashMap;

struct Interner {
    ids: DashMap<&'static str, NonZeroU32, foldhash::fast::RandomState>,
    /// texts by id - 1
    texts: boxcar::Vec<&'static str>,
}

static STRINGS: OnceLock<Interner> = OnceLock::new();

fn strings() -> &'static Interner {
    STRINGS.get_or_init(|| Interner { ids: DashMap::default(), texts: boxcar::Vec::new() })
}

impl Interner {
    fn intern(&self, s: &str) -> NonZeroU32 {
        if let Some(id) = self.ids.get(s) {
            return *id;
        }
        // (a text interned by another thread in between keeps its first id; this copy is lost)
        let text: &'static str = Box::leak(s.into());
        *self.ids.entry(text).or_insert_with(|| {
            let index = self.texts.push(text);
            u32::try_from(index + 1)
                .ok()
                .and_then(NonZeroU32::new)
                .unwrap_or_else(|| panic!("more than 4 billion distinct strings"))
        })
    }

    fn text(&self, id: NonZeroU32) -> &'static str {
        // every id was handed out after its text was pushed
        self.texts.get(id.get() as usize - 1).copied().unwrap_or_default()
    }
}

/// An interned string.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Sym(NonZeroU32);

impl Sym {
    pub fn new(s: &str) -> Sym {
        Sym(strings().intern(s))
    }
    pub fn as_str(self) -> &'static str {
        strings().text(self.0)
    }
}

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

// Eq, Hash and Ord agree with `str`'s (equal texts are one Sym), so `Borrow<str>` holds
impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Hash for Sym {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if self.0 == other.0 {
            std::cmp::Ordering::Equal
        } else {
            self.as_str().cmp(other.as_str())
        }
    }
}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl std::fmt::Debug for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

impl serde::Serialize for Sym {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Sym {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Sym::new(&s))
    }
}

/// An interned list of strings (the people or entities of a claim): four bytes, no allocation
/// a claim. Stored as one [`Sym`] of the items joined by U+001F, which no name contains (names
/// are word tokens). Hashes, compares and sorts as the `Vec<String>` of its items.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SymList(Sym);

const SEP: char = '\u{1f}';

impl SymList {
    pub fn new<S: AsRef<str>>(items: &[S]) -> SymList {
        if items.is_empty() {
            return SymList::default();
        }
        let mut joined = String::new();
        for (i, s) in items.iter().enumerate() {
            if i > 0 {
                joined.push(SEP);
            }
            joined.push_str(s.as_ref());
        }
        SymList(Sym::new(&joined))
    }
    /// The list of interned items (one item is its own list: no joining, no look-up).
    pub(crate) fn of(items: &[Sym]) -> SymList {
        match items {
            [one] => SymList(*one),
            _ => SymList::new(items),
        }
    }
    pub fn iter(self) -> impl Iterator<Item = &'static str> {
        let s = self.0.as_str();
        s.split(SEP).filter(move |_| !s.is_empty())
    }
    pub fn is_empty(self) -> bool {
        self.0.as_str().is_empty()
    }
    pub fn len(self) -> usize {
        if self.is_empty() {
            0
        } else {
            self.0.as_str().matches(SEP).count() + 1
        }
    }
}

impl Default for SymList {
    /// The empty list, interned once (every claim starts with two).
    fn default() -> Self {
        static EMPTY: OnceLock<Sym> = OnceLock::new();
        SymList(*EMPTY.get_or_init(|| Sym::new("")))
    }
}

impl Hash for SymList {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // as `[&str]` hashes: the length, then each item
        state.write_usize(self.len());
        for s in self.iter() {
            s.hash(state);
        }
    }
}

impl std::fmt::Debug for SymList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for SymList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for SymList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SymList, D::Error> {
        let v = Vec::<std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(SymList::new(&v))
    }
}
