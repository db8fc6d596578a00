//! Arabic dialect annotation (placeholder).

/// A dialect group of Arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Msa,
    Egyptian,
    Gulf,
    Levantine,
    Maghrebi,
}

/// A dialect group with a score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DialectGuess {
    pub dialect: Dialect,
    pub score: f32,
}

impl Dialect {
    pub fn code(self) -> &'static str {
        match self {
            Dialect::Msa => "msa",
            Dialect::Egyptian => "egy",
            Dialect::Gulf => "glf",
            Dialect::Levantine => "lev",
            Dialect::Maghrebi => "mgr",
        }
    }
}

/// The dialect group of an Arabic text.
pub fn dialect(_text: &str) -> Option<DialectGuess> {
    None
}
