//! Arabic text handling shared by the steps: the script tables ([`script`]), the
//! text-preserving normalization written to output ([`normalize`]), the aggressive matching
//! normalization used only for comparisons ([`fold`]), and mojibake repair ([`mojibake`]).
//!
//! Which steps use which:
//! - `normalize` (the step) writes [`normalize::normalize`]'s result as the document text.
//! - `boilerplate` compares lines, looks up phrases and counts lines across documents on
//!   [`fold::fold`] keys; the text it writes is the normalized text minus removed lines.
//! - `exact-dedup` and the later MinHash stage hash [`fold::fold`] keys, so copies that differ
//!   in letter variants, diacritics, tatweel or digits are the same text to them.

pub mod fold;
pub mod mojibake;
pub mod normalize;
pub mod script;
pub mod words;
