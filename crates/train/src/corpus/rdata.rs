//! A reader for the part of R's serialization format that R packages use to ship data,
//! so the Austen novels can be extracted from `janeaustenr` without R installed.
//!
//! Follows `src/main/serialize.c` in R (`ReadItem`, `InFormat`) and the lazy-load database
//! written by `tools:::makeLazyLoadDB`: `Rdata.rdx` is a gzip-compressed serialization of
//! `list(variables = list(name = c(offset, length)), references = ..., compressed = TRUE)`,
//! and each `[offset, offset + length)` slice of `Rdata.rdb` is a 4-byte big-endian
//! uncompressed length followed by a zlib stream holding one serialized object.
//!
//! Only the XDR ("X\n") format, versions 2 and 3, and the SEXP types plain data needs are
//! supported; anything else is an error naming the type, never a guess.

use flate2::read::{GzDecoder, ZlibDecoder};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum RDataError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot decompress {what}: {source}")]
    Decompress {
        what: String,
        source: std::io::Error,
    },
    #[error(
        "not an XDR R serialization: it starts with {found:?}, expected \"X\\n\" (R's default binary format)"
    )]
    NotXdr { found: Vec<u8> },
    #[error("R serialization version {0} is not supported (only 2 and 3 are)")]
    Version(i32),
    #[error("the serialized data ends early: needed {needed} bytes at byte {at}, {left} left")]
    Truncated {
        at: usize,
        needed: usize,
        left: usize,
    },
    #[error("unsupported R object type {sexp_type} at byte {at}")]
    UnsupportedType { sexp_type: u8, at: usize },
    #[error("invalid R data at byte {at}: {reason}")]
    Invalid { at: usize, reason: String },
    #[error("the lazy-load index has no {0}")]
    BadIndex(&'static str),
    #[error("the lazy-load database has no variable named {0:?}")]
    NoSuchVariable(String),
    #[error(
        "variable {name:?} lies at bytes {offset}..{end} but the database has only {len} bytes"
    )]
    OutOfRange {
        name: String,
        offset: usize,
        end: usize,
        len: usize,
    },
    #[error("the lazy-load database uses compression type {0}; only zlib (1) is supported")]
    Compression(i32),
}

/// An R object: a value and its attributes (e.g. `names`).
#[derive(Debug, Clone, PartialEq)]
pub struct RObject {
    pub value: RValue,
    pub attributes: Vec<(String, RObject)>,
}

/// The R value kinds this reader understands. `None` is R's `NA`.
#[derive(Debug, Clone, PartialEq)]
pub enum RValue {
    Null,
    Symbol(String),
    Logical(Vec<Option<bool>>),
    Integer(Vec<Option<i32>>),
    Real(Vec<f64>),
    Character(Vec<Option<String>>),
    /// A generic vector, R's `list()`.
    List(Vec<RObject>),
    /// A pairlist: optional tag (name) and value per cell.
    PairList(Vec<(Option<String>, RObject)>),
}

impl RObject {
    fn plain(value: RValue) -> Self {
        Self {
            value,
            attributes: Vec::new(),
        }
    }

    pub fn attribute(&self, name: &str) -> Option<&RObject> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// The `names` attribute as strings (an `NA` name reads as "NA", as R prints it).
    pub fn names(&self) -> Option<Vec<&str>> {
        match &self.attribute("names")?.value {
            RValue::Character(names) => Some(
                names
                    .iter()
                    .map(|name| name.as_deref().unwrap_or("NA"))
                    .collect(),
            ),
            _ => None,
        }
    }

    /// The element of a named list, like R's `x[["name"]]`.
    pub fn get(&self, name: &str) -> Option<&RObject> {
        let RValue::List(items) = &self.value else {
            return None;
        };
        let index = self.names()?.iter().position(|n| *n == name)?;
        items.get(index)
    }

    /// A numeric vector's values as whole numbers, whichever storage R chose.
    fn whole_numbers(&self) -> Option<Vec<i64>> {
        match &self.value {
            RValue::Integer(values) => values.iter().map(|v| v.map(i64::from)).collect(),
            RValue::Real(values) => values
                .iter()
                .map(|v| (v.fract() == 0.0 && v.is_finite()).then_some(*v as i64))
                .collect(),
            _ => None,
        }
    }
}

// SEXP type codes from R's Rinternals.h and serialize.c.
const SYMSXP: u8 = 1;
const LISTSXP: u8 = 2;
const CHARSXP: u8 = 9;
const LGLSXP: u8 = 10;
const INTSXP: u8 = 13;
const REALSXP: u8 = 14;
const STRSXP: u8 = 16;
const VECSXP: u8 = 19;
const REFSXP: u8 = 255;
const NILVALUE_SXP: u8 = 254;

const HAS_ATTR_BIT: i32 = 1 << 9;
const HAS_TAG_BIT: i32 = 1 << 10;
const NA_INTEGER: i32 = i32::MIN;
/// CHARSXP "levels" bit saying the bytes are Latin-1 rather than UTF-8.
const LATIN1_MASK: i32 = 1 << 2;

/// Reads one object serialized by R's `serialize(x, NULL, xdr = TRUE)`.
pub fn unserialize(bytes: &[u8]) -> Result<RObject, RDataError> {
    let mut reader = XdrReader {
        bytes,
        at: 0,
        symbols: Vec::new(),
    };
    let format = reader.take(2)?;
    if format != b"X\n" {
        return Err(RDataError::NotXdr {
            found: format.to_vec(),
        });
    }
    let version = reader.int()?;
    let _writer_version = reader.int()?;
    let _min_reader_version = reader.int()?;
    match version {
        2 => {}
        3 => {
            // Version 3 records the writer's native encoding; strings carry their own
            // encoding flags, so the name is not needed.
            let length = reader.length()?;
            reader.take(length)?;
        }
        other => return Err(RDataError::Version(other)),
    }
    reader.item()
}

struct XdrReader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Symbols in the order they were first read; REFSXP items point back into this table.
    symbols: Vec<String>,
}

impl<'a> XdrReader<'a> {
    fn take(&mut self, needed: usize) -> Result<&'a [u8], RDataError> {
        let left = self.bytes.len() - self.at;
        if needed > left {
            return Err(RDataError::Truncated {
                at: self.at,
                needed,
                left,
            });
        }
        let slice = &self.bytes[self.at..self.at + needed];
        self.at += needed;
        Ok(slice)
    }

    fn int(&mut self) -> Result<i32, RDataError> {
        let bytes = self.take(4)?;
        Ok(i32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn double(&mut self) -> Result<f64, RDataError> {
        let bytes = self.take(8)?;
        let mut array = [0u8; 8];
        array.copy_from_slice(bytes);
        Ok(f64::from_be_bytes(array))
    }

    fn invalid(&self, reason: impl Into<String>) -> RDataError {
        RDataError::Invalid {
            at: self.at,
            reason: reason.into(),
        }
    }

    fn length(&mut self) -> Result<usize, RDataError> {
        let length = self.int()?;
        // -1 announces a "long vector" (over 2^31 elements): far beyond any package data.
        usize::try_from(length)
            .map_err(|_| self.invalid(format!("vector length {length} is not supported")))
    }

    fn item(&mut self) -> Result<RObject, RDataError> {
        let start = self.at;
        let flags = self.int()?;
        let sexp_type = (flags & 0xFF) as u8;
        let has_attributes = flags & HAS_ATTR_BIT != 0;
        let value = match sexp_type {
            NILVALUE_SXP => return Ok(RObject::plain(RValue::Null)),
            REFSXP => return self.reference(flags).map(RObject::plain),
            SYMSXP => {
                let name = self.item()?;
                let RValue::Character(mut names) = name.value else {
                    return Err(self.invalid("a symbol's name is not a string"));
                };
                let name = names
                    .pop()
                    .flatten()
                    .ok_or_else(|| self.invalid("a symbol has no name"))?;
                self.symbols.push(name.clone());
                return Ok(RObject::plain(RValue::Symbol(name)));
            }
            LISTSXP => return self.pairlist(flags),
            CHARSXP => RValue::Character(vec![self.string(flags)?]),
            LGLSXP => {
                let length = self.length()?;
                let values = (0..length)
                    .map(|_| Ok(self.int()?).map(|v| (v != NA_INTEGER).then_some(v != 0)))
                    .collect::<Result<_, RDataError>>()?;
                RValue::Logical(values)
            }
            INTSXP => {
                let length = self.length()?;
                let values = (0..length)
                    .map(|_| Ok(self.int()?).map(|v| (v != NA_INTEGER).then_some(v)))
                    .collect::<Result<_, RDataError>>()?;
                RValue::Integer(values)
            }
            REALSXP => {
                let length = self.length()?;
                let values = (0..length)
                    .map(|_| self.double())
                    .collect::<Result<_, _>>()?;
                RValue::Real(values)
            }
            STRSXP => {
                let length = self.length()?;
                let mut values = Vec::with_capacity(length.min(1 << 20));
                for _ in 0..length {
                    let element_flags = self.int()?;
                    if (element_flags & 0xFF) as u8 != CHARSXP {
                        return Err(self.invalid("a character vector holds a non-string"));
                    }
                    values.push(self.string(element_flags)?);
                }
                RValue::Character(values)
            }
            VECSXP => {
                let length = self.length()?;
                let items = (0..length).map(|_| self.item()).collect::<Result<_, _>>()?;
                RValue::List(items)
            }
            other => {
                return Err(RDataError::UnsupportedType {
                    sexp_type: other,
                    at: start,
                });
            }
        };
        let attributes = if has_attributes {
            self.attributes()?
        } else {
            Vec::new()
        };
        Ok(RObject { value, attributes })
    }

    /// Attributes are stored as a tagged pairlist after the object's contents.
    fn attributes(&mut self) -> Result<Vec<(String, RObject)>, RDataError> {
        let list = self.item()?;
        let RValue::PairList(cells) = list.value else {
            return Err(self.invalid("attributes are not a pairlist"));
        };
        cells
            .into_iter()
            .map(|(tag, value)| {
                tag.map(|tag| (tag, value))
                    .ok_or_else(|| self.invalid("an attribute has no name"))
            })
            .collect()
    }

    /// A pairlist is a chain of cells (attributes?, tag?, CAR, CDR); the chain is walked
    /// in a loop rather than by recursion so long lists cannot overflow the stack.
    fn pairlist(&mut self, first_flags: i32) -> Result<RObject, RDataError> {
        let mut cells = Vec::new();
        let mut attributes = Vec::new();
        let mut flags = first_flags;
        loop {
            if flags & HAS_ATTR_BIT != 0 {
                let cell_attributes = self.attributes()?;
                // Only the head cell's attributes belong to the list as a whole.
                if cells.is_empty() {
                    attributes = cell_attributes;
                }
            }
            let tag = if flags & HAS_TAG_BIT != 0 {
                match self.item()?.value {
                    RValue::Symbol(name) => Some(name),
                    _ => return Err(self.invalid("a pairlist tag is not a symbol")),
                }
            } else {
                None
            };
            let value = self.item()?;
            cells.push((tag, value));
            let next = self.int()?;
            match (next & 0xFF) as u8 {
                NILVALUE_SXP => break,
                LISTSXP => flags = next,
                _ => return Err(self.invalid("a pairlist does not end in NULL")),
            }
        }
        Ok(RObject {
            value: RValue::PairList(cells),
            attributes,
        })
    }

    fn reference(&mut self, flags: i32) -> Result<RValue, RDataError> {
        // The 1-based index is packed above the type byte, or follows when it does not fit.
        let packed = flags >> 8;
        let index = if packed == 0 { self.int()? } else { packed };
        usize::try_from(index)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.symbols.get(i))
            .map(|name| RValue::Symbol(name.clone()))
            .ok_or_else(|| self.invalid(format!("reference {index} points to no earlier symbol")))
    }

    fn string(&mut self, flags: i32) -> Result<Option<String>, RDataError> {
        let length = self.int()?;
        if length == -1 {
            return Ok(None);
        }
        let length = usize::try_from(length)
            .map_err(|_| self.invalid(format!("string length {length} is negative")))?;
        let bytes = self.take(length)?;
        let levels = flags >> 12;
        if levels & LATIN1_MASK != 0 {
            return Ok(Some(bytes.iter().map(|&b| char::from(b)).collect()));
        }
        String::from_utf8(bytes.to_vec())
            .map(Some)
            .map_err(|_| self.invalid("a string is neither UTF-8 nor marked Latin-1"))
    }
}

/// R's lazy-load database: the `.rdx` index and the `.rdb` blobs it points into.
pub struct LazyLoadDb {
    rdb_path: PathBuf,
    rdb: Vec<u8>,
    variables: Vec<(String, usize, usize)>,
}

impl LazyLoadDb {
    /// Opens `<stem>.rdx` and `<stem>.rdb`, e.g. stem `.../janeaustenr/data/Rdata`.
    pub fn open(stem: &Path) -> Result<Self, RDataError> {
        let rdx_path = stem.with_extension("rdx");
        let rdb_path = stem.with_extension("rdb");
        let read = |path: &Path| {
            std::fs::read(path).map_err(|source| RDataError::Io {
                path: path.to_path_buf(),
                source,
            })
        };
        let rdx = read(&rdx_path)?;
        let rdb = read(&rdb_path)?;
        Self::from_bytes(&rdx, rdb, rdb_path)
    }

    fn from_bytes(rdx: &[u8], rdb: Vec<u8>, rdb_path: PathBuf) -> Result<Self, RDataError> {
        let mut index_bytes = Vec::new();
        GzDecoder::new(rdx)
            .read_to_end(&mut index_bytes)
            .map_err(|source| RDataError::Decompress {
                what: "the lazy-load index (.rdx)".into(),
                source,
            })?;
        let index = unserialize(&index_bytes)?;
        let compressed = index
            .get("compressed")
            .ok_or(RDataError::BadIndex("\"compressed\" entry"))?;
        let compression = match &compressed.value {
            RValue::Logical(v) => v.first().copied().flatten().map(i32::from),
            _ => compressed
                .whole_numbers()
                .and_then(|v| v.first().copied())
                .and_then(|v| i32::try_from(v).ok()),
        }
        .ok_or(RDataError::BadIndex("readable \"compressed\" flag"))?;
        if compression != 1 {
            return Err(RDataError::Compression(compression));
        }
        let variables = index
            .get("variables")
            .ok_or(RDataError::BadIndex("\"variables\" entry"))?;
        let RValue::List(keys) = &variables.value else {
            return Err(RDataError::BadIndex("list of variables"));
        };
        let names = variables
            .names()
            .ok_or(RDataError::BadIndex("names for its variables"))?;
        let variables = names
            .iter()
            .zip(keys)
            .map(|(name, key)| {
                let numbers = key
                    .whole_numbers()
                    .filter(|n| n.len() == 2 && n.iter().all(|v| *v >= 0))
                    .ok_or(RDataError::BadIndex("(offset, length) pair for a variable"))?;
                Ok((name.to_string(), numbers[0] as usize, numbers[1] as usize))
            })
            .collect::<Result<_, RDataError>>()?;
        Ok(Self {
            rdb_path,
            rdb,
            variables,
        })
    }

    pub fn variable_names(&self) -> impl Iterator<Item = &str> {
        self.variables.iter().map(|(name, _, _)| name.as_str())
    }

    pub fn load(&self, name: &str) -> Result<RObject, RDataError> {
        let &(_, offset, length) = self
            .variables
            .iter()
            .find(|(n, _, _)| n == name)
            .ok_or_else(|| RDataError::NoSuchVariable(name.to_string()))?;
        let end = offset + length;
        let blob = self
            .rdb
            .get(offset..end)
            .filter(|blob| blob.len() > 4)
            .ok_or_else(|| RDataError::OutOfRange {
                name: name.to_string(),
                offset,
                end,
                len: self.rdb.len(),
            })?;
        let expected = u32::from_be_bytes([blob[0], blob[1], blob[2], blob[3]]) as usize;
        let mut bytes = Vec::with_capacity(expected);
        ZlibDecoder::new(&blob[4..])
            .read_to_end(&mut bytes)
            .map_err(|source| RDataError::Decompress {
                what: format!("{name:?} in {}", self.rdb_path.display()),
                source,
            })?;
        if bytes.len() != expected {
            return Err(RDataError::Invalid {
                at: offset,
                reason: format!(
                    "{name:?} decompresses to {} bytes, its header says {expected}",
                    bytes.len()
                ),
            });
        }
        unserialize(&bytes)
    }
}

/// Builders for R data in tests: XDR bytes as R's serialize.c writes them, and whole
/// lazy-load databases.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use flate2::Compression;
    use flate2::write::{GzEncoder, ZlibEncoder};
    use std::io::Write;

    /// Builds XDR bytes the way R's serialize.c writes them.
    pub(crate) struct Xdr(pub(crate) Vec<u8>);

    impl Xdr {
        pub(crate) fn header(version: i32) -> Self {
            let mut xdr = Xdr(b"X\n".to_vec());
            xdr.int(version).int(0x0004_0201).int(0x0003_0500);
            if version == 3 {
                xdr.int(5);
                xdr.0.extend_from_slice(b"UTF-8");
            }
            xdr
        }
        pub(crate) fn int(&mut self, value: i32) -> &mut Self {
            self.0.extend_from_slice(&value.to_be_bytes());
            self
        }
        pub(crate) fn charsxp(&mut self, text: &str) -> &mut Self {
            // gp level 64 = ASCII, as R marks plain strings.
            self.int(0x0004_0009).int(text.len() as i32);
            self.0.extend_from_slice(text.as_bytes());
            self
        }
        pub(crate) fn strsxp(&mut self, flags: i32, items: &[&str]) -> &mut Self {
            self.int(flags).int(items.len() as i32);
            for item in items {
                self.charsxp(item);
            }
            self
        }
        pub(crate) fn symbol(&mut self, name: &str) -> &mut Self {
            self.int(SYMSXP as i32).charsxp(name)
        }
        pub(crate) fn nil(&mut self) -> &mut Self {
            self.int(NILVALUE_SXP as i32)
        }
        /// A `names` attribute pairlist: the first occurrence writes the symbol, later ones
        /// refer back to it (REFSXP with the index packed in the flags).
        pub(crate) fn names_attribute(&mut self, first: bool, names: &[&str]) -> &mut Self {
            self.int(LISTSXP as i32 | HAS_TAG_BIT);
            if first {
                self.symbol("names");
            } else {
                self.int((1 << 8) | REFSXP as i32);
            }
            self.strsxp(STRSXP as i32, names).nil()
        }
    }

    pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    pub(crate) fn rdb_blob(object: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(object).unwrap();
        let mut blob = (object.len() as u32).to_be_bytes().to_vec();
        blob.extend(encoder.finish().unwrap());
        blob
    }

    /// Writes `<stem>.rdx` and `<stem>.rdb` holding one character vector per variable,
    /// laid out as `tools:::makeLazyLoadDB` does.
    pub(crate) fn write_lazy_load_db(stem: &Path, variables: &[(&str, Vec<String>)]) {
        let mut rdb = Vec::new();
        let mut keys = Vec::new();
        for (_, lines) in variables {
            let mut object = Xdr::header(3);
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            object.strsxp(STRSXP as i32, &lines);
            let start = rdb.len() as i32;
            rdb.extend(rdb_blob(&object.0));
            keys.push((start, rdb.len() as i32 - start));
        }
        let mut index = Xdr::header(3);
        index.int(VECSXP as i32 | HAS_ATTR_BIT).int(3);
        index
            .int(VECSXP as i32 | HAS_ATTR_BIT)
            .int(keys.len() as i32);
        for (offset, length) in keys {
            index.int(INTSXP as i32).int(2).int(offset).int(length);
        }
        let names: Vec<&str> = variables.iter().map(|(name, _)| *name).collect();
        index.names_attribute(true, &names);
        index.int(VECSXP as i32).int(0);
        index.int(LGLSXP as i32).int(1).int(1);
        index.names_attribute(false, &["variables", "references", "compressed"]);
        std::fs::create_dir_all(stem.parent().unwrap()).unwrap();
        std::fs::write(stem.with_extension("rdx"), gzip(&index.0)).unwrap();
        std::fs::write(stem.with_extension("rdb"), rdb).unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn reads_a_character_vector_with_na_and_utf8() {
        let mut xdr = Xdr::header(3);
        xdr.int(STRSXP as i32).int(3).charsxp("It is a truth");
        // gp level 8 = UTF-8.
        xdr.int(0x0000_8009).int("宋词!".len() as i32);
        xdr.0.extend_from_slice("宋词!".as_bytes());
        xdr.int(CHARSXP as i32).int(-1);
        let object = unserialize(&xdr.0).unwrap();
        assert_eq!(
            object.value,
            RValue::Character(vec![
                Some("It is a truth".into()),
                Some("宋词!".into()),
                None
            ])
        );
        assert!(object.attributes.is_empty());
    }

    #[test]
    fn reads_latin1_strings() {
        let mut xdr = Xdr::header(2);
        xdr.int(STRSXP as i32).int(1).int(0x0000_4009).int(4);
        xdr.0.extend_from_slice(b"\xa320.");
        let object = unserialize(&xdr.0).unwrap();
        assert_eq!(object.value, RValue::Character(vec![Some("£20.".into())]));
    }

    /// The shape of a lazy-load index: a named list of named lists of integer pairs,
    /// with the `names` symbol written once and referenced afterwards.
    fn index_like() -> Xdr {
        let mut xdr = Xdr::header(3);
        xdr.int(VECSXP as i32 | HAS_ATTR_BIT).int(3);
        xdr.int(VECSXP as i32 | HAS_ATTR_BIT).int(2);
        xdr.int(INTSXP as i32).int(2).int(0).int(40);
        xdr.int(INTSXP as i32).int(2).int(40).int(NA_INTEGER);
        xdr.names_attribute(true, &["emma", "persuasion"]);
        xdr.int(REALSXP as i32).int(2);
        xdr.0.extend_from_slice(&1.5f64.to_be_bytes());
        xdr.0.extend_from_slice(&(-2.0f64).to_be_bytes());
        xdr.int(LGLSXP as i32).int(2).int(1).int(NA_INTEGER);
        xdr.names_attribute(false, &["variables", "weights", "compressed"]);
        xdr
    }

    #[test]
    fn reads_nested_named_lists_with_symbol_references() {
        let object = unserialize(&index_like().0).unwrap();
        assert_eq!(
            object.names().unwrap(),
            ["variables", "weights", "compressed"]
        );
        let variables = object.get("variables").unwrap();
        assert_eq!(variables.names().unwrap(), ["emma", "persuasion"]);
        assert_eq!(
            variables.get("persuasion").unwrap().value,
            RValue::Integer(vec![Some(40), None])
        );
        assert_eq!(
            object.get("weights").unwrap().value,
            RValue::Real(vec![1.5, -2.0])
        );
        assert_eq!(
            object.get("compressed").unwrap().value,
            RValue::Logical(vec![Some(true), None])
        );
        assert!(object.get("missing").is_none());
    }

    #[test]
    fn truncated_data_is_an_error_not_a_panic() {
        let bytes = index_like().0;
        for cut in 0..bytes.len() {
            assert!(unserialize(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn rejects_other_formats_versions_and_types() {
        assert!(matches!(
            unserialize(b"A\n1\n"),
            Err(RDataError::NotXdr { .. })
        ));
        let mut xdr = Xdr::header(2);
        xdr.0[5] = 9;
        assert!(matches!(unserialize(&xdr.0), Err(RDataError::Version(9))));
        let mut xdr = Xdr::header(2);
        xdr.int(3); // CLOSXP: functions are not data.
        assert!(matches!(
            unserialize(&xdr.0),
            Err(RDataError::UnsupportedType { sexp_type: 3, .. })
        ));
        let mut xdr = Xdr::header(2);
        xdr.int((7 << 8) | REFSXP as i32);
        assert!(matches!(
            unserialize(&xdr.0),
            Err(RDataError::Invalid { .. })
        ));
    }

    #[test]
    fn loads_variables_from_a_lazy_load_database() {
        let dir = tempfile::tempdir().unwrap();
        let stem = dir.path().join("data/Rdata");
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        write_lazy_load_db(
            &stem,
            &[
                ("emma", lines(&["CHAPTER I", "", "Emma Woodhouse"])),
                ("persuasion", lines(&["Chapter 1"])),
            ],
        );
        let db = LazyLoadDb::open(&stem).unwrap();
        assert_eq!(
            db.variable_names().collect::<Vec<_>>(),
            ["emma", "persuasion"]
        );
        assert_eq!(
            db.load("emma").unwrap().value,
            RValue::Character(vec![
                Some("CHAPTER I".into()),
                Some(String::new()),
                Some("Emma Woodhouse".into())
            ])
        );
        assert_eq!(
            db.load("persuasion").unwrap().value,
            RValue::Character(vec![Some("Chapter 1".into())])
        );
        assert!(matches!(
            db.load("mansfieldpark"),
            Err(RDataError::NoSuchVariable(_))
        ));
    }

    #[test]
    fn a_missing_or_corrupt_database_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let stem = dir.path().join("Rdata");
        assert!(matches!(
            LazyLoadDb::open(&stem),
            Err(RDataError::Io { .. })
        ));
        std::fs::write(stem.with_extension("rdx"), b"not gzip").unwrap();
        std::fs::write(stem.with_extension("rdb"), b"").unwrap();
        assert!(matches!(
            LazyLoadDb::open(&stem),
            Err(RDataError::Decompress { .. })
        ));
    }
}
