//! The Parquet file a [`crate::ShardWriter`] has open: typed columns for the metadata fields,
//! a schema decided on the writer thread, and the file metadata that makes reading it back
//! exact (see [`crate::columns`]).
//!
//! A Parquet file's schema is fixed when its first row group is written, so the rows of the
//! first row group (up to [`ROW_GROUP_BYTES`]) are buffered and their fields' kinds merged:
//! until then the schema widens freely (a new field is a new column, disagreeing values make a
//! JSON column). Afterwards a batch that the schema cannot hold as it is (a new field, or a
//! value of another type) closes the shard, and the next shard starts from the closed one's
//! columns widened by the batch. Shards of one output therefore only ever gain columns or
//! turn a column into JSON, which keeps the files of a run readable together
//! (`union_by_name` in DuckDB) while every value in every file is in a column of its own type.
//!
//! Every decision depends only on the batches' contents and order, never on thread timing, so
//! the bytes are the same for any thread count; the columns carried from shard to shard are
//! part of the checkpoint so that a resumed run decides as the uninterrupted one did.

use crate::columns::{
    Fields, FileColumns, Kind, ParquetRows, FILE_COLUMNS_VERSION, FILE_METADATA_KEY,
};
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical, ZstdLevel};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DataType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedFileWriter, SerializedRowGroupWriter};
use parquet::schema::types::{Type, TypePtr};
use serde_json::Value;
use std::collections::HashMap;
use std::fs::File;
use std::sync::Arc;

/// Rows buffered before a row group is written; the first row group's rows decide the schema.
pub(crate) const ROW_GROUP_BYTES: u64 = 64 << 20;

/// Distinct key-order runs one file may describe before the shard is closed: they live in the
/// file's footer, which must stay small even for rows whose fields come in every order.
const MAX_LAYOUT_RUNS: usize = 100_000;

type Result<T> = std::result::Result<T, ParquetError>;

pub(crate) struct ParquetShard {
    /// The file, until the first row group creates the Parquet writer around it.
    file: Option<File>,
    writer: Option<Box<SerializedFileWriter<File>>>,
    /// Names of the id and text columns.
    id: String,
    text: String,
    /// The metadata columns, once the first row group is written.
    schema: Option<Fields>,
    /// Until then, the kinds seen so far (starting from the previous shard's columns).
    seen: Fields,
    pending: Vec<ParquetRows>,
    pending_bytes: u64,
    row_group_bytes: u64,
    layouts: Vec<Vec<String>>,
    layout_ids: HashMap<Vec<String>, u32>,
    runs: Vec<(u32, u64)>,
}

impl ParquetShard {
    /// A shard in `file` whose columns start as `carried` (the previous shard's).
    pub(crate) fn new(
        file: File,
        (id, text): (&str, &str),
        carried: &Fields,
        row_group_bytes: u64,
    ) -> Self {
        Self {
            file: Some(file),
            writer: None,
            id: id.to_string(),
            text: text.to_string(),
            schema: None,
            seen: carried.clone(),
            pending: Vec::new(),
            pending_bytes: 0,
            row_group_bytes,
            layouts: Vec::new(),
            layout_ids: HashMap::new(),
            runs: Vec::new(),
        }
    }

    /// Whether this file can take `rows` as they are: always before its schema is decided,
    /// afterwards when the schema holds every field of the batch.
    pub(crate) fn takes(&self, rows: &ParquetRows) -> bool {
        if self.runs.len() + rows.runs.len() > MAX_LAYOUT_RUNS {
            return false;
        }
        match &self.schema {
            None => true,
            Some(schema) => schema.holds(&rows.fields),
        }
    }

    /// Adds a batch the file [takes](Self::takes), writing a row group when enough is buffered.
    pub(crate) fn push(&mut self, rows: ParquetRows) -> Result<()> {
        if self.schema.is_none() {
            self.seen.merge(&rows.fields);
        }
        for &(layout, n) in &rows.runs {
            let keys = rows
                .layouts
                .get(layout as usize)
                .ok_or_else(|| general("a batch's run names a layout it does not have"))?;
            let id = match self.layout_ids.get(keys) {
                Some(&id) => id,
                None => {
                    let id = self.layouts.len() as u32;
                    self.layouts.push(keys.clone());
                    self.layout_ids.insert(keys.clone(), id);
                    id
                }
            };
            match self.runs.last_mut() {
                Some(last) if last.0 == id => last.1 += n,
                _ => self.runs.push((id, n)),
            }
        }
        self.pending_bytes += rows.bytes;
        self.pending.push(rows);
        if self.pending_bytes >= self.row_group_bytes {
            self.flush_row_group()?;
        }
        Ok(())
    }

    /// Decides the schema if it is not yet, and creates the Parquet writer with it.
    fn writer(&mut self) -> Result<(&mut SerializedFileWriter<File>, &Fields)> {
        if self.schema.is_none() {
            let schema = self.seen.settled();
            if let Some(name) = [&self.id, &self.text]
                .into_iter()
                .find(|n| schema.position(n).is_some())
            {
                return Err(general(&format!(
                    "a metadata field is named \"{name}\", like the id or text column"
                )));
            }
            let file = self
                .file
                .take()
                .ok_or_else(|| general("the shard's file is gone"))?;
            let level = ZstdLevel::try_new(3)?;
            let props = WriterProperties::builder()
                .set_compression(Compression::ZSTD(level))
                .build();
            let parquet_schema = file_schema(&self.id, &self.text, &schema)?;
            self.writer = Some(Box::new(SerializedFileWriter::new(
                file,
                parquet_schema,
                Arc::new(props),
            )?));
            self.schema = Some(schema);
        }
        match (self.writer.as_deref_mut(), &self.schema) {
            (Some(w), Some(s)) => Ok((w, s)),
            _ => Err(general("the Parquet writer is missing")),
        }
    }

    /// Writes the buffered rows as one row group.
    pub(crate) fn flush_row_group(&mut self) -> Result<()> {
        if self.pending.iter().all(ParquetRows::is_empty) {
            return Ok(());
        }
        let batches = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        let (writer, schema) = self.writer()?;
        let rows: Vec<_> = batches.iter().flat_map(|b| &b.rows).collect();
        let mut group = writer.next_row_group()?;
        for strings in [
            rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            rows.iter().map(|r| r.text.as_str()).collect(),
        ] {
            let values: Vec<ByteArray> = strings.into_iter().map(ByteArray::from).collect();
            write_leaf::<ByteArrayType>(&mut group, values, None)?;
        }
        for (name, kind) in &schema.0 {
            let slots = rows.iter().map(|r| r.metadata.get(name).ok_or(0)).collect();
            write_field(&mut group, name, kind, slots, 1)?;
        }
        group.close()?;
        Ok(())
    }

    /// Writes what is buffered and the footer, with the description of the columns, and
    /// returns the file (to sync) and the columns the next shard starts from.
    pub(crate) fn finish(mut self) -> Result<(File, Fields)> {
        self.flush_row_group()?;
        let schema = self.writer()?.1.clone();
        let layouts = self
            .layouts
            .iter()
            .map(|keys| {
                keys.iter()
                    .map(|k| {
                        schema
                            .position(k)
                            .map(|i| i as u32)
                            .ok_or_else(|| general("a row's field has no column"))
                    })
                    .collect::<Result<Vec<u32>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        let description = FileColumns {
            version: FILE_COLUMNS_VERSION,
            fields: schema.clone(),
            layouts,
            runs: std::mem::take(&mut self.runs),
        };
        let text = serde_json::to_string(&description).map_err(|e| general(&e.to_string()))?;
        let mut writer = self
            .writer
            .take()
            .ok_or_else(|| general("the Parquet writer is missing"))?;
        writer.append_key_value_metadata(KeyValue::new(FILE_METADATA_KEY.to_string(), text));
        Ok((writer.into_inner()?, schema))
    }
}

fn general(message: &str) -> ParquetError {
    ParquetError::General(message.to_string())
}

/// The file's schema: the id and text (required strings), then a nullable column per field.
fn file_schema(id: &str, text: &str, fields: &Fields) -> Result<TypePtr> {
    let mut columns = vec![
        string(id, Repetition::REQUIRED)?,
        string(text, Repetition::REQUIRED)?,
    ];
    for (name, kind) in &fields.0 {
        columns.push(column_type(name, kind)?);
    }
    Ok(Arc::new(
        Type::group_type_builder("document")
            .with_fields(columns)
            .build()?,
    ))
}

fn string(name: &str, repetition: Repetition) -> Result<TypePtr> {
    Ok(Arc::new(
        Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
            .with_repetition(repetition)
            .with_logical_type(Some(LogicalType::String))
            .build()?,
    ))
}

fn column_type(name: &str, kind: &Kind) -> Result<TypePtr> {
    let primitive = |physical| {
        Type::primitive_type_builder(name, physical)
            .with_repetition(Repetition::OPTIONAL)
            .build()
            .map(Arc::new)
    };
    match kind {
        Kind::Bool => primitive(Physical::BOOLEAN),
        Kind::Int64 => primitive(Physical::INT64),
        Kind::Float64 => primitive(Physical::DOUBLE),
        // JSON text is a plain string column: every reader takes it, and the file's metadata
        // says which columns hold JSON.
        Kind::Null | Kind::Utf8 | Kind::Json => string(name, Repetition::OPTIONAL),
        Kind::Struct(children) => {
            let children = children
                .iter()
                .map(|(n, k)| column_type(n, k))
                .collect::<Result<Vec<_>>>()?;
            Ok(Arc::new(
                Type::group_type_builder(name)
                    .with_repetition(Repetition::OPTIONAL)
                    .with_fields(children)
                    .build()?,
            ))
        }
    }
}

/// A row's value for a column, or the definition level at which it is null (the number of
/// its enclosing structs that are present).
type Slot<'a> = std::result::Result<&'a Value, i16>;

/// Writes the leaf columns of one field (several for a struct), in schema order. `depth` is
/// the definition level of a present value of this field.
fn write_field(
    group: &mut SerializedRowGroupWriter<'_, File>,
    name: &str,
    kind: &Kind,
    slots: Vec<Slot<'_>>,
    depth: i16,
) -> Result<()> {
    let mut defs = Vec::with_capacity(slots.len());
    let mut present = Vec::with_capacity(slots.len());
    if let Kind::Struct(children) = kind {
        for (child, child_kind) in children {
            let child_slots = slots
                .iter()
                .map(|slot| match slot {
                    Ok(Value::Object(m)) => m.get(child).ok_or(depth),
                    Ok(Value::Null) => Err(depth - 1),
                    Ok(_) => Err(-1),
                    Err(d) => Err(*d),
                })
                .collect::<Vec<_>>();
            if child_slots.contains(&Err(-1)) {
                return Err(mismatch(name));
            }
            write_field(group, child, child_kind, child_slots, depth + 1)?;
        }
        return Ok(());
    }
    for slot in slots {
        match slot {
            Ok(Value::Null) => defs.push(depth - 1),
            Ok(v) => {
                defs.push(depth);
                present.push(v);
            }
            Err(d) => defs.push(d),
        }
    }
    let defs = Some(defs.as_slice());
    match kind {
        Kind::Bool => {
            let values = present.iter().map(|v| v.as_bool()).collect::<Option<_>>();
            write_leaf::<BoolType>(group, values.ok_or_else(|| mismatch(name))?, defs)
        }
        Kind::Int64 => {
            let values = present.iter().map(|v| v.as_i64()).collect::<Option<_>>();
            write_leaf::<Int64Type>(group, values.ok_or_else(|| mismatch(name))?, defs)
        }
        Kind::Float64 => {
            let values = present.iter().map(|v| v.as_f64()).collect::<Option<_>>();
            write_leaf::<DoubleType>(group, values.ok_or_else(|| mismatch(name))?, defs)
        }
        Kind::Null | Kind::Utf8 => {
            let values = present
                .iter()
                .map(|v| v.as_str().map(ByteArray::from))
                .collect::<Option<_>>();
            write_leaf::<ByteArrayType>(group, values.ok_or_else(|| mismatch(name))?, defs)
        }
        Kind::Json => {
            let values = present
                .iter()
                .map(|v| ByteArray::from(v.to_string().into_bytes()))
                .collect();
            write_leaf::<ByteArrayType>(group, values, defs)
        }
        Kind::Struct(_) => Ok(()),
    }
}

/// A value whose type its column cannot hold: the writer checks batches before taking them,
/// so this is a bug, reported rather than written wrong.
fn mismatch(name: &str) -> ParquetError {
    general(&format!(
        "field \"{name}\": a value of another type than its column"
    ))
}

fn write_leaf<T: DataType>(
    group: &mut SerializedRowGroupWriter<'_, File>,
    values: Vec<T::T>,
    defs: Option<&[i16]>,
) -> Result<()> {
    let mut column = group
        .next_column()?
        .ok_or_else(|| general("fewer columns in the schema than fields"))?;
    column.typed::<T>().write_batch(&values, defs, None)?;
    column.close()
}
