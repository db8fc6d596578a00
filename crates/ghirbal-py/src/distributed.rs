//! The tasks of a distributed run (`ghirbal.ray`), for the Python runner to schedule: a job
//! claimed by the driver, and the unit, reduce and combine tasks that workers call with the
//! output folder. Results cross as JSON text; the GIL is released while Rust works.

use crate::{choose, Error, FAILED};
use ghirbal_pipeline::distributed::{self, Job, JobOptions, RemoteInput};
use ghirbal_steps::Registry;
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Mutex;

fn json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error {
        message: format!("cannot encode: {e}"),
        code: FAILED,
    })
}

/// A distributed job, as the driver holds it: the output folder stays locked until
/// [`DistributedJob::finish`].
#[pyclass(module = "ghirbal._ghirbal")]
pub(crate) struct DistributedJob {
    job: Mutex<Option<Job>>,
    plan: String,
}

#[pymethods]
impl DistributedJob {
    #[new]
    #[pyo3(signature = (inputs, output, preset=None, config=None, overwrite=false, unit_bytes=67108864, partitions=16, command_line=String::new(), remote_inputs=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        inputs: Vec<PathBuf>,
        output: PathBuf,
        preset: Option<&str>,
        config: Option<&str>,
        overwrite: bool,
        unit_bytes: u64,
        partitions: usize,
        command_line: String,
        remote_inputs: Option<Vec<(String, u64)>>,
    ) -> PyResult<Self> {
        let config = config.map(str::to_owned);
        let preset = preset.map(str::to_owned);
        py.allow_threads(move || -> Result<Self, Error> {
            if inputs.is_empty() {
                return Err(Error::usage("no input given"));
            }
            let mut cfg = choose(config.as_deref(), preset.as_deref())?;
            cfg.read_html_for(&inputs, Some(&output), config.is_none());
            let cfg = cfg.revalidated("ghirbal.ray.run", &Registry)?;
            let mut opts = JobOptions::new(inputs, output, cfg);
            opts.overwrite = overwrite;
            opts.unit_bytes = unit_bytes.max(1);
            opts.partitions = partitions.max(1);
            opts.command_line = command_line;
            opts.remote_inputs = remote_inputs
                .unwrap_or_default()
                .into_iter()
                .map(|(url, size)| RemoteInput { url, size })
                .collect();
            let job = Job::start(&opts, &Registry)?;
            let plan = json(job.plan())?;
            Ok(Self {
                job: Mutex::new(Some(job)),
                plan,
            })
        })
        .map_err(|e| e.into_py(py))
    }

    /// The plan as JSON: units, passes (with each stage's partitions), inputs.
    fn plan_json(&self) -> String {
        self.plan.clone()
    }

    /// Puts the outputs in place and writes `stats.json`; returns it as text, and the shard
    /// moves left to the caller (as JSON: a list of {from, to}) when `move_shards` is false.
    #[pyo3(signature = (workers, move_shards=true))]
    fn finish(
        &self,
        py: Python<'_>,
        workers: usize,
        move_shards: bool,
    ) -> PyResult<(String, String)> {
        let job = self
            .job
            .lock()
            .ok()
            .and_then(|mut j| j.take())
            .ok_or_else(|| Error::usage("this job has finished").into_py(py))?;
        py.allow_threads(move || -> Result<(String, String), Error> {
            let (report, moves) = job.finish_with(workers, move_shards)?;
            Ok((json(&report.stats)?, json(&moves)?))
        })
        .map_err(|e| e.into_py(py))
    }
}

/// Pass `pass_` over unit `unit`; returns the committed result as JSON.
#[pyfunction]
#[pyo3(signature = (output, pass_, unit, offset, threads=1, local_files=None))]
pub(crate) fn dist_unit(
    py: Python<'_>,
    output: PathBuf,
    pass_: usize,
    unit: usize,
    offset: u64,
    threads: usize,
    local_files: Option<Vec<PathBuf>>,
) -> PyResult<String> {
    py.allow_threads(move || -> Result<String, Error> {
        let done = distributed::unit_task(
            &output,
            pass_,
            unit,
            offset,
            threads,
            local_files.as_deref(),
            &Registry,
        )?;
        json(&done)
    })
    .map_err(|e| e.into_py(py))
}

/// Reduces one partition of the stage that ends pass `pass_`.
#[pyfunction]
pub(crate) fn dist_reduce(
    py: Python<'_>,
    output: PathBuf,
    pass_: usize,
    partition: usize,
    offsets: Vec<u64>,
) -> PyResult<()> {
    py.allow_threads(move || -> Result<(), Error> {
        Ok(distributed::reduce_task(
            &output, pass_, partition, &offsets, &Registry,
        )?)
    })
    .map_err(|e| e.into_py(py))
}

/// Gives the stage that ends pass `pass_` its decisions.
#[pyfunction]
pub(crate) fn dist_combine(
    py: Python<'_>,
    output: PathBuf,
    pass_: usize,
    offsets: Vec<u64>,
) -> PyResult<()> {
    py.allow_threads(move || -> Result<(), Error> {
        Ok(distributed::combine_task(
            &output, pass_, &offsets, &Registry,
        )?)
    })
    .map_err(|e| e.into_py(py))
}
