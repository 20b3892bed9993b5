//! `cargo bench`: analysis alone (the corpus stage), extraction alone, rules alone, the JSON report
//! alone and the whole `check`, on a 10 MB corpus made by
//! `gen_corpus` (tools/gen_corpus, seed 1) in the target folder at the first run (never committed).
//!
//! ```text
//! cargo bench --bench pipeline                 # all five
//! cargo bench --bench pipeline -- extract      # one
//! FACTLINT_BENCH_MB=100 cargo bench --bench pipeline
//! ```
//!
//! Throughput is reported in bytes of article text (MB/s); documents per second are printed at
//! the start. Analysis, extraction and rules run on one thread (per-core figures); `check` with
//! `--threads 1`. Scaling to 100 MB and 1 GB, thread counts and peak RSS: `bench/scale.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use factlint::internals::app::{self, RunOptions, Setup};
use factlint::internals::corpus::{self, Input, RawDoc};
use factlint::internals::extract;

// the allocator the binary uses (src/main.rs)
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn corpus_dir() -> PathBuf {
    let mb: f64 =
        std::env::var("FACTLINT_BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(10.0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-gen-{mb}mb"));
    if !dir.join("stats.json").exists() {
        // the generator is a workspace member of its own (tools/gen_corpus), built here once
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let ok = Command::new(cargo)
            .args(["run", "--release", "--quiet", "-p", "gen_corpus", "--"])
            .args(["--mb", &mb.to_string(), "--seed", "1", "--out"])
            .arg(&dir)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "gen_corpus failed");
    }
    dir
}

fn read_all(root: &Path) -> Vec<RawDoc> {
    let (inputs, _) = corpus::load::discover(&[root.join("corpus")]);
    inputs
        .into_iter()
        .filter_map(|i| match i {
            Input::Text { path, meta } => {
                corpus::load::read_text(&path, meta).ok().map(|(raw, _)| raw)
            }
            Input::Jsonl { .. } => None,
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let dir = corpus_dir();
    let setup = Setup::load(Some(&dir.join("rules"))).expect("rules load");
    let raws = read_all(&dir);
    let bytes: u64 = raws.iter().map(|r| r.text.len() as u64).sum();
    let opts =
        RunOptions { paths: vec![dir.join("corpus")], threads: Some(1), ..Default::default() };
    // one check gives the rules their claims and the report benchmark its report
    let report = app::check(&setup, &opts);
    eprintln!(
        "corpus {}: {} documents, {:.1} MB, {} claims",
        dir.display(),
        raws.len(),
        bytes as f64 / 1e6,
        report.claims.len()
    );

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Bytes(bytes));

    // the corpus stage (furniture, tokens, language, dateline, sentences, repeats), documents
    // already in memory, one thread
    g.bench_function("analyze", |b| {
        b.iter_batched(
            || raws.clone(),
            |raws| {
                raws.into_iter()
                    .map(|raw| {
                        corpus::analyze(raw, &setup.knowledge, &setup.stripper, &opts.corpus)
                            .tokens
                            .len()
                    })
                    .sum::<usize>()
            },
            BatchSize::PerIteration,
        )
    });

    // the extract stage: claims from documents already analysed, one thread
    let docs: Vec<_> = raws
        .iter()
        .cloned()
        .map(|raw| corpus::analyze(raw, &setup.knowledge, &setup.stripper, &opts.corpus))
        .collect();
    g.bench_function("extract", |b| {
        b.iter(|| {
            docs.iter()
                .map(|doc| {
                    extract::extract(doc, factlint::internals::claims::DocId(0), &setup.knowledge)
                        .len()
                })
                .sum::<usize>()
        })
    });
    drop(docs);

    // the rule engine on claims already extracted (its rules run side by side: one worker here)
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a one-thread pool");
    g.bench_function("rules", |b| {
        b.iter(|| {
            one.install(|| {
                factlint::internals::rules::run(&setup.rules, &report.documents, &report.claims)
                    .0
                    .len()
            })
        })
    });

    // the JSON report of a whole check, written to nothing (its lists serialise in parallel:
    // one worker here)
    g.bench_function("report", |b| {
        b.iter(|| {
            one.install(|| {
                factlint::internals::report::json::write(&report, std::io::sink()).is_ok()
            })
        })
    });

    // the whole check: read, analyse, extract, rules, JSON
    g.bench_function("check", |b| {
        b.iter(|| {
            let r = app::check(&setup, &opts);
            // (streamed, as the CLI writes it)
            factlint::internals::report::json::write(&r, std::io::sink()).is_ok()
        })
    });
    g.finish();
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
