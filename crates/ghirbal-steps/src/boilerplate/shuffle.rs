//! The cross-document line counts across machines (see [`ghirbal_core::Shuffle`]): each
//! unit counts its documents' lines in a sketch of its own, one partition adds the units'
//! sketches (a count-min sketch of the whole corpus is the sum of its parts' sketches), and
//! the stage adopts the sum.

use super::sketch::Sketch;
use super::{count_lines, Boilerplate, Options, NAME};
use ghirbal_core::{Document, MapOutput, Mapper, Shuffle, StepError, UnitPart};

fn io(what: &str) -> impl Fn(std::io::Error) -> StepError + '_ {
    move |e| StepError::stage(NAME, format!("{what}: {e}"))
}

impl Shuffle for Boilerplate {
    /// The sketch has a fixed size: one partition sums it.
    fn partitions(&self, _suggested: usize) -> usize {
        1
    }

    fn mapper(&self, _partitions: usize) -> Box<dyn Mapper> {
        Box::new(SketchMapper {
            sketch: self
                .opts
                .cross_document
                .then(|| Sketch::new(self.opts.sketch_mb)),
            opts: self.opts.clone(),
        })
    }

    fn reduce(
        &self,
        _partition: usize,
        parts: &mut dyn Iterator<Item = Result<UnitPart, StepError>>,
    ) -> Result<Vec<u8>, StepError> {
        let Some(sum) = self
            .opts
            .cross_document
            .then(|| Sketch::new(self.opts.sketch_mb))
        else {
            return Ok(Vec::new());
        };
        for part in parts {
            let part = part?;
            if !part.bytes.is_empty() {
                sum.merge(&mut part.bytes.as_slice())
                    .map_err(io("cannot add a unit's line counts"))?;
            }
        }
        let mut out = Vec::new();
        sum.save(&mut out).map_err(io("cannot write line counts"))?;
        Ok(out)
    }

    fn combine(
        &mut self,
        findings: &mut dyn Iterator<Item = Result<Vec<u8>, StepError>>,
        _sides: &mut dyn Iterator<Item = Result<UnitPart, StepError>>,
    ) -> Result<(), StepError> {
        let Some(sketch) = &self.sketch else {
            return Ok(());
        };
        for found in findings {
            let bytes = found?;
            if !bytes.is_empty() {
                sketch
                    .merge(&mut bytes.as_slice())
                    .map_err(io("cannot add line counts"))?;
            }
        }
        Ok(())
    }
}

struct SketchMapper {
    sketch: Option<Sketch>,
    opts: Options,
}

impl Mapper for SketchMapper {
    fn observe(&self, doc: &Document, _seq: u64) -> Result<(), StepError> {
        if let Some(sketch) = &self.sketch {
            count_lines(sketch, &self.opts, doc);
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<MapOutput, StepError> {
        let mut part = Vec::new();
        if let Some(sketch) = &self.sketch {
            sketch
                .save(&mut part)
                .map_err(io("cannot write line counts"))?;
        }
        Ok(MapOutput {
            parts: vec![part],
            side: Vec::new(),
        })
    }
}
