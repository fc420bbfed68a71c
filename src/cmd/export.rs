//! `edcal export csv|ics`: check the calendar, refuse to export one with
//! errors, build the files (`export`), write them without ever leaving a
//! partial file, and say on stderr what was left out and how to import.

use anyhow::{Context as _, Result, bail};
use chrono::{TimeZone as _, Utc};

use crate::Context;
use crate::check::Checked;
use crate::cli::export::{CsvArgs, DateOrderArg, ExportCommand, IcsArgs};
use crate::diagnostic::{self, Severity};
use crate::export::{self, CsvOptions, DateOrder, Listed};

pub fn run(command: &ExportCommand, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    if checked.errors() > 0 {
        for d in checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            writeln!(
                ctx.stderr,
                "{}\n",
                diagnostic::render_human(d, &checked.sources, ctx.color)
            )?;
        }
        let n = checked.errors();
        writeln!(
            ctx.stderr,
            "edcal: {n} error{}; nothing exported (fix them, `edcal check` lists them)",
            if n == 1 { "" } else { "s" }
        )?;
        return Ok(1);
    }
    match command {
        ExportCommand::Csv(args) => csv(args, &checked, ctx),
        ExportCommand::Ics(args) => ics(args, &checked, ctx),
    }
}

fn csv(args: &CsvArgs, checked: &Checked, ctx: &mut Context<'_>) -> Result<u8> {
    let calendar = &checked.calendar;
    let tz = calendar.settings.tz;
    // With a fixed `--today`, "now" is the start of that day, so that the
    // lead-time limits give the same file on every run.
    let now = if ctx.cli.today.is_some() {
        tz.from_local_datetime(&checked.today.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map_or(ctx.env.now, |t| t.with_timezone(&Utc))
    } else {
        ctx.env.now
    };
    let options = CsvOptions {
        format: args.format.map(Into::into),
        channels: args.channel.clone(),
        from: args.from.unwrap_or(checked.today),
        to: args.to,
        date_order: match args.date_order {
            Some(DateOrderArg::Dmy) => DateOrder::Dmy,
            Some(DateOrderArg::Mdy) => DateOrder::Mdy,
            None => DateOrder::default_for(calendar.settings.language),
        },
        tz: args.tz.unwrap_or(tz),
        now,
    };
    let out = export::csv(calendar, &options)?;

    if let Some(dir) = &args.out_dir {
        let full = ctx.env.cwd.join(dir);
        std::fs::create_dir_all(&full)
            .with_context(|| format!("failed to create {}", dir.display()))?;
        for file in &out.files {
            export::write_atomic(&full.join(&file.name), &file.bytes)?;
        }
    } else if out.files.len() > 1 {
        let names: Vec<&str> = out.files.iter().map(|f| f.name.as_str()).collect();
        bail!(
            "the selection makes {} files ({}); write them with `--out-dir DIR`, or pick one channel with `--channel ID`",
            names.len(),
            names.join(", ")
        );
    } else if let Some(file) = out.files.first() {
        match &args.output {
            Some(path) => export::write_atomic(&ctx.env.cwd.join(path), &file.bytes)?,
            None => ctx.stdout.write_all(&file.bytes)?,
        }
    }

    for l in &out.skipped {
        writeln!(ctx.stderr, "{}", line("skipped", l))?;
    }
    for l in &out.refused {
        writeln!(ctx.stderr, "{}", line("refused", l))?;
    }
    if !out.no_format.is_empty() {
        writeln!(
            ctx.stderr,
            "left out: {} (no `export` format in channels.toml; pass `--for FORMAT` to include)",
            out.no_format.join(", ")
        )?;
    }
    for note in &out.notes {
        writeln!(ctx.stderr, "note: {note}")?;
    }
    for hint in &out.hints {
        writeln!(ctx.stderr, "{hint}")?;
    }
    let rows: usize = out.files.iter().map(|f| f.rows).sum();
    let written = match (&args.out_dir, &args.output) {
        (Some(dir), _) if !out.files.is_empty() => format!(" in {}", dir.display()),
        (None, Some(path)) if !out.files.is_empty() => format!(" to {}", path.display()),
        _ => String::new(),
    };
    writeln!(
        ctx.stderr,
        "edcal: {} exported in {}{written}; {} skipped, {} refused",
        plural(rows, "row"),
        plural(out.files.len(), "file"),
        out.skipped.len(),
        out.refused.len()
    )?;
    Ok(u8::from(!out.refused.is_empty()))
}

fn line(what: &str, l: &Listed) -> String {
    let at = l.at.map_or_else(
        || "(no time)".to_owned(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    );
    format!("{what} {:<10} {at:<16} {}: {}", l.channel, l.id, l.reason)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn ics(args: &IcsArgs, checked: &Checked, ctx: &mut Context<'_>) -> Result<u8> {
    let text = export::ics::ics(&checked.calendar, args.reviews);
    let events = text.matches("\r\nBEGIN:VEVENT\r\n").count();
    match &args.output {
        Some(path) => export::write_atomic(&ctx.env.cwd.join(path), text.as_bytes())?,
        None => ctx.stdout.write_all(text.as_bytes())?,
    }
    writeln!(
        ctx.stderr,
        "edcal: {}{}",
        plural(
            events,
            if args.reviews {
                "review event"
            } else {
                "event"
            }
        ),
        if args.reviews {
            ""
        } else {
            " (times in UTC: each calendar shows them in its own zone)"
        }
    )?;
    Ok(0)
}
