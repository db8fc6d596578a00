//! ghirbal's steps and whole-corpus stages, one module each, and the registry that maps the step
//! type names used in configuration (`type = "length"`) to them.
//!
//! Type names, option names and reason codes are part of ghirbal's interface: they appear in
//! users' configuration files and in removed documents, so they never change meaning.

pub mod boilerplate;
mod check;
mod dedup;
mod extract;
mod length;
mod lid;
mod normalize;
mod options;
mod pii;
mod quality;
mod registry;

pub use registry::{build, catalog, preset, Registry, PRESETS};
