//! `edcal campaign`: where a campaign stands. Its dates and channels, the
//! posts planned against each channel's target, per ISO week (from its
//! lead-in to its follow-up, whatever its length: a one-day campaign has
//! one week), and its milestones with their lateness.
//!
//! "Planned" counts the (post, channel) pairs of the campaign's posts that are
//! not cancelled, placed or not, whatever their status: an idea in the
//! campaign is a post the team means to make. "Placed" counts those with a
//! time; only they can be counted per week. The same count drives the
//! `campaign-target` warning.

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use super::Week;
use super::labels::Labels;
use super::render::table;
use crate::model::{Calendar, Campaign, Language, Status};

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "super::ymd")]
    pub start: NaiveDate,
    #[serde(serialize_with = "super::ymd")]
    pub end: NaiveDate,
    /// Days of teasers before `start` and of thank-you posts after `end`.
    pub lead_in_days: u32,
    pub follow_up_days: u32,
    pub channels: Vec<ChannelCount>,
    /// Every ISO week from the lead-in's first day to the follow-up's last,
    /// whatever the campaign's length.
    pub weeks: Vec<WeekCount>,
    pub milestones: Vec<MilestoneState>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelCount {
    pub id: String,
    pub planned: usize,
    pub placed: usize,
    pub target: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekCount {
    #[serde(serialize_with = "week_string")]
    pub week: Week,
    #[serde(serialize_with = "super::ymd")]
    pub from: NaiveDate,
    #[serde(serialize_with = "super::ymd")]
    pub to: NaiveDate,
    /// Placed pairs per channel, in the order of [`Report::channels`].
    pub channels: Vec<WeekChannel>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekChannel {
    pub id: String,
    pub placed: usize,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn week_string<S: serde::Serializer>(week: &Week, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(week)
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneState {
    pub name: String,
    pub owner: Option<String>,
    #[serde(serialize_with = "super::ymd")]
    pub due: NaiveDate,
    pub done: bool,
    /// Days past due when not done and due before today.
    pub days_late: Option<i64>,
}

impl Report {
    pub fn planned(&self) -> usize {
        self.channels.iter().map(|c| c.planned).sum()
    }

    /// The sum of the targets, if any channel has one.
    pub fn target(&self) -> Option<u32> {
        self.channels
            .iter()
            .filter_map(|c| c.target)
            .reduce(|a, b| a + b)
    }

    pub fn late(&self) -> usize {
        self.milestones
            .iter()
            .filter(|m| m.days_late.is_some())
            .count()
    }
}

pub fn report(calendar: &Calendar, campaign: &Campaign, today: NaiveDate) -> Report {
    // The campaign's channels in its order, then channels that only a target
    // or a post names, sorted.
    let mut ids: Vec<String> = campaign.channels.clone();
    let mut extra: Vec<String> = campaign
        .targets
        .keys()
        .cloned()
        .chain(
            calendar
                .posts
                .iter()
                .filter(|p| {
                    p.campaign.as_deref() == Some(campaign.id.as_str())
                        && p.status.value != Status::Cancelled
                })
                .flat_map(|p| p.channel_ids().map(str::to_owned)),
        )
        .filter(|c| !ids.contains(c))
        .collect();
    extra.sort();
    extra.dedup();
    ids.extend(extra);
    let channels: Vec<ChannelCount> = ids
        .iter()
        .map(|id| {
            let (planned, placed) = crate::rules::campaign_planned(calendar, campaign, id);
            ChannelCount {
                id: id.clone(),
                planned,
                placed,
                target: campaign.targets.get(id).copied(),
            }
        })
        .collect();
    let mut weeks = Vec::new();
    {
        let (first, last) = (campaign.first_day(), campaign.last_day());
        let fixed = calendar.fixed_within(first..=last);
        let mut week = Week::of(first);
        while week.monday() <= last {
            let channels = ids
                .iter()
                .map(|id| WeekChannel {
                    id: id.clone(),
                    placed: fixed
                        .iter()
                        .filter(|f| {
                            f.channel == id
                                && f.post.campaign.as_deref() == Some(campaign.id.as_str())
                                && week.contains(f.time.local.date())
                        })
                        .count(),
                })
                .collect();
            weeks.push(WeekCount {
                week,
                from: week.monday().max(first),
                to: week.sunday().min(last),
                channels,
            });
            if week.sunday() >= last {
                break;
            }
            week = week.next();
        }
    }
    let milestones = campaign
        .milestones
        .iter()
        .map(|m| MilestoneState {
            name: m.name.clone(),
            owner: m.owner.clone(),
            due: m.due,
            done: m.done,
            days_late: (!m.done && m.due < today).then(|| (today - m.due).num_days()),
        })
        .collect();
    Report {
        id: campaign.id.clone(),
        name: campaign.name.clone(),
        start: campaign.start,
        end: campaign.end,
        lead_in_days: campaign.lead_in_days,
        follow_up_days: campaign.follow_up_days,
        channels,
        weeks,
        milestones,
    }
}

pub fn write_json(reports: &[Report], one: bool, out: &mut dyn Write) -> io::Result<()> {
    if one {
        serde_json::to_writer_pretty(&mut *out, &reports[0])?;
    } else {
        #[derive(Serialize)]
        struct Summary<'a> {
            id: &'a str,
            name: &'a str,
            #[serde(serialize_with = "super::ymd")]
            start: NaiveDate,
            #[serde(serialize_with = "super::ymd")]
            end: NaiveDate,
            planned: usize,
            target: Option<u32>,
            milestones: usize,
            milestones_done: usize,
            late: usize,
        }
        let rows: Vec<Summary<'_>> = reports
            .iter()
            .map(|r| Summary {
                id: &r.id,
                name: &r.name,
                start: r.start,
                end: r.end,
                planned: r.planned(),
                target: r.target(),
                milestones: r.milestones.len(),
                milestones_done: r.milestones.iter().filter(|m| m.done).count(),
                late: r.late(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
    }
    writeln!(out)
}

/// Every campaign in one table.
pub fn write_summary(
    reports: &[Report],
    language: Language,
    out: &mut dyn Write,
) -> io::Result<()> {
    let l = Labels::new(language);
    if reports.is_empty() {
        return writeln!(out, "{}", l.pick("Aucune campagne.", "No campaign."));
    }
    let mut t = table(
        [
            l.pick("Campagne", "Campaign"),
            l.pick("Dates", "Dates"),
            l.pick("Prévues / cible", "Planned / target"),
            l.pick("Jalons faits", "Milestones done"),
            l.pick("En retard", "Late"),
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    t.whole(&[1, 2, 3, 4]);
    for r in reports {
        let year = chrono::Datelike::year(&r.end);
        t.add_row(vec![
            format!("{}\n{}", r.id, r.name),
            format!("{}\n{}", l.days(r.start, r.end, year), year),
            format!(
                "{} / {}",
                r.planned(),
                r.target().map_or_else(|| "–".to_owned(), |t| t.to_string())
            ),
            format!(
                "{} / {}",
                r.milestones.iter().filter(|m| m.done).count(),
                r.milestones.len()
            ),
            r.late().to_string(),
        ]);
    }
    writeln!(out, "{t}")
}

/// One campaign in full.
pub fn write_report(r: &Report, language: Language, out: &mut dyn Write) -> io::Result<()> {
    let l = Labels::new(language);
    let days = (r.end - r.start).num_days() + 1;
    writeln!(out, "{} ({})", r.name, r.id)?;
    if days == 1 {
        writeln!(
            out,
            "{} {} {}, {}",
            l.pick("le", "on"),
            l.day(r.start),
            chrono::Datelike::year(&r.start),
            l.pick("1 jour", "1 day"),
        )?;
    } else {
        writeln!(
            out,
            "{} {} {} {} {}, {days} {}",
            l.pick("du", "from"),
            l.day(r.start),
            l.pick("au", "to"),
            l.day(r.end),
            chrono::Datelike::year(&r.end),
            l.pick(
                if days == 1 { "jour" } else { "jours" },
                if days == 1 { "day" } else { "days" }
            ),
        )?;
    }
    if r.lead_in_days > 0 || r.follow_up_days > 0 {
        let first = r
            .start
            .checked_sub_days(chrono::Days::new(r.lead_in_days.into()))
            .unwrap_or(NaiveDate::MIN);
        let last = r
            .end
            .checked_add_days(chrono::Days::new(r.follow_up_days.into()))
            .unwrap_or(NaiveDate::MAX);
        writeln!(
            out,
            "{} {} {} {} ({} {}, {} {})",
            l.pick("annonces dès le", "teasers from"),
            l.day(first),
            l.pick("et remerciements jusqu'au", "and thank-you posts until"),
            l.day(last),
            r.lead_in_days,
            l.pick("jours avant", "days before"),
            r.follow_up_days,
            l.pick("jours après", "days after"),
        )?;
    }
    writeln!(out)?;
    let mut t = table(
        [
            l.pick("Canal", "Channel"),
            l.pick("Prévues", "Planned"),
            l.pick("Avec horaire", "Placed"),
            l.pick("Cible", "Target"),
            l.pick("Écart", "Gap"),
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    t.whole(&[1, 2, 3, 4]);
    for c in &r.channels {
        let (target, gap) = match c.target {
            Some(target) => {
                let gap = i64::try_from(c.planned).unwrap_or(i64::MAX) - i64::from(target);
                let mut gap = if gap > 0 {
                    format!("+{gap}")
                } else {
                    gap.to_string()
                };
                if c.planned < target as usize {
                    gap.push_str(" ⚠");
                }
                (target.to_string(), gap)
            }
            None => ("–".to_owned(), "–".to_owned()),
        };
        t.add_row(vec![
            c.id.clone(),
            c.planned.to_string(),
            c.placed.to_string(),
            target,
            gap,
        ]);
    }
    writeln!(out, "{t}")?;
    if !r.weeks.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            l.pick(
                "Publications avec horaire, par semaine :",
                "Placed posts per week:"
            )
        )?;
        let mut header = vec![l.pick("Semaine", "Week").to_owned()];
        header.extend(r.channels.iter().map(|c| c.id.clone()));
        let mut t = table(header);
        t.whole(&[0]);
        let year = chrono::Datelike::year(&r.end);
        for w in &r.weeks {
            let mut row = vec![format!("{}\n{}", w.week, l.days(w.from, w.to, year))];
            row.extend(w.channels.iter().map(|c| c.placed.to_string()));
            t.add_row(row);
        }
        writeln!(out, "{t}")?;
    }
    writeln!(out)?;
    if r.milestones.is_empty() {
        writeln!(out, "{}", l.pick("Aucun jalon.", "No milestone."))?;
        return Ok(());
    }
    let mut t = table(
        [
            l.pick("Jalon", "Milestone"),
            l.pick("Responsable", "Owner"),
            l.pick("Échéance", "Due"),
            l.pick("État", "State"),
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    t.whole(&[2, 3]);
    for m in &r.milestones {
        let state = if m.done {
            l.pick("fait", "done").to_owned()
        } else {
            match m.days_late {
                Some(n) => format!(
                    "{} {n} {} ⚠",
                    l.pick("en retard de", "late by"),
                    plural_days(l, n)
                ),
                None => l.pick("à faire", "to do").to_owned(),
            }
        };
        t.add_row(vec![
            m.name.clone(),
            m.owner.clone().unwrap_or_else(|| "–".to_owned()),
            l.date_long(m.due),
            state,
        ]);
    }
    writeln!(out, "{t}")
}

fn plural_days(l: Labels, n: i64) -> &'static str {
    if n == 1 {
        l.pick("jour", "day")
    } else {
        l.pick("jours", "days")
    }
}
