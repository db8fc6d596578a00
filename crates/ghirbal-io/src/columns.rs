//! Typed Parquet columns for a document's metadata: the type of each field, inferred from the
//! values, and what a Parquet file must say about itself so that reading it back gives exactly
//! the JSON record the JSON lines output holds.
//!
//! A Parquet file has one schema, fixed when it is opened, while documents arrive batch by
//! batch with whatever fields their input had. The work is split so that the bytes never
//! depend on thread timing:
//! - each batch, on its worker thread, notes the [`Kind`] of every field over its rows and the
//!   order of the keys of each row ([`ParquetRows`]), a pure function of the batch;
//! - the single writer thread merges the batches' kinds, decides a shard's schema when it
//!   writes the shard's first row group, and starts a new shard when a later batch does not fit
//!   it (see `crate::parquet_shard`).
//!
//! Kinds form a small lattice: null < bool | int64 | float64 | utf8 | struct < json. A field
//! whose values disagree (a string here, a number there) becomes `json`: its values are stored
//! as their JSON text in a UTF-8 column, and the file's key-value metadata says so. Integers and
//! floats together are a disagreement too: a float64 column cannot tell `3` from `3.0`, and the
//! round trip must give back the very record that was written. Objects become struct columns
//! when every one has the same keys in the same order (the `removal` reason always does); arrays
//! and other objects become `json`.
//!
//! Parquet also cannot tell a missing field from a null one, nor keep each row's key order, so
//! the file's metadata holds the distinct key orders of its rows ("layouts") and, as runs, which
//! row has which: in the usual shard every row has the same fields in the same order and that is
//! one layout and one run.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The key of the file metadata entry that describes ghirbal's typed columns.
pub const FILE_METADATA_KEY: &str = "ghirbal.columns";

/// Objects nested deeper than this are stored as JSON text: deep struct columns help no query
/// engine, and a bound keeps the schema small whatever the input holds.
const MAX_STRUCT_DEPTH: usize = 4;

/// The type of a metadata field's column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Only nulls seen so far; a file writes such a field as a UTF-8 column of nulls.
    Null,
    Bool,
    Int64,
    Float64,
    Utf8,
    /// Objects with the same keys in the same order: a struct column with a child per key.
    Struct(Vec<(String, Kind)>),
    /// Anything else: the value's JSON text in a UTF-8 column.
    Json,
}

impl Kind {
    /// The kind of one value.
    pub fn of(v: &Value) -> Kind {
        Self::of_at(v, 0)
    }

    fn of_at(v: &Value, depth: usize) -> Kind {
        match v {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(n) if n.is_i64() => Kind::Int64,
            Value::Number(n) if n.is_f64() => Kind::Float64,
            // An integer above i64::MAX: no signed column holds it.
            Value::Number(_) => Kind::Json,
            Value::String(_) => Kind::Utf8,
            Value::Object(m) if !m.is_empty() && depth < MAX_STRUCT_DEPTH => Kind::Struct(
                m.iter()
                    .map(|(k, v)| (k.clone(), Self::of_at(v, depth + 1)))
                    .collect(),
            ),
            Value::Array(_) | Value::Object(_) => Kind::Json,
        }
    }

    /// Widens `self` to hold `v` as well. Allocates only when the kind changes.
    pub fn absorb(&mut self, v: &Value) {
        self.absorb_at(v, 0);
    }

    fn absorb_at(&mut self, v: &Value, depth: usize) {
        match (&mut *self, v) {
            (_, Value::Null) | (Kind::Json, _) | (Kind::Bool, Value::Bool(_)) => {}
            (Kind::Utf8, Value::String(_)) => {}
            (Kind::Int64, Value::Number(n)) if n.is_i64() => {}
            (Kind::Float64, Value::Number(n)) if n.is_f64() => {}
            (Kind::Null, v) => *self = Self::of_at(v, depth),
            (Kind::Struct(fields), Value::Object(m)) if same_keys(fields, m) => {
                for ((_, kind), v) in fields.iter_mut().zip(m.values()) {
                    kind.absorb_at(v, depth + 1);
                }
            }
            _ => *self = Kind::Json,
        }
    }

    /// Widens `self` to hold every value `other` holds.
    pub fn merge(&mut self, other: &Kind) {
        match (&mut *self, other) {
            (_, Kind::Null) | (Kind::Json, _) => {}
            (Kind::Null, o) => *self = o.clone(),
            (Kind::Struct(a), Kind::Struct(b))
                if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0) =>
            {
                for ((_, x), (_, y)) in a.iter_mut().zip(b) {
                    x.merge(y);
                }
            }
            (a, b) if *a == *b => {}
            _ => *self = Kind::Json,
        }
    }

    /// Whether a column of kind `self` can hold every value of kind `other` as it is.
    pub fn holds(&self, other: &Kind) -> bool {
        match (self, other) {
            (_, Kind::Null) | (Kind::Json, _) => true,
            (Kind::Struct(a), Kind::Struct(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0 && x.1.holds(&y.1))
            }
            (a, b) => a == b,
        }
    }

    /// The kind a file writes: a field with only nulls becomes a UTF-8 column (of nulls), so
    /// that every column has a physical type.
    pub fn settled(&self) -> Kind {
        match self {
            Kind::Null => Kind::Utf8,
            Kind::Struct(children) => Kind::Struct(
                children
                    .iter()
                    .map(|(k, c)| (k.clone(), c.settled()))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
}

fn same_keys(fields: &[(String, Kind)], m: &Map<String, Value>) -> bool {
    fields.len() == m.len() && fields.iter().zip(m.keys()).all(|((a, _), b)| a == b)
}

/// The metadata fields of a batch or a shard, in the order they were first seen, with kinds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fields(pub Vec<(String, Kind)>);

impl Fields {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == name)
    }

    /// Widens the kinds to hold one row's metadata; new fields go at the end.
    pub fn absorb_row(&mut self, meta: &Map<String, Value>) {
        for (i, (name, v)) in meta.iter().enumerate() {
            // Rows of a batch mostly share their key order: try the same position first.
            let at = match self.0.get(i) {
                Some((k, _)) if k == name => Some(i),
                _ => self.position(name),
            };
            match at {
                Some(at) => self.0[at].1.absorb(v),
                None => self.0.push((name.clone(), Kind::of(v))),
            }
        }
    }

    /// Widens the kinds to hold every field of `other`; new fields go at the end.
    pub fn merge(&mut self, other: &Fields) {
        for (name, kind) in &other.0 {
            match self.position(name) {
                Some(at) => self.0[at].1.merge(kind),
                None => self.0.push((name.clone(), kind.clone())),
            }
        }
    }

    /// Whether a file with these columns can take every row described by `other`.
    pub fn holds(&self, other: &Fields) -> bool {
        other.0.iter().all(|(name, kind)| {
            self.position(name)
                .is_some_and(|at| self.0[at].1.holds(kind))
        })
    }

    pub fn settled(&self) -> Fields {
        Fields(
            self.0
                .iter()
                .map(|(k, kind)| (k.clone(), kind.settled()))
                .collect(),
        )
    }
}

/// A document as a Parquet row: id, text, and the other fields in the order the JSON lines
/// output writes them (the removal reason last).
#[derive(Debug, Clone, PartialEq)]
pub struct ParquetRow {
    pub id: String,
    pub text: String,
    pub metadata: Map<String, Value>,
}

/// One batch's rows for a Parquet output, with what the writer needs to place them without
/// looking at every value again: the fields' kinds, the rows' key orders, and their size.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParquetRows {
    pub rows: Vec<ParquetRow>,
    pub fields: Fields,
    /// The distinct key orders of the rows, in order of first use.
    pub layouts: Vec<Vec<String>>,
    /// (index into `layouts`, number of consecutive rows with it), covering every row.
    pub runs: Vec<(u32, u64)>,
    /// Approximate bytes of the rows (what shard sizes are measured in).
    pub bytes: u64,
}

impl ParquetRows {
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn push(&mut self, row: ParquetRow) {
        self.fields.absorb_row(&row.metadata);
        let same_as_last = self.runs.last().is_some_and(|&(l, _)| {
            self.layouts
                .get(l as usize)
                .is_some_and(|keys| keys.iter().eq(row.metadata.keys()))
        });
        if same_as_last {
            if let Some(run) = self.runs.last_mut() {
                run.1 += 1;
            }
        } else {
            let layout = match self
                .layouts
                .iter()
                .position(|keys| keys.iter().eq(row.metadata.keys()))
            {
                Some(at) => at,
                None => {
                    self.layouts.push(row.metadata.keys().cloned().collect());
                    self.layouts.len() - 1
                }
            };
            self.runs.push((layout as u32, 1));
        }
        self.bytes += (row.id.len() + row.text.len()) as u64 + json_bytes(&row.metadata);
        self.rows.push(row);
    }
}

/// About the bytes of `m` as JSON, without writing it: shard sizes are measured in these.
fn json_bytes(m: &Map<String, Value>) -> u64 {
    fn value(v: &Value) -> u64 {
        match v {
            Value::Null | Value::Bool(_) => 5,
            Value::Number(_) => 8,
            Value::String(s) => s.len() as u64 + 2,
            Value::Array(a) => 2 + a.iter().map(|v| value(v) + 1).sum::<u64>(),
            Value::Object(m) => 2 + json_bytes(m),
        }
    }
    m.iter().map(|(k, v)| k.len() as u64 + 4 + value(v)).sum()
}

/// What a ghirbal Parquet file says about its columns, under [`FILE_METADATA_KEY`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileColumns {
    /// Format version of this description.
    pub version: u32,
    /// The metadata columns after the id and text columns, in schema order, with kinds: a
    /// `json` column holds each value's JSON text.
    pub fields: Fields,
    /// The distinct key orders of the rows, as indices into `fields`.
    pub layouts: Vec<Vec<u32>>,
    /// (index into `layouts`, number of consecutive rows with it), in row order.
    pub runs: Vec<(u32, u64)>,
}

/// The current version of [`FileColumns`].
pub const FILE_COLUMNS_VERSION: u32 = 1;

/// Reads a ghirbal Parquet file's rows back into the JSON records they were written from.
#[derive(Debug)]
pub struct Restorer {
    columns: FileColumns,
    run: usize,
    left_in_run: u64,
}

impl Restorer {
    /// From the file metadata entry's text; an error says what is wrong with it.
    pub fn new(text: &str) -> Result<Self, String> {
        let columns: FileColumns = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if columns.version != FILE_COLUMNS_VERSION {
            return Err(format!(
                "version {} of the column description; this ghirbal reads version {FILE_COLUMNS_VERSION}",
                columns.version
            ));
        }
        let n = columns.fields.0.len();
        let bad_layout = columns.layouts.iter().flatten().any(|&i| i as usize >= n);
        let bad_run = columns
            .runs
            .iter()
            .any(|&(l, _)| l as usize >= columns.layouts.len());
        if bad_layout || bad_run {
            return Err("a layout names a column or a run a layout that is not there".into());
        }
        Ok(Self {
            columns,
            run: 0,
            left_in_run: 0,
        })
    }

    /// The next row, as the Parquet reader gave it (every column, in schema order), turned
    /// back into the record: the id and text columns first, then the row's fields in its own
    /// order, absent fields left out, JSON columns parsed.
    pub fn restore(&mut self, mut row: Map<String, Value>) -> Result<Map<String, Value>, String> {
        while self.left_in_run == 0 {
            let Some(&(_, n)) = self.columns.runs.get(self.run) else {
                return Err("more rows than the file's layouts describe".into());
            };
            self.left_in_run = n;
            self.run += 1;
        }
        self.left_in_run -= 1;
        let layout = self
            .columns
            .runs
            .get(self.run - 1)
            .and_then(|&(l, _)| self.columns.layouts.get(l as usize))
            .ok_or("no layout for the row")?;
        let fields = &self.columns.fields.0;
        let mut out = Map::with_capacity(layout.len() + 2);
        // The id and text columns: every column that is not a metadata field.
        let keys: Vec<String> = row.keys().cloned().collect();
        for key in keys {
            if !fields.iter().any(|(name, _)| *name == key) {
                if let Some(v) = row.shift_remove(&key) {
                    out.insert(key, v);
                }
            }
        }
        for &i in layout {
            let (name, kind) = &fields[i as usize];
            let v = row.shift_remove(name).unwrap_or(Value::Null);
            out.insert(name.clone(), decode(kind, v)?);
        }
        Ok(out)
    }
}

/// Undoes the JSON encoding of `json` columns, wherever they are in the value.
fn decode(kind: &Kind, v: Value) -> Result<Value, String> {
    match (kind, v) {
        (Kind::Json, Value::String(s)) => serde_json::from_str(&s)
            .map_err(|e| format!("a JSON column holds text that is not JSON: {e}")),
        (Kind::Struct(children), Value::Object(mut m)) => {
            let mut out = Map::with_capacity(children.len());
            for (name, kind) in children {
                let v = m.shift_remove(name).unwrap_or(Value::Null);
                out.insert(name.clone(), decode(kind, v)?);
            }
            Ok(Value::Object(out))
        }
        (_, v) => Ok(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(values: &[Value]) -> Kind {
        let mut k = Kind::Null;
        for v in values {
            k.absorb(v);
        }
        k
    }

    #[test]
    fn values_of_one_type_keep_it_and_nulls_change_nothing() {
        assert_eq!(kinds(&[json!(1), Value::Null, json!(-5)]), Kind::Int64);
        assert_eq!(kinds(&[json!(0.5), json!(1.0)]), Kind::Float64);
        assert_eq!(kinds(&[json!("ar"), json!("arz")]), Kind::Utf8);
        assert_eq!(kinds(&[Value::Null]), Kind::Null);
        assert_eq!(Kind::Null.settled(), Kind::Utf8);
    }

    /// A float64 column would give `3` back as `3.0`: integers and floats together are JSON.
    #[test]
    fn integers_and_floats_together_are_json_so_nothing_changes_on_the_way_back() {
        assert_eq!(kinds(&[json!(3), json!(0.5)]), Kind::Json);
        assert_eq!(kinds(&[json!("x"), json!(1)]), Kind::Json);
        assert_eq!(kinds(&[json!(u64::MAX)]), Kind::Json);
    }

    #[test]
    fn objects_with_the_same_keys_are_structs_others_json() {
        let reason = |c: &str| json!({"step": "length", "code": c, "detail": "3 < 50"});
        assert_eq!(
            kinds(&[reason("too_short"), reason("too_long")]),
            Kind::Struct(vec![
                ("step".into(), Kind::Utf8),
                ("code".into(), Kind::Utf8),
                ("detail".into(), Kind::Utf8),
            ])
        );
        assert_eq!(kinds(&[json!({"a": 1}), json!({"b": 1})]), Kind::Json);
        assert_eq!(
            kinds(&[json!({"a": 1, "b": 2}), json!({"b": 2, "a": 1})]),
            Kind::Json
        );
        assert_eq!(kinds(&[json!(["أ"])]), Kind::Json);
        assert_eq!(kinds(&[json!({})]), Kind::Json);
    }

    #[test]
    fn a_file_holds_narrower_batches_but_not_new_fields_or_other_types() {
        let file = Fields(vec![("n".into(), Kind::Int64), ("j".into(), Kind::Json)]);
        let batch =
            |f: Vec<(&str, Kind)>| Fields(f.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        assert!(file.holds(&batch(vec![("n", Kind::Null), ("j", Kind::Utf8)])));
        assert!(!file.holds(&batch(vec![("n", Kind::Float64)])));
        assert!(!file.holds(&batch(vec![("new", Kind::Utf8)])));
    }

    #[test]
    fn rows_note_their_layouts_as_runs() {
        let mut rows = ParquetRows::default();
        for meta in [
            json!({"a": 1, "b": "x"}),
            json!({"a": 2, "b": "y"}),
            json!({"b": "z"}),
        ] {
            let Value::Object(metadata) = meta else {
                unreachable!("objects above")
            };
            rows.push(ParquetRow {
                id: "i".into(),
                text: "نص".into(),
                metadata,
            });
        }
        assert_eq!(rows.layouts, vec![vec!["a", "b"], vec!["b"]]);
        assert_eq!(rows.runs, vec![(0, 2), (1, 1)]);
        assert_eq!(rows.fields.0[0], ("a".to_string(), Kind::Int64));
    }

    #[test]
    fn restoring_a_row_puts_back_order_absence_and_json() {
        let columns = FileColumns {
            version: FILE_COLUMNS_VERSION,
            fields: Fields(vec![
                ("tags".into(), Kind::Json),
                ("url".into(), Kind::Utf8),
                ("n".into(), Kind::Null.settled()),
            ]),
            layouts: vec![vec![1, 0], vec![2]],
            runs: vec![(0, 1), (1, 1)],
        };
        let text = serde_json::to_string(&columns).expect("serializes");
        let mut r = Restorer::new(&text).expect("valid");
        let row = |v: Value| match v {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        let first = r
            .restore(row(
                json!({"id": "a", "text": "t", "tags": "[\"أ\"]", "url": "u", "n": null}),
            ))
            .expect("restores");
        assert_eq!(
            serde_json::to_string(&first).expect("json"),
            r#"{"id":"a","text":"t","url":"u","tags":["أ"]}"#
        );
        let second = r
            .restore(row(
                json!({"id": "b", "text": "t", "tags": null, "url": null, "n": null}),
            ))
            .expect("restores");
        assert_eq!(
            serde_json::to_string(&second).expect("json"),
            r#"{"id":"b","text":"t","n":null}"#
        );
        assert!(r.restore(row(json!({"id": "c"}))).is_err());
    }
}
