//! Writes a synthetic, valid calendar for benchmarks.
//!
//! ```text
//! cargo run --release --example generate -- --posts N --out DIR [--unplaced M] [--seed S]
//! ```
//!
//! - `--posts N`: N posts with a fixed time (`at`) spread over ten years
//!   (2021-01-01 to 2030-12-31, public holidays left out), in monthly files
//!   `posts/YYYY-MM.toml`, on 7 channels (facebook, instagram, x, linkedin,
//!   tiktok, youtube, scoopit), with variants, links, hashtags, media (URLs,
//!   and a few shared local files), approvals, medical themes with reviews,
//!   two campaigns a year and a few consents. At N = 100,000 the files are
//!   about 45 MB. Every post gets its own time of its day, so the channels'
//!   caps (`max_per_day`, `min_gap_hours`, `posts_per_week.max`) hold.
//! - `--unplaced M`: M (post, channel) pairs without a time, for `edcal
//!   schedule`, in `posts/unplaced/*.toml`: drafts and approved posts with a
//!   `between` window of two weeks, starting from 2026-01-02, at a steady
//!   density of about 120 pairs a week (so 20,000 pairs span twice the weeks
//!   of 10,000), on channels with slots every day. Schedule with
//!   `--today 2026-01-01`.
//! - `--seed S` (default 1): the same seed writes the same bytes.
//! - `--published-until DATE` (default 2026-01-01): posts dated before it
//!   are `published` (an archive: the publishing rules skip them). With
//!   `2021-01-01` no post is, and every text is measured and searched: the
//!   slowest calendar of a given size for `check`.
//! - `--results R`: R snapshots of figures in `results/<channel>.csv`, one
//!   per published (post, channel) pair in the posts' order (a second
//!   snapshot of each, collected a month later, and so on, when R is more
//!   than the pairs), for `edcal report`. The posts are the same bytes as
//!   without it.
//! - `--export FILE` (with `--export-rows E`, default 100,000): an analytics
//!   export in edcal's own layout (`results import --from generic`), one row
//!   per published pair in the posts' order, at most one per pair (a pair
//!   named twice would be ambiguous), with its link and figures; importing
//!   it matches every row.
//!
//! Check it with `edcal check --calendar DIR --today 2026-06-15`: no error
//! (a handful of warnings, e.g. `approval-due` around "today").

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{Datelike, Days, NaiveDate};

/// Posts dated before this day are `published` (unless `--published-until`
/// says otherwise); later ones are mostly `scheduled` or `approved`, some
/// still `draft` or `review`.
const PIVOT: (i32, u32, u32) = (2026, 1, 1);

const CHANNELS: [&str; 7] = [
    "facebook",
    "instagram",
    "x",
    "linkedin",
    "tiktok",
    "youtube",
    "scoopit",
];

const THEMES: [(&str, &str, bool); 8] = [
    ("prevention", "Prévention & dépistage", false),
    ("info-patients", "Infos pratiques patients", false),
    ("vie-clinique", "Vie de la clinique & recrutement", false),
    ("telemedecine", "Télémédecine & e-santé", false),
    ("rse", "Santé & développement durable", false),
    ("urologie", "Urologie", true),
    ("gastro-enterologie", "Gastro-entérologie", true),
    ("nephrologie", "Néphrologie", true),
];

/// Short, plain sentences: patient-facing texts must score as easy to read.
const SENTENCES: [&str; 24] = [
    "Venez nous voir à la clinique.",
    "Nos équipes sont là pour vous.",
    "Prenez soin de vous chaque jour.",
    "Le rendez-vous se prend en ligne.",
    "Un doute ? Parlez-en à votre médecin.",
    "Bougez un peu tous les jours.",
    "Buvez de l'eau, même sans soif.",
    "La visite dure une heure.",
    "Nos soignants vous guident pas à pas.",
    "Le parking est gratuit pour les patients.",
    "Pensez à votre carte Vitale.",
    "Le bilan se fait le matin.",
    "Votre santé compte pour nous.",
    "Le dépistage sauve des vies.",
    "Une équipe vous répond au téléphone.",
    "Dormir assez aide le corps.",
    "Mangez des fruits et des légumes.",
    "Le service ouvre à huit heures.",
    "Venez avec un proche si vous le voulez.",
    "Nous avons une nouvelle salle de soins.",
    "Le médecin vous donne un plan clair.",
    "Les aidants sont aussi les bienvenus.",
    "Un atelier a lieu ce mois-ci.",
    "Merci à toute notre équipe.",
];

const TITLES: [&str; 12] = [
    "Journée portes ouvertes",
    "Conseil santé de la semaine",
    "Nouveau service de consultation",
    "Atelier prévention",
    "Portrait d'une soignante",
    "Infos pratiques : votre venue",
    "Dépistage : les bons réflexes",
    "Vie de la clinique",
    "Téléconsultation : mode d'emploi",
    "Alimentation et santé",
    "Recrutement : rejoignez-nous",
    "Semaine de la santé",
];

const HASHTAGS: [&str; 10] = [
    "Santé",
    "Prévention",
    "Toulouse",
    "Clinique",
    "Soins",
    "Dépistage",
    "Patients",
    "Bienêtre",
    "Recrutement",
    "eSanté",
];

/// Local media files, shared by many posts (writing 100,000 files would
/// measure the file system, not edcal).
const LOCAL_MEDIA: [&str; 4] = [
    "media/shared/accueil.jpg",
    "media/shared/equipe.jpg",
    "media/shared/bloc.png",
    "media/shared/atelier.jpg",
];

struct Args {
    posts: usize,
    unplaced: usize,
    out: PathBuf,
    seed: u64,
    published_until: NaiveDate,
    results: usize,
    export: Option<PathBuf>,
    export_rows: usize,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        posts: 0,
        unplaced: 0,
        out: PathBuf::new(),
        seed: 1,
        published_until: pivot(),
        results: 0,
        export: None,
        export_rows: 100_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--posts" => args.posts = value()?.parse()?,
            "--unplaced" => args.unplaced = value()?.parse()?,
            "--out" => args.out = PathBuf::from(value()?),
            "--seed" => args.seed = value()?.parse()?,
            "--published-until" => args.published_until = value()?.parse()?,
            "--results" => args.results = value()?.parse()?,
            "--export" => args.export = Some(PathBuf::from(value()?)),
            "--export-rows" => args.export_rows = value()?.parse()?,
            other => bail!(
                "unknown argument `{other}`\nusage: generate --posts N --out DIR [--unplaced M] [--seed S] [--published-until DATE] [--results R] [--export FILE [--export-rows E]]"
            ),
        }
    }
    if args.out.as_os_str().is_empty() {
        bail!("--out DIR is required");
    }
    Ok(args)
}

/// SplitMix64: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

fn main() -> Result<()> {
    generate(&parse_args()?)
}

fn pivot() -> NaiveDate {
    NaiveDate::from_ymd_opt(PIVOT.0, PIVOT.1, PIVOT.2).expect("a date")
}

/// Writes the calendar into `out` (the benches call it too).
pub fn write_calendar(out: &Path, posts: usize, unplaced_pairs: usize, seed: u64) -> Result<()> {
    generate(&Args {
        posts,
        unplaced: unplaced_pairs,
        out: out.to_path_buf(),
        seed,
        published_until: pivot(),
        results: 0,
        export: None,
        export_rows: 0,
    })
}

fn generate(args: &Args) -> Result<()> {
    let mut rng = Rng(args.seed);
    fs::create_dir_all(args.out.join("posts"))?;
    fs::create_dir_all(args.out.join("campaigns"))?;
    fs::create_dir_all(args.out.join("media/shared"))?;
    for (i, path) in LOCAL_MEDIA.iter().enumerate() {
        fs::write(args.out.join(path), format!("not really an image {i}\n"))?;
    }
    let days = open_days();
    let per_day = args.posts.div_ceil(days.len()).max(1);
    // Posts of a day go out from 07:00, `step` minutes apart, all before 21:00.
    let step = (14 * 60 / per_day).clamp(1, 60);
    write(&args.out, "edcal.toml", &settings())?;
    write(&args.out, "channels.toml", &channels(per_day, step))?;
    write(&args.out, "consents.toml", &consents())?;
    for year in 2021..=2030 {
        for (id, name, month, tag) in campaigns() {
            let id = format!("{id}-{year}");
            write(
                &args.out,
                &format!("campaigns/{id}.toml"),
                &campaign(&id, name, year, month, tag),
            )?;
        }
    }
    let mut files: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut published: Vec<Published> = Vec::new();
    for n in 0..args.posts {
        let day = days[n * days.len() / args.posts.max(1)];
        // The rank of the post in its day.
        let first_of_day = (0..=n)
            .rev()
            .take_while(|&m| days[m * days.len() / args.posts] == day)
            .count()
            - 1;
        let minute = 7 * 60 + first_of_day * step;
        let file = files
            .entry(format!("posts/{:04}-{:02}.toml", day.year(), day.month()))
            .or_insert_with(|| {
                format!(
                    "# Posts of {:04}-{:02} (generated).\n",
                    day.year(),
                    day.month()
                )
            });
        post(
            file,
            &mut rng,
            n,
            day,
            minute,
            step,
            args.published_until,
            &mut published,
        );
    }
    for (path, text) in &files {
        write(&args.out, path, text)?;
    }
    if args.unplaced > 0 {
        fs::create_dir_all(args.out.join("posts/unplaced"))?;
        for (path, text) in unplaced(&mut rng, args.unplaced) {
            write(&args.out, &path, &text)?;
        }
    }
    if args.results > 0 {
        write_results(&args.out, &published, args.results, args.seed)?;
    }
    if let Some(path) = &args.export {
        write_export(path, &published, args.export_rows, args.seed)?;
    }
    Ok(())
}

/// A published (post, channel) pair: the post's number, the channel, and
/// its local time.
struct Published {
    n: usize,
    channel: &'static str,
    at: chrono::NaiveDateTime,
}

impl Published {
    fn post(&self) -> String {
        format!("p{:06}", self.n)
    }

    /// RFC 3339 in the calendar's zone, as `results/` stores it.
    fn published_at(&self) -> String {
        use chrono::TimeZone as _;
        use chrono::offset::LocalResult;
        match chrono_tz::Europe::Paris.from_local_datetime(&self.at) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                t.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
            }
            LocalResult::None => self.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }

    fn url(&self) -> String {
        format!(
            "https://www.{}.example/clinique-synthetique/{}",
            self.channel,
            self.post()
        )
    }

    /// Plausible lifetime figures, from `rng` (never the calendar's RNG:
    /// the posts stay the same bytes).
    fn metrics(&self, rng: &mut Rng) -> edcal::results::Metrics {
        use edcal::results::Metric;
        let mut m = edcal::results::Metrics::default();
        let impressions = 200 + rng.below(6000) as u64;
        m.set(Metric::Impressions, Some(impressions));
        if matches!(self.channel, "facebook" | "instagram") {
            m.set(
                Metric::Reach,
                Some(impressions * (55 + rng.below(35) as u64) / 100),
            );
        }
        m.set(Metric::Likes, Some(rng.below(300) as u64));
        m.set(Metric::Comments, Some(rng.below(40) as u64));
        m.set(Metric::Shares, Some(rng.below(30) as u64));
        if self.channel == "instagram" {
            m.set(Metric::Saves, Some(rng.below(50) as u64));
        }
        if matches!(self.channel, "tiktok" | "youtube") {
            m.set(Metric::VideoViews, Some(impressions * 2));
        }
        if !matches!(self.channel, "tiktok" | "youtube") {
            m.set(Metric::Clicks, Some(rng.below(120) as u64));
        }
        m
    }
}

/// `results/<channel>.csv` holding `rows` snapshots of the published pairs.
fn write_results(out: &Path, published: &[Published], rows: usize, seed: u64) -> Result<()> {
    use edcal::results::store::{Snapshot, render};
    if published.is_empty() {
        bail!("--results: the calendar has no published pair");
    }
    let mut rng = Rng(seed ^ 0x0005_EED0_FF16);
    let mut by_channel: std::collections::BTreeMap<&str, Vec<Snapshot>> =
        std::collections::BTreeMap::new();
    for i in 0..rows {
        let pair = &published[i % published.len()];
        let month = 30 * (1 + (i / published.len()) as u64);
        by_channel.entry(pair.channel).or_default().push(Snapshot {
            post: pair.post(),
            channel: pair.channel.to_owned(),
            published_at: pair.published_at(),
            url: pair.url(),
            metrics: pair.metrics(&mut rng),
            collected_on: pair.at.date() + Days::new(month),
            source: "generated".to_owned(),
        });
    }
    fs::create_dir_all(out.join("results"))?;
    for (channel, snapshots) in by_channel {
        write(out, &format!("results/{channel}.csv"), &render(&snapshots))?;
    }
    Ok(())
}

/// An export in edcal's own layout: one row per published pair, `rows` at
/// most.
fn write_export(path: &Path, published: &[Published], rows: usize, seed: u64) -> Result<()> {
    let mut rng = Rng(seed ^ 0x00E4_0127);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // The results files' own columns, up to the figures a network gives.
    writer.write_record(&edcal::results::store::HEADER[..12])?;
    for pair in published.iter().take(rows) {
        use edcal::results::Metric;
        let m = pair.metrics(&mut rng);
        let figure = |metric: Metric| m.get(metric).map(|n| n.to_string()).unwrap_or_default();
        writer.write_record([
            pair.post(),
            pair.channel.to_owned(),
            pair.published_at(),
            pair.url(),
            figure(Metric::Impressions),
            figure(Metric::Reach),
            figure(Metric::Likes),
            figure(Metric::Comments),
            figure(Metric::Shares),
            figure(Metric::Saves),
            figure(Metric::Clicks),
            figure(Metric::VideoViews),
        ])?;
    }
    if rows > published.len() {
        eprintln!(
            "--export-rows {rows}: the calendar has {} published pairs, one row each",
            published.len()
        );
    }
    fs::write(path, writer.into_inner()?)
        .with_context(|| format!("failed to write {}", path.display()))
}

fn write(root: &Path, path: &str, text: &str) -> Result<()> {
    fs::write(root.join(path), text).with_context(|| format!("failed to write {path}"))
}

/// Every day of the ten years but French public holidays.
fn open_days() -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2021, 1, 1).expect("a date");
    let last = NaiveDate::from_ymd_opt(2030, 12, 31).expect("a date");
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| edcal::days::holiday_on(*d).is_none())
        .collect()
}

fn settings() -> String {
    let mut s = String::from(
        "# Generated calendar for benchmarks (examples/generate.rs).\n\n\
         [calendar]\n\
         name = \"Clinique Synthétique — archive\"\n\
         timezone = \"Europe/Paris\"\n\
         language = \"fr\"\n\
         holidays = \"FR\"\n\
         awareness = true\n\n\
         [team.lead]\nname = \"Camille Roux\"\nrole = \"lead\"\n\n\
         [team.editor]\nname = \"Inès Ferrand\"\nrole = \"editor\"\n\n\
         [team.dr-uro]\nname = \"Dr Pierre Marty\"\nrole = \"physician\"\n\n\
         [team.dr-gastro]\nname = \"Dr Nadia Benhamou\"\nrole = \"physician\"\n\n",
    );
    for (id, label, review) in THEMES {
        let _ = write!(
            s,
            "[themes.{id}]\nlabel = \"{label}\"\nmedical_review = {review}\n\n"
        );
    }
    s.push_str("[rules]\napprove_days_before = 2\nallow = []\n");
    s
}

fn channels(per_day: usize, step: usize) -> String {
    let mut s =
        String::from("# Generated channels: caps generous enough for the generated posts.\n");
    let audience = |c: &str| match c {
        "facebook" => "patients",
        "linkedin" | "scoopit" => "professionals",
        "x" => "press",
        "instagram" | "tiktok" => "young",
        _ => "general",
    };
    let slots: Vec<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .flat_map(|d| {
            [
                "08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00",
            ]
            .iter()
            .map(move |t| format!("\"{d} {t}\""))
        })
        .collect();
    for c in CHANNELS {
        let _ = write!(
            s,
            "\n[{c}]\nnetwork = \"{c}\"\naccount = \"clinique-synthetique\"\naudience_kind = \"{}\"\n\
             posts_per_week = {{ min = 0, max = {} }}\nmax_per_day = {}\nmin_gap_hours = {:.6}\n\
             slots = [{}]\n",
            audience(c),
            (per_day * 7 + 7).max(42),
            (per_day + 1).max(6),
            // Variants go out half a step after their post.
            (step / 2).max(1) as f64 / 60.0,
            slots.join(", ")
        );
    }
    s
}

fn consents() -> String {
    let mut s = String::from("# Generated consents.\n");
    for i in 0..5 {
        let _ = write!(
            s,
            "\n[consent-{i}]\nwho = \"Patiente {i}\"\nrecord = \"registre 2021 n°{i}\"\n\
             networks = [\"facebook\", \"instagram\", \"x\", \"linkedin\", \"tiktok\", \"youtube\", \"scoopit\"]\n"
        );
    }
    s
}

/// (id, name, month, hashtag) of the campaigns each year.
fn campaigns() -> [(&'static str, &'static str, u32, &'static str); 2] {
    [
        ("octobre-rose", "Octobre Rose", 10, "OctobreRose"),
        ("mois-sans-tabac", "Mois sans tabac", 11, "MoisSansTabac"),
    ]
}

fn campaign(id: &str, name: &str, year: i32, month: u32, tag: &str) -> String {
    let start = NaiveDate::from_ymd_opt(year, month, 1).expect("a date");
    let end = last_of_month(start);
    format!(
        "[campaign]\nid = \"{id}\"\nname = \"{name} {year}\"\nstart = {start}\nend = {end}\n\
         channels = [\"facebook\", \"instagram\", \"x\"]\nhashtags = [\"{tag}\"]\n\n\
         [campaign.targets]\nfacebook = 1\n\n\
         [[campaign.milestone]]\nname = \"Visuels validés\"\ndays_before_start = 14\nowner = \"editor\"\ndone = true\n"
    )
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.expect("a date") - Days::new(1)
}

/// The campaign running on `day`, if the post joins it.
fn campaign_of(day: NaiveDate) -> Option<(String, &'static str)> {
    campaigns()
        .into_iter()
        .find(|(_, _, month, _)| *month == day.month())
        .map(|(id, _, _, tag)| (format!("{id}-{}", day.year()), tag))
}

fn text(rng: &mut Rng, sentences: usize) -> String {
    let mut t = String::new();
    for i in 0..sentences {
        if i > 0 {
            t.push(' ');
        }
        t.push_str(rng.pick(&SENTENCES));
    }
    t
}

fn hhmm(minute: usize) -> String {
    format!("{:02}:{:02}:00", minute / 60, minute % 60)
}

#[allow(clippy::too_many_arguments)]
fn post(
    out: &mut String,
    rng: &mut Rng,
    n: usize,
    day: NaiveDate,
    minute: usize,
    step: usize,
    pivot: NaiveDate,
    published: &mut Vec<Published>,
) {
    let visual = rng.chance(40);
    let mut channels: Vec<&str> = Vec::new();
    if visual {
        channels.push("instagram");
        if rng.chance(40) {
            channels.push("tiktok");
        }
        if rng.chance(25) {
            channels.push("youtube");
        }
        if rng.chance(50) {
            channels.push("facebook");
        }
    } else {
        for c in ["facebook", "x", "linkedin", "scoopit"] {
            if rng.chance(55) {
                channels.push(c);
            }
        }
        if channels.is_empty() {
            channels.push("facebook");
        }
    }
    let (theme, _, medical) = rng.pick(&THEMES);
    let campaign = campaign_of(day).filter(|_| rng.chance(30));
    let status = if day < pivot {
        "published"
    } else {
        match rng.below(100) {
            0..=54 => "scheduled",
            55..=79 => "approved",
            80..=91 => "draft",
            92..=97 => "review",
            98 => "idea",
            _ => "cancelled",
        }
    };
    let created = day - Days::new(10 + rng.below(20) as u64);
    let _ = write!(
        out,
        "\n[[post]]\nid = \"p{n:06}\"\ntitle = \"{}\"\n",
        rng.pick(&TITLES)
    );
    if let Some((id, _)) = &campaign {
        let _ = writeln!(out, "campaign = \"{id}\"");
    }
    let _ = writeln!(
        out,
        "themes = [\"{theme}\"]\nchannels = [{}]\nstatus = \"{status}\"",
        channels
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", "),
    );
    if rng.chance(60) {
        let owner = if rng.chance(50) { "editor" } else { "lead" };
        let _ = writeln!(out, "owner = \"{owner}\"");
    }
    if rng.chance(40) {
        let _ = writeln!(out, "created = {created}");
    }
    if matches!(status, "approved" | "scheduled" | "published") || rng.chance(20) {
        let on = day - Days::new(3 + rng.below(5) as u64);
        let _ = writeln!(out, "approval = {{ by = \"lead\", on = {on} }}");
        if medical {
            let by = if rng.chance(50) {
                "dr-uro"
            } else {
                "dr-gastro"
            };
            let _ = writeln!(out, "medical_review = {{ by = \"{by}\", on = {on} }}");
        }
    }
    let _ = writeln!(out, "at = {day}T{}", hhmm(minute));
    let at = |minute: usize| {
        day.and_hms_opt((minute / 60) as u32, (minute % 60) as u32, 0)
            .expect("a time of the day")
    };
    let first_published = published.len();
    if status == "published" {
        let mut sorted = channels.clone();
        sorted.sort_unstable();
        for channel in sorted {
            published.push(Published {
                n,
                channel,
                at: at(minute),
            });
        }
    }
    let long = 1 + rng.below(2);
    let _ = writeln!(out, "text = \"\"\"\n{}\n\"\"\"", text(rng, long));
    let link = !visual && rng.chance(60);
    if link {
        let _ = writeln!(
            out,
            "link = \"https://clinique.example/actu/{}/{n}\"",
            day.year()
        );
    }
    let mut tags: Vec<&str> = Vec::new();
    if let Some((_, tag)) = &campaign {
        tags.push(tag);
    }
    for _ in 0..=rng.below(2) {
        let tag = rng.pick(&HASHTAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let _ = writeln!(
        out,
        "hashtags = [{}]",
        tags.iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if visual || rng.chance(30) {
        media(out, rng, n, day, "post.media");
    }
    // X counts weighted characters: a short text of its own.
    if channels.contains(&"x") && rng.chance(50) {
        let _ = writeln!(out, "\n[post.variants.x]\ntext = \"{}\"", text(rng, 1));
        if step >= 2 && rng.chance(20) {
            let _ = writeln!(out, "at = {day}T{}", hhmm(minute + step / 2));
            for p in &mut published[first_published..] {
                if p.channel == "x" {
                    p.at = at(minute + step / 2);
                }
            }
        }
    }
    if channels.contains(&"linkedin") && rng.chance(40) {
        let _ = writeln!(
            out,
            "\n[post.variants.linkedin]\ntext = \"\"\"\n{}\n\n{}\n\"\"\"",
            text(rng, 2),
            text(rng, 1)
        );
    }
    if channels.contains(&"instagram") && rng.chance(30) {
        let _ = writeln!(
            out,
            "\n[post.variants.instagram]\ntext = \"{}\"\nhashtags = [\"{}\"]",
            text(rng, 2),
            campaign
                .as_ref()
                .map_or_else(|| rng.pick(&HASHTAGS), |(_, tag)| tag)
        );
    }
}

fn media(out: &mut String, rng: &mut Rng, n: usize, day: NaiveDate, table: &str) {
    let file = if rng.chance(10) {
        (rng.pick(&LOCAL_MEDIA)).to_owned()
    } else {
        format!("https://cdn.clinique.example/{}/p{n:06}.jpg", day.year())
    };
    let _ = write!(
        out,
        "\n[[{table}]]\nfile = \"{file}\"\nalt = \"{}\"\n",
        rng.pick(&SENTENCES).trim_end_matches('.')
    );
    if rng.chance(5) {
        let _ = writeln!(out, "people = true\nconsent = \"consent-{}\"", rng.below(5));
    }
}

/// Posts without a time for `schedule`: `m` pairs in all.
fn unplaced(rng: &mut Rng, m: usize) -> Vec<(String, String)> {
    let start = NaiveDate::from_ymd_opt(2026, 1, 2).expect("a date");
    // About 120 pairs a week, so density does not grow with `m`.
    let weeks = m.div_ceil(120).max(1);
    let mut files: Vec<(String, String)> = Vec::new();
    let mut pairs = 0;
    let mut n = 0;
    while pairs < m {
        let k = (1 + rng.below(2)).min(m - pairs);
        let mut channels: Vec<&str> = Vec::new();
        while channels.len() < k {
            let c = rng.pick(&["facebook", "x", "linkedin", "scoopit"]);
            if !channels.contains(&c) {
                channels.push(c);
            }
        }
        pairs += k;
        let from = start + Days::new((rng.below(weeks * 7)) as u64);
        let to = from + Days::new(13);
        if n % 1000 == 0 {
            files.push((
                format!("posts/unplaced/{:03}.toml", n / 1000),
                String::from("# Posts to place (generated).\n"),
            ));
        }
        let out = &mut files.last_mut().expect("a file").1;
        let status = if rng.chance(50) { "draft" } else { "approved" };
        let _ = writeln!(
            out,
            "\n[[post]]\nid = \"u{n:06}\"\ntitle = \"{}\"\nthemes = [\"prevention\"]\nchannels = [{}]\n\
             status = \"{status}\"\nowner = \"editor\"\nbetween = [{from}, {to}]\ntext = \"{}\"",
            rng.pick(&TITLES),
            channels
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", "),
            text(rng, 2)
        );
        if status == "approved" {
            let _ = writeln!(out, "approval = {{ by = \"lead\", on = 2025-12-20 }}");
        }
        n += 1;
    }
    files
}
