//! The JSON report's serializer: serde_json's pretty layout (two spaces a level, `": "` after a
//! key, `[]` and `{}` for empty lists and objects), byte for byte, written into a buffer of its
//! own. serde_json's `Serializer` escapes every string a byte at a time and writes each string
//! in three writes, which was a third of a JSON report's instructions; here a string is checked
//! eight bytes at a time and copied at once when nothing in it needs escaping (nearly always).
//! Numbers are printed by serde_json's own formatter (itoa, ryu), so they are its digits.

use std::fmt::Write as _;
use std::io::Write;

use serde::ser::{self, Impossible, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};
use serde_json::Error;

/// The buffer is handed to the writer once it holds this much.
const SPILL_AT: usize = 1 << 16;

/// A line break after a comma and the deepest indent written at once; the same without the
/// comma. (Copied whole, a copy of a constant length, and cut to the indent.)
const BREAK: &[u8; 66] = b",\n                                                                ";
const LINE: &[u8; 66] = b"\n                                                                 ";

/// A pretty-printing JSON serializer into `w`; call [`Json::finish`] at the end.
pub(crate) struct Json<W: Write> {
    out: Vec<u8>,
    w: W,
    depth: usize,
    /// a value's `Display` text, for `collect_str`
    scratch: String,
    /// struct fields' names as written, each with its line break and indent and the `": "`
    /// after it (see [`Json::key`])
    keys: KeyCache,
}

/// A field name's address and length, the depth, whether it is the first field.
type KeyTag = (usize, usize, usize, bool);

/// Slots of the cache of field names, and how many from its own a name may take.
const KEY_SLOTS: usize = 1024;
const KEY_PROBES: usize = 8;

/// What a struct field's name was written as, by the name's address and length (the text of a
/// `&'static str`, which never changes), the depth and whether it was the first field (a slot
/// each while there is room); `bytes` holds what they wrote.
struct KeyCache {
    slots: Vec<Option<(KeyTag, std::ops::Range<usize>)>>,
    bytes: Vec<u8>,
}

impl<W: Write> Json<W> {
    pub(crate) fn new(w: W) -> Json<W> {
        Json {
            out: Vec::with_capacity(SPILL_AT + 4096),
            w,
            depth: 0,
            scratch: String::new(),
            keys: KeyCache { slots: vec![None; KEY_SLOTS], bytes: Vec::new() },
        }
    }

    /// Write what is left in the buffer and flush the writer.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.w.write_all(&self.out)?;
        self.w.flush()
    }

    /// Append raw bytes (no escaping).
    pub(crate) fn raw(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }

    fn spill(&mut self) -> Result<(), Error> {
        if self.out.len() >= SPILL_AT {
            self.w.write_all(&self.out).map_err(Error::io)?;
            self.out.clear();
        }
        Ok(())
    }

    /// A line break (after a comma unless `first`) and the indent of the current depth.
    #[inline]
    fn newline(&mut self, first: bool) {
        let (line, n) = if first { (LINE, 1) } else { (BREAK, 2) };
        let n = n + 2 * self.depth;
        let len = self.out.len();
        // (a copy of a constant length, cut: the usual indent is at most 16 bytes)
        match line.first_chunk::<16>() {
            Some(short) if n <= short.len() => self.out.extend_from_slice(short),
            _ if n <= line.len() => self.out.extend_from_slice(line),
            _ => {
                self.out.extend_from_slice(&line[..n - 2 * self.depth]);
                (0..self.depth).for_each(|_| self.out.extend_from_slice(b"  "));
            }
        }
        self.out.truncate(len + n);
    }

    /// A struct field's line break, indent, name and `": "`: written once for each name, depth and
    /// place (first or not) and copied from the cache after (a report writes the same few dozen
    /// names hundreds of thousands of times).
    fn key(&mut self, key: &'static str, first: bool) {
        let tag = (key.as_ptr() as usize, key.len(), self.depth, first);
        let mixed = tag.0 ^ tag.2 << 1 ^ usize::from(first);
        let home = ((mixed as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize;
        // (open addressing, a few slots on: a report's few dozen names never fill it)
        let mut free = None;
        for i in 0..KEY_PROBES {
            let slot = (home + i) % KEY_SLOTS;
            match &self.keys.slots[slot] {
                Some((t, r)) if *t == tag => {
                    self.out.extend_from_slice(&self.keys.bytes[r.clone()]);
                    return;
                }
                Some(_) => {}
                None => {
                    free = Some(slot);
                    break;
                }
            }
        }
        let start = self.out.len();
        self.newline(first);
        self.string(key);
        self.out.extend_from_slice(b": ");
        // (a bound, for a serialised value with ever new names)
        if let Some(slot) = free.filter(|_| self.keys.bytes.len() < 1 << 16) {
            let from = self.keys.bytes.len();
            self.keys.bytes.extend_from_slice(&self.out[start..]);
            self.keys.slots[slot] = Some((tag, from..self.keys.bytes.len()));
        }
    }

    /// A string in quotes, escaped as serde_json escapes it.
    fn string(&mut self, s: &str) {
        let b = s.as_bytes();
        let start = self.out.len();
        self.out.push(b'"');
        if !self.copy_clean(b) {
            self.out.truncate(start + 1);
            for &c in b {
                match ESCAPE[usize::from(c)] {
                    false => self.out.push(c),
                    true => escape(&mut self.out, c),
                }
            }
        }
        self.out.push(b'"');
    }

    /// Copy `b` when nothing in it needs escaping (nearly every string of a report); false, with
    /// a part of it copied, when something does. Eight bytes at a time, each word checked and
    /// written as a copy of a constant length; the last few bytes as a word read overlapping
    /// the one before (or, of a string under eight bytes, put together from overlapping
    /// halves), written whole and cut.
    #[inline]
    fn copy_clean(&mut self, b: &[u8]) -> bool {
        let n = b.len();
        let mut i = 0;
        while let Some(w) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
            if special(u64::from_le_bytes(*w)) {
                return false;
            }
            self.out.extend_from_slice(w);
            i += 8;
        }
        let r = n - i;
        if r == 0 {
            return true;
        }
        // the last r bytes, little-endian in the low bytes of `w`
        let w = match b.last_chunk::<8>() {
            Some(last) => u64::from_le_bytes(*last) >> (8 * (8 - r)),
            None => short(b),
        };
        // (the bytes past the string read as letters, not as NULs)
        if special(w | u64::from_le_bytes(*b"aaaaaaaa") << (8 * r)) {
            return false;
        }
        let len = self.out.len();
        self.out.extend_from_slice(&w.to_le_bytes());
        self.out.truncate(len + r);
        true
    }

    fn open(&mut self, bracket: u8, len: Option<usize>) -> State {
        self.out.push(bracket);
        if len == Some(0) {
            self.out.push(bracket + 2); // `[` → `]`, `{` → `}`
            State::Empty
        } else {
            self.depth += 1;
            State::First
        }
    }

    fn close(&mut self, state: State, bracket: u8) {
        if state != State::Empty {
            self.depth -= 1;
            if state == State::Rest {
                self.newline(true);
            }
            self.out.push(bracket);
        }
    }

    /// `{` and a variant's name as the key of its one entry.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        self.depth += 1;
        self.newline(true);
        self.string(variant);
        self.out.extend_from_slice(b": ");
    }

    fn close_variant(&mut self) {
        self.depth -= 1;
        self.newline(true);
        self.out.push(b'}');
    }
}

/// The bytes JSON escapes: the control bytes, `"` and `\`.
static ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = true;
        c += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Eight bytes hold one that JSON escapes (a byte below 0x20, `"` or `\`).
#[inline]
fn special(x: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    // below 0x20: the borrow of `x - 0x20` in a byte whose top bit was clear (exact for a byte
    // < 0x80: bytes of 0x80 and above never match)
    ((x.wrapping_sub(ONES * 0x20) & !x & HIGH)
        | zero(x ^ (ONES * u64::from(b'"')))
        | zero(x ^ (ONES * u64::from(b'\\'))))
        != 0
}

/// The bytes of `b` (1 to 7 of them) little-endian in a word, the rest 0: two overlapping
/// halves, or its first, middle and last byte (the bytes where they overlap are the same).
fn short(b: &[u8]) -> u64 {
    let n = b.len();
    match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        (Some(lo), Some(hi)) => {
            u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4))
        }
        _ => match (b.first(), b.get(n / 2), b.last()) {
            (Some(&a), Some(&m), Some(&z)) => {
                u64::from(a) | u64::from(m) << (8 * (n / 2)) | u64::from(z) << (8 * (n - 1))
            }
            _ => 0,
        },
    }
}

/// serde_json's escape of one byte.
fn escape(out: &mut Vec<u8>, c: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match c {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\n' => out.extend_from_slice(b"\\n"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\r' => out.extend_from_slice(b"\\r"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(c >> 4)],
            HEX[usize::from(c & 0xf)],
        ]),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// opened and closed at once (its length was 0)
    Empty,
    /// open, nothing in it yet
    First,
    /// open, something in it
    Rest,
}

/// A list or an object being written (`variant`: inside a variant's `{ "name": … }`).
pub(crate) struct Compound<'a, W: Write> {
    ser: &'a mut Json<W>,
    state: State,
    variant: bool,
}

impl<W: Write> Compound<'_, W> {
    fn item(&mut self) {
        self.ser.newline(self.state == State::First);
        self.state = State::Rest;
    }

    fn end(self, bracket: u8) {
        self.ser.close(self.state, bracket);
        if self.variant {
            self.ser.close_variant();
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.item();
        value.serialize(&mut *self.ser)?;
        self.ser.spill()
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.ser.key(key, self.state == State::First);
        self.state = State::Rest;
        value.serialize(&mut *self.ser)?;
        self.ser.spill()
    }
}

macro_rules! number {
    ($($f:ident $t:ty => $w:ident),* $(,)?) => {$(
        fn $f(self, v: $t) -> Result<(), Error> {
            CompactFormatter.$w(&mut self.out, v).map_err(Error::io)
        }
    )*};
}

macro_rules! float {
    ($($f:ident $t:ty => $w:ident),* $(,)?) => {$(
        fn $f(self, v: $t) -> Result<(), Error> {
            if v.is_finite() {
                CompactFormatter.$w(&mut self.out, v).map_err(Error::io)
            } else {
                self.out.extend_from_slice(b"null");
                Ok(())
            }
        }
    )*};
}

impl<'a, W: Write> ser::Serializer for &'a mut Json<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    number! {
        serialize_i8 i8 => write_i8, serialize_i16 i16 => write_i16,
        serialize_i32 i32 => write_i32, serialize_i64 i64 => write_i64,
        serialize_i128 i128 => write_i128, serialize_u8 u8 => write_u8,
        serialize_u16 u16 => write_u16, serialize_u32 u32 => write_u32,
        serialize_u64 u64 => write_u64, serialize_u128 u128 => write_u128,
    }

    float! { serialize_f32 f32 => write_f32, serialize_f64 f64 => write_f64 }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        v.iter().try_for_each(|b| ser::SerializeSeq::serialize_element(&mut seq, b))?;
        ser::SerializeSeq::end(seq)
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.close_variant();
        Ok(())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a, W>, Error> {
        let state = self.open(b'[', len);
        Ok(Compound { ser: self, state, variant: false })
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.open_variant(variant);
        let state = self.open(b'[', Some(len));
        Ok(Compound { ser: self, state, variant: true })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a, W>, Error> {
        let state = self.open(b'{', len);
        Ok(Compound { ser: self, state, variant: false })
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, W>, Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>, Error> {
        self.open_variant(variant);
        let state = self.open(b'{', Some(len));
        Ok(Compound { ser: self, state, variant: true })
    }

    fn collect_str<T: ?Sized + std::fmt::Display>(self, value: &T) -> Result<(), Error> {
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        write!(s, "{value}").map_err(|_| ser::Error::custom("a Display failed"))?;
        self.string(&s);
        self.scratch = s;
        Ok(())
    }
}

/// The sequences' impls: every element written alike, closed by "]".
macro_rules! sequence {
    ($($tr:ident :: $m:ident),*) => {$(
        impl<W: Write> ser::$tr for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn $m<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self, b']');
                Ok(())
            }
        }
    )*};
}
sequence!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<W: Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.item();
        key.serialize(Key(&mut *self.ser))
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.raw(b": ");
        value.serialize(&mut *self.ser)?;
        self.ser.spill()
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b'}');
        Ok(())
    }
}

/// The structs' impls: every field written alike, closed by "}".
macro_rules! structure {
    ($($tr:ident),*) => {$(
        impl<W: Write> ser::$tr for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self, b'}');
                Ok(())
            }
        }
    )*};
}
structure!(SerializeStruct, SerializeStructVariant);

/// A map's key: a string, or what serde_json prints as one (a number or a bool in quotes).
struct Key<'a, W: Write>(&'a mut Json<W>);

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

macro_rules! quoted {
    ($($f:ident $t:ty => $w:ident),* $(,)?) => {$(
        fn $f(self, v: $t) -> Result<(), Error> {
            self.0.out.push(b'"');
            CompactFormatter.$w(&mut self.0.out, v).map_err(Error::io)?;
            self.0.out.push(b'"');
            Ok(())
        }
    )*};
}

macro_rules! quoted_float {
    ($($f:ident $t:ty => $w:ident),* $(,)?) => {$(
        fn $f(self, v: $t) -> Result<(), Error> {
            if !v.is_finite() {
                return Err(ser::Error::custom("float key must be finite"));
            }
            self.0.out.push(b'"');
            CompactFormatter.$w(&mut self.0.out, v).map_err(Error::io)?;
            self.0.out.push(b'"');
            Ok(())
        }
    )*};
}

macro_rules! refused {
    ($($f:ident($($a:ty),*)),* $(,)?) => {$(
        fn $f(self, $(_: $a),*) -> Result<(), Error> {
            Err(key_must_be_a_string())
        }
    )*};
}

impl<W: Write> ser::Serializer for Key<'_, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.out.extend_from_slice(if v { b"\"true\"" } else { b"\"false\"" });
        Ok(())
    }

    quoted! {
        serialize_i8 i8 => write_i8, serialize_i16 i16 => write_i16,
        serialize_i32 i32 => write_i32, serialize_i64 i64 => write_i64,
        serialize_i128 i128 => write_i128, serialize_u8 u8 => write_u8,
        serialize_u16 u16 => write_u16, serialize_u32 u32 => write_u32,
        serialize_u64 u64 => write_u64, serialize_u128 u128 => write_u128,
    }

    quoted_float! { serialize_f32 f32 => write_f32, serialize_f64 f64 => write_f64 }

    refused! {
        serialize_bytes(&[u8]), serialize_none(),
        serialize_unit(), serialize_unit_struct(&'static str),
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.0.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }

    fn collect_str<T: ?Sized + std::fmt::Display>(self, value: &T) -> Result<(), Error> {
        ser::Serializer::collect_str(self.0, value)
    }
}

/// `value` as the JSON report prints it (for tests: the same bytes as serde_json's
/// `to_string_pretty`).
pub fn pretty<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    let mut buf = Vec::new();
    let mut json = Json::new(&mut buf);
    value.serialize(&mut json)?;
    json.finish().map_err(Error::io)?;
    String::from_utf8(buf).map_err(ser::Error::custom)
}

/// A struct's fields written as fields of the struct `0` is writing: what `#[serde(flatten)]`
/// does, but through the struct's own `serialize_field`, so the names stay `&'static str` (and
/// the JSON report's serializer writes each from its cache of names). Only a struct can be
/// written so.
pub(crate) struct Inline<'a, M>(pub(crate) &'a mut M);

fn not_a_struct<E: ser::Error>() -> E {
    E::custom("only a struct's fields can be written inline")
}

macro_rules! not_a_struct {
    ($($f:ident($($a:ty),*)),* $(,)?) => {$(
        fn $f(self, $(_: $a),*) -> Result<(), M::Error> {
            Err(not_a_struct())
        }
    )*};
}

impl<'a, M: ser::SerializeStruct> ser::Serializer for Inline<'a, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = Impossible<(), M::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), M::Error>;

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, M::Error> {
        Ok(self)
    }

    not_a_struct! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_char(char),
        serialize_str(&str), serialize_bytes(&[u8]), serialize_none(), serialize_unit(),
        serialize_unit_struct(&'static str), serialize_unit_variant(&'static str, u32, &'static str),
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<(), M::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _value: &T,
    ) -> Result<(), M::Error> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), M::Error> {
        Err(not_a_struct())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, M::Error> {
        Err(not_a_struct())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, M::Error> {
        Err(not_a_struct())
    }
}

impl<M: ser::SerializeStruct> ser::SerializeStruct for Inline<'_, M> {
    type Ok = ();
    type Error = M::Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_field(key, value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), M::Error> {
        self.0.skip_field(key)
    }
    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}
