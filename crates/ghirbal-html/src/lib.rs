//! HTML pages as crawled, turned into text. So far: [`charset`], which decodes a page's bytes
//! with the character set it declares or, failing that, the one its bytes show.

pub mod charset;

pub use charset::{decode, CharsetSource, Decoded};
