//! A self-describing tree of policy values: the common ground on which a policy file is
//! merged over its base (`extends`), compared with another policy (what-if), and turned back
//! into a typed [`Policy`](crate::Policy) with every error naming its path.
//!
//! Numbers are kept as their text, so no value is computed in a float (a number that arrives
//! as a float is kept as its shortest round-trip text, see [`crate::wire`]).

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize};

use crate::wire::{SERDE_JSON_NUMBER, float_text};

/// A JSON-like value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tree {
    Null,
    Bool(bool),
    /// A number, as its text.
    Number(String),
    Str(String),
    Seq(Vec<Tree>),
    /// Entries in order; keys are unique.
    Map(Vec<(String, Tree)>),
}

impl Tree {
    pub(crate) fn get(&self, key: &str) -> Option<&Tree> {
        match self {
            Tree::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<Tree> {
        match self {
            Tree::Map(entries) => {
                let at = entries.iter().position(|(k, _)| k == key)?;
                Some(entries.remove(at).1)
            }
            _ => None,
        }
    }

    /// Short text of a value, for reports (`45`, `true`, `null`, `"text"`, `[…]`).
    pub(crate) fn brief(&self) -> String {
        match self {
            Tree::Null => "null".to_owned(),
            Tree::Bool(b) => b.to_string(),
            Tree::Number(n) => n.clone(),
            Tree::Str(s) => format!("\"{s}\""),
            Tree::Seq(items) => {
                let inner: Vec<String> = items.iter().map(Tree::brief).collect();
                format!("[{}]", inner.join(", "))
            }
            Tree::Map(entries) => {
                let inner: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.brief()))
                    .collect();
                format!("{{{}}}", inner.join(", "))
            }
        }
    }
}

/// An error while reading a tree, with the path where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TreeError {
    /// Segments from the root, outermost first.
    pub path: Vec<String>,
    pub message: String,
}

impl TreeError {
    fn within(mut self, segment: String) -> Self {
        self.path.insert(0, segment);
        self
    }
}

/// Writes path segments as `a.b[2].c` (segments that are indices are written `[i]`).
pub(crate) fn join_path(path: &[String]) -> String {
    let mut text = String::new();
    for segment in path {
        if !segment.starts_with('[') && !text.is_empty() {
            text.push('.');
        }
        text.push_str(segment);
    }
    text
}

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", join_path(&self.path), self.message)
        }
    }
}

impl std::error::Error for TreeError {}

impl de::Error for TreeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TreeError {
            path: Vec::new(),
            message: msg.to_string(),
        }
    }
}

impl ser::Error for TreeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TreeError {
            path: Vec::new(),
            message: msg.to_string(),
        }
    }
}

// ---------------------------------------------------------------- reading a tree from input

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::Number(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree, E> {
        // Without `arbitrary_precision` a fraction arrives as a float: keep its shortest text
        // when that is the number as written, as a decimal field would read it.
        float_text(v).map(Tree::Number).map_err(E::custom)
    }
    fn visit_u128<E>(self, v: u128) -> Result<Tree, E> {
        Ok(Tree::Number(v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Tree, E> {
        Ok(Tree::Number(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Tree>()? {
            items.push(item);
        }
        Ok(Tree::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries: Vec<(String, Tree)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == SERDE_JSON_NUMBER {
                let text: String = map.next_value()?;
                return Ok(Tree::Number(text));
            }
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate field `{key}`")));
            }
            let value: Tree = map
                .next_value()
                .map_err(|e| de::Error::custom(format!("{key}: {e}")))?;
            entries.push((key, value));
        }
        Ok(Tree::Map(entries))
    }
}

impl<'de> de::Deserialize<'de> for Tree {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

impl Serialize for Tree {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap, SerializeSeq};
        match self {
            Tree::Null => s.serialize_unit(),
            Tree::Bool(b) => s.serialize_bool(*b),
            Tree::Number(n) => match (n.parse::<u64>(), n.parse::<i64>()) {
                (Ok(u), _) => s.serialize_u64(u),
                (_, Ok(i)) => s.serialize_i64(i),
                // Fractions are written as strings: every decimal field accepts one.
                _ => s.serialize_str(n),
            },
            Tree::Str(v) => s.serialize_str(v),
            Tree::Seq(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Tree::Map(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

// ---------------------------------------------------------------- typed value -> tree

/// Turns any serialisable value into a tree.
/// Writes `tree` in a canonical JSON form: object keys sorted, no spaces, numbers as their
/// text, strings with `"`, `\\` and control characters escaped. Equal trees give equal bytes.
pub(crate) fn canonical(tree: &Tree, out: &mut Vec<u8>) {
    fn string(text: &str, out: &mut Vec<u8>) {
        out.push(b'"');
        for c in text.chars() {
            match c {
                '"' => out.extend_from_slice(b"\\\""),
                '\\' => out.extend_from_slice(b"\\\\"),
                c if u32::from(c) < 0x20 => {
                    out.extend_from_slice(format!("\\u{:04x}", u32::from(c)).as_bytes());
                }
                c => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        out.push(b'"');
    }
    match tree {
        Tree::Null => out.extend_from_slice(b"null"),
        Tree::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Tree::Number(text) => out.extend_from_slice(text.as_bytes()),
        Tree::Str(text) => string(text, out),
        Tree::Seq(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical(item, out);
            }
            out.push(b']');
        }
        Tree::Map(entries) => {
            let mut sorted: Vec<&(String, Tree)> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            out.push(b'{');
            for (i, (key, value)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                string(key, out);
                out.push(b':');
                canonical(value, out);
            }
            out.push(b'}');
        }
    }
}

pub(crate) fn to_tree<T: Serialize + ?Sized>(value: &T) -> Result<Tree, TreeError> {
    value.serialize(TreeSerializer)
}

struct TreeSerializer;

struct SeqBuilder(Vec<Tree>);

struct MapBuilder {
    entries: Vec<(String, Tree)>,
    key: Option<String>,
}

fn number<T: ToString>(v: T) -> Result<Tree, TreeError> {
    Ok(Tree::Number(v.to_string()))
}

impl ser::Serializer for TreeSerializer {
    type Ok = Tree;
    type Error = TreeError;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = ser::Impossible<Tree, TreeError>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = ser::Impossible<Tree, TreeError>;

    fn serialize_bool(self, v: bool) -> Result<Tree, TreeError> {
        Ok(Tree::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Tree, TreeError> {
        number(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Tree, TreeError> {
        number(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Tree, TreeError> {
        number(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Tree, TreeError> {
        number(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Tree, TreeError> {
        number(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Tree, TreeError> {
        number(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Tree, TreeError> {
        number(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Tree, TreeError> {
        number(v)
    }
    fn serialize_f32(self, _: f32) -> Result<Tree, TreeError> {
        Err(ser::Error::custom("binary floats are not policy values"))
    }
    fn serialize_f64(self, _: f64) -> Result<Tree, TreeError> {
        Err(ser::Error::custom("binary floats are not policy values"))
    }
    fn serialize_char(self, v: char) -> Result<Tree, TreeError> {
        Ok(Tree::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Tree, TreeError> {
        Ok(Tree::Str(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Tree, TreeError> {
        Ok(Tree::Seq(
            v.iter().map(|b| Tree::Number(b.to_string())).collect(),
        ))
    }
    fn serialize_none(self) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Tree, TreeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Tree, TreeError> {
        Ok(Tree::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Tree, TreeError> {
        Ok(Tree::Str(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Tree, TreeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Tree, TreeError> {
        Ok(Tree::Map(vec![(
            variant.to_owned(),
            value.serialize(TreeSerializer)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqBuilder, TreeError> {
        Ok(SeqBuilder(Vec::with_capacity(len)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, TreeError> {
        Err(ser::Error::custom("tuple variants are not policy values"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapBuilder, TreeError> {
        Ok(MapBuilder {
            entries: Vec::new(),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<MapBuilder, TreeError> {
        Ok(MapBuilder {
            entries: Vec::new(),
            key: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, TreeError> {
        Err(ser::Error::custom("struct variants are not policy values"))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<Tree, TreeError> {
        Ok(Tree::Str(value.to_string()))
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        self.0.push(value.serialize(TreeSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Tree, TreeError> {
        Ok(Tree::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Tree, TreeError> {
        Ok(Tree::Seq(self.0))
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Tree, TreeError> {
        Ok(Tree::Seq(self.0))
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TreeError> {
        self.key = Some(match key.serialize(TreeSerializer)? {
            Tree::Str(s) | Tree::Number(s) => s,
            other => {
                return Err(ser::Error::custom(format!(
                    "map key must be a string, not {}",
                    other.brief()
                )));
            }
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TreeError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ser::Error::custom("map value without a key"))?;
        self.entries.push((key, value.serialize(TreeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, TreeError> {
        Ok(Tree::Map(self.entries))
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Tree;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TreeError> {
        self.entries
            .push((key.to_owned(), value.serialize(TreeSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Tree, TreeError> {
        Ok(Tree::Map(self.entries))
    }
}

// ---------------------------------------------------------------- tree -> typed value

/// Reads a typed value from a tree; an error names the path where it happened.
pub(crate) fn from_tree<T: de::DeserializeOwned>(tree: Tree) -> Result<T, TreeError> {
    T::deserialize(tree)
}

impl<'de> de::Deserializer<'de> for Tree {
    type Error = TreeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        match self {
            Tree::Null => visitor.visit_unit(),
            Tree::Bool(b) => visitor.visit_bool(b),
            Tree::Number(n) => {
                if let Ok(u) = n.parse::<u64>() {
                    visitor.visit_u64(u)
                } else if let Ok(i) = n.parse::<i64>() {
                    visitor.visit_i64(i)
                } else {
                    // A fraction: decimal fields read it from its text.
                    visitor.visit_string(n)
                }
            }
            Tree::Str(s) => visitor.visit_string(s),
            Tree::Seq(items) => visitor.visit_seq(TreeSeq {
                items: items.into_iter(),
                index: 0,
            }),
            Tree::Map(entries) => visitor.visit_map(TreeMap {
                entries: entries.into_iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        match self {
            Tree::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        match self {
            Tree::Str(s) => visitor.visit_enum(s.into_deserializer()),
            // An externally tagged variant with data: `{"variant": value}`.
            Tree::Map(mut entries) if entries.len() == 1 => match entries.pop() {
                Some((variant, value)) => visitor.visit_enum(TreeVariant { variant, value }),
                None => Err(de::Error::custom("expected one variant")),
            },
            other => Err(de::Error::custom(format!(
                "expected a string or an object of one key, found {}",
                other.brief()
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct TreeSeq {
    items: std::vec::IntoIter<Tree>,
    index: usize,
}

impl<'de> SeqAccess<'de> for TreeSeq {
    type Error = TreeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TreeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index = self.index.saturating_add(1);
        seed.deserialize(item)
            .map(Some)
            .map_err(|e| e.within(format!("[{index}]")))
    }
}

struct TreeMap {
    entries: std::vec::IntoIter<(String, Tree)>,
    value: Option<(String, Tree)>,
}

impl<'de> MapAccess<'de> for TreeMap {
    type Error = TreeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TreeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let k = seed
            .deserialize(Tree::Str(key.clone()))
            .map_err(|e| e.within(key.clone()))?;
        self.value = Some((key, value));
        Ok(Some(k))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TreeError> {
        let (key, value) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("map value without a key"))?;
        seed.deserialize(value).map_err(|e| e.within(key))
    }
}

// ---------------------------------------------------------------- merge and diff

/// Lays `overlay` over `base`: maps merge key by key, recursively; any other value replaces
/// the base's. A list of citations (objects with a `rule` and a `source`) merges entry by entry
/// on `rule` with an overlay list whose entries all name a rule (an entry may give only the
/// fields it changes).
///
/// Costs O(size of both) (the keys of a map and the rules of a list are looked up by hash).
pub(crate) fn merge(base: &mut Tree, overlay: Tree) {
    match (base, overlay) {
        (Tree::Map(base_entries), Tree::Map(over_entries)) => {
            let mut at: HashMap<String, usize> = base_entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.clone(), i))
                .collect();
            for (key, value) in over_entries {
                match at.get(&key).and_then(|&i| base_entries.get_mut(i)) {
                    Some((_, slot)) => merge(slot, value),
                    None => {
                        at.insert(key.clone(), base_entries.len());
                        base_entries.push((key, value));
                    }
                }
            }
        }
        (Tree::Seq(base_items), Tree::Seq(over_items))
            if is_citation_list(base_items) && has_rules(&over_items) =>
        {
            // The first base entry of each rule, as the scan it replaces found it.
            let mut at: HashMap<String, usize> = HashMap::new();
            for (i, item) in base_items.iter().enumerate() {
                if let Some(Tree::Str(rule)) = item.get("rule") {
                    at.entry(rule.clone()).or_insert(i);
                }
            }
            for item in over_items {
                let rule = match item.get("rule") {
                    Some(Tree::Str(rule)) => rule.clone(),
                    _ => String::new(),
                };
                match at.get(&rule).and_then(|&i| base_items.get_mut(i)) {
                    Some(slot) => merge(slot, item),
                    None => {
                        at.insert(rule, base_items.len());
                        base_items.push(item);
                    }
                }
            }
        }
        (slot, value) => *slot = value,
    }
}

/// Whether every item names a rule.
fn has_rules(items: &[Tree]) -> bool {
    items
        .iter()
        .all(|i| matches!(i.get("rule"), Some(Tree::Str(_))))
}

/// A non-empty list of citations (each with a rule and a source): merged entry by entry.
fn is_citation_list(items: &[Tree]) -> bool {
    !items.is_empty() && has_rules(items) && items.iter().all(|i| i.get("source").is_some())
}

/// One value that differs between two trees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub path: Vec<String>,
    pub before: Option<Tree>,
    pub after: Option<Tree>,
}

/// The values that differ between `a` and `b`, with their paths: maps key by key, arrays of the
/// same length element by element; arrays of different lengths differ as a whole. Costs
/// O(size of both) plus the size of the changes written.
pub(crate) fn diff(a: &Tree, b: &Tree) -> Vec<Change> {
    let mut out = Vec::new();
    diff_into(&mut Vec::new(), a, b, &mut out);
    out
}

fn diff_into(path: &mut Vec<String>, a: &Tree, b: &Tree, out: &mut Vec<Change>) {
    match (a, b) {
        (Tree::Map(ea), Tree::Map(eb)) => {
            let in_a: HashSet<&str> = ea.iter().map(|(k, _)| k.as_str()).collect();
            let in_b: HashMap<&str, &Tree> = eb.iter().map(|(k, v)| (k.as_str(), v)).collect();
            for (k, va) in ea {
                path.push(k.clone());
                match in_b.get(k.as_str()) {
                    Some(vb) => diff_into(path, va, vb, out),
                    None => out.push(Change {
                        path: path.clone(),
                        before: Some(va.clone()),
                        after: None,
                    }),
                }
                path.pop();
            }
            for (k, vb) in eb {
                if !in_a.contains(k.as_str()) {
                    path.push(k.clone());
                    out.push(Change {
                        path: path.clone(),
                        before: None,
                        after: Some(vb.clone()),
                    });
                    path.pop();
                }
            }
        }
        (Tree::Seq(ia), Tree::Seq(ib)) if ia.len() == ib.len() => {
            for (i, (va, vb)) in ia.iter().zip(ib).enumerate() {
                path.push(format!("[{i}]"));
                diff_into(path, va, vb, out);
                path.pop();
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(Change {
            path: path.clone(),
            before: Some(a.clone()),
            after: Some(b.clone()),
        }),
    }
}

/// An externally tagged enum variant read from `{"variant": value}`.
struct TreeVariant {
    variant: String,
    value: Tree,
}

impl<'de> de::EnumAccess<'de> for TreeVariant {
    type Error = TreeError;
    type Variant = Tree;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Tree), TreeError> {
        let variant = seed.deserialize(self.variant.into_deserializer())?;
        Ok((variant, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for Tree {
    type Error = TreeError;

    fn unit_variant(self) -> Result<(), TreeError> {
        match self {
            Tree::Null => Ok(()),
            other => Err(de::Error::custom(format!(
                "expected no value, found {}",
                other.brief()
            ))),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, TreeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, TreeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn maps_and_tuples_become_trees_and_back() {
        let mut map = BTreeMap::new();
        map.insert("a".to_owned(), (1u32, -2i64));
        let tree = to_tree(&map).unwrap_or(Tree::Null);
        assert_eq!(
            tree,
            Tree::Map(vec![(
                "a".to_owned(),
                Tree::Seq(vec![Tree::Number("1".into()), Tree::Number("-2".into())])
            )])
        );
        let back: Result<BTreeMap<String, (u32, i64)>, _> = from_tree(tree);
        assert_eq!(back, Ok(map));
    }

    /// Whole numbers are written as numbers (unsigned, then signed); fractions as strings.
    #[test]
    fn numbers_serialise_as_numbers() {
        let tree = Tree::Seq(vec![
            Tree::Number("18446744073709551615".into()),
            Tree::Number("-3".into()),
            Tree::Number("2.5".into()),
        ]);
        let again = tree.serialize(TreeSerializer).unwrap_or(Tree::Null);
        assert_eq!(
            again,
            Tree::Seq(vec![
                Tree::Number("18446744073709551615".into()),
                Tree::Number("-3".into()),
                Tree::Str("2.5".into()),
            ])
        );
    }

    #[test]
    fn arrays_of_equal_length_differ_element_by_element() {
        let a = Tree::Seq(vec![Tree::Bool(true), Tree::Bool(false)]);
        let b = Tree::Seq(vec![Tree::Bool(true), Tree::Bool(true)]);
        let changes = diff(&a, &b);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes.first().map(|c| join_path(&c.path)),
            Some("[1]".to_owned())
        );
        let c = Tree::Seq(vec![Tree::Bool(true)]);
        assert_eq!(diff(&a, &c).first().map(|c| c.path.len()), Some(0));
    }
}
