//! Where the time and memory of a check go, stage by stage.
//!
//! ```text
//! cargo run --release --example stages -- DIR [TODAY]
//! ```
//!
//! Prints, for the loader, the rules and the drop of a check: the wall
//! time, the resident memory after it and its peak (Linux: `VmRSS` and
//! `VmHWM` of `/proc/self/status`, the peak reset after each stage); then,
//! on one thread, the posts files parsed, parsed and read into the raw
//! layer, and also resolved, to tell what each layer costs; then an
//! estimate of the model's heap by part. It judges a change by stage,
//! where `scripts/bench.sh` gives the whole-process numbers of the targets.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use edcal::model::{Calendar, Located, Media, Post, Variant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let root = args
        .next()
        .map(PathBuf::from)
        .context("usage: stages DIR [TODAY]")?;
    let today: chrono::NaiveDate = args.next().as_deref().unwrap_or("2026-06-15").parse()?;

    let started = Instant::now();
    let loaded = edcal::load::load(&root)?;
    let text: usize = loaded.sources.iter().map(|(_, s)| s.text.len()).sum();
    report("load", started);
    println!("{:12}{:.1} MiB of text", "", mib(text));
    let started = Instant::now();
    let exists = |path: &str| root.join(path).is_file();
    let checked = edcal::check::check(loaded, |_| today, &exists);
    report("rules", started);
    println!("{:12}{} findings", "", checked.diagnostics.len());
    let started = Instant::now();
    drop(checked);
    report("drop", started);

    println!("\none thread, posts files only:");
    layers(&root)?;

    println!("\nthe model's heap, estimated:");
    let calendar = edcal::load::load(&root)?.calendar;
    for (part, bytes) in model_bytes(&calendar) {
        println!("  {part:<16} {:>6.1} MiB", mib(bytes));
    }
    Ok(())
}

/// `VmRSS` and `VmHWM` in MiB.
fn rss() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<f64>()
                    .ok()
            })
            .map_or(f64::NAN, |kib| kib / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn report(stage: &str, started: Instant) {
    let (now, peak) = rss();
    println!(
        "{stage:<10} {:>6.0} ms   rss {now:>6.1} MiB   peak {peak:>6.1} MiB",
        started.elapsed().as_secs_f64() * 1000.0,
    );
    // Resets the peak to the current size (Linux 4.0 and later).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn sink(diagnostics: &mut Vec<edcal::diagnostic::Diagnostic>) -> edcal::raw::Sink<'_> {
    edcal::raw::Sink {
        source: edcal::source::Sources::id_of(0),
        diagnostics,
    }
}

/// Parse only; parse and raw layer; parse, raw layer and resolve: each
/// over every posts file, on one thread.
fn layers(root: &Path) -> Result<()> {
    let loaded = edcal::load::load(root)?;
    let calendar = loaded.calendar;
    let texts: Vec<String> = loaded
        .sources
        .iter()
        .filter(|(_, s)| s.path.starts_with("posts/"))
        .map(|(_, s)| s.text.clone())
        .collect();
    let started = Instant::now();
    for text in &texts {
        std::hint::black_box(toml::de::DeTable::parse(text)?);
    }
    report("parse", started);
    let started = Instant::now();
    for text in &texts {
        let doc = toml::de::DeTable::parse(text)?;
        let mut diagnostics = Vec::new();
        let posts = edcal::raw::posts(doc.get_ref(), &mut sink(&mut diagnostics));
        std::hint::black_box(posts);
    }
    report("+raw", started);
    let started = Instant::now();
    let mut files = Vec::new();
    for text in &texts {
        let doc = toml::de::DeTable::parse(text)?;
        let mut diagnostics = Vec::new();
        let mut posts = edcal::resolve::FilePosts::default();
        let mut resolving = Vec::new();
        edcal::raw::each_post(doc.get_ref(), &mut sink(&mut diagnostics), |post| {
            posts.add(post, &calendar, &mut resolving);
        });
        files.push(posts);
    }
    report("+resolve", started);
    Ok(())
}

/// The bytes the model's posts ask of the allocator, by part: struct sizes
/// and string and vector capacities (a B-tree node of variants counted as
/// its leaf size). Allocator rounding is left out.
fn model_bytes(calendar: &Calendar) -> Vec<(&'static str, usize)> {
    fn s(x: &String) -> usize {
        x.capacity()
    }
    fn strings(v: &Vec<String>) -> usize {
        v.capacity() * size_of::<String>() + v.iter().map(s).sum::<usize>()
    }
    fn media(m: &Media) -> usize {
        size_of::<Media>()
            + s(&m.file.value)
            + m.alt.as_ref().map_or(0, s)
            + m.consent.as_ref().map_or(0, |c| s(&c.value))
    }
    /// A B-tree leaf: eleven keys and values, a parent link, two lengths.
    const LEAF: usize = 11 * (size_of::<String>() + size_of::<Box<Variant>>()) + 16;
    let mut parts = [
        ("post structs", 0),
        ("id, title", 0),
        ("channels", 0),
        ("themes", 0),
        ("hashtags", 0),
        ("text, link", 0),
        ("people", 0),
        ("media", 0),
        ("variants", 0),
    ];
    for p in &calendar.posts {
        let channels = p.channels.capacity() * size_of::<Located<String>>()
            + p.channels.iter().map(|c| s(&c.value)).sum::<usize>();
        let people = p.owner.as_ref().map_or(0, s)
            + [&p.approval, &p.medical_review]
                .into_iter()
                .flatten()
                .map(|a| s(&a.by) + a.digest.as_ref().map_or(0, s))
                .sum::<usize>();
        let variants = usize::from(!p.variants.is_empty()) * LEAF
            + p.variants
                .iter()
                .map(|(channel, v)| {
                    s(channel)
                        + size_of::<Variant>()
                        + v.text.as_ref().map_or(0, |t| s(&t.value))
                        + v.link.as_ref().map_or(0, s)
                        + v.hashtags.as_ref().map_or(0, strings)
                        + v.media.iter().flatten().map(media).sum::<usize>()
                })
                .sum::<usize>();
        let sizes = [
            size_of::<Post>(),
            s(&p.id.value) + s(&p.title),
            channels,
            strings(&p.themes),
            strings(&p.hashtags),
            p.text.as_ref().map_or(0, |t| s(&t.value)) + p.link.as_ref().map_or(0, s),
            people,
            p.media.iter().map(media).sum(),
            variants,
        ];
        for (part, size) in parts.iter_mut().zip(sizes) {
            part.1 += size;
        }
    }
    let total = parts.iter().map(|(_, b)| b).sum();
    let mut parts = parts.to_vec();
    parts.push(("total", total));
    parts
}
