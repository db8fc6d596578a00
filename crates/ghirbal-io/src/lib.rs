//! Reading records into [`ghirbal_core::Document`]s and writing the kept, removed and rejected
//! outputs.
//!
//! Reading is split in two so that the expensive part runs in parallel: [`reader`] streams raw
//! records (a JSONL line, a text file, a Parquet row) from the inputs in a deterministic order on
//! one thread, and [`parse`] turns each raw record into a document (or a [`Rejection`]) on the
//! worker threads. Writing is split the same way: workers encode and compress whole batches
//! ([`encode`]), and one thread appends them to size-bounded shards ([`shards`]).

pub mod columns;
pub mod encode;
mod error;
pub mod input;
pub mod ledger;
mod lines;
mod parquet_shard;
pub mod parse;
mod raw;
pub mod reader;
pub mod shards;
mod warc;

pub use encode::OutputFormat;
pub use error::IoError;
pub use input::{discover, InputFile, InputKind, Inputs};
pub use ledger::Ledger;
pub use parse::{FieldOptions, Rejection};
pub use raw::{RawItem, RawRecord};
pub use reader::{decompressed, RecordReader};
pub use shards::{ShardState, ShardWriter};
