//! Placing unplaced (post, channel) pairs in the channels' free slots.
//!
//! A pure function of the checked calendar and [`Options`] (today, `--from`,
//! `--to`): no clock, no files. The command in `commands::schedule` prints the
//! result and writes it with [`crate::edit`].
//!
//! What is placed: every pair of a post that is not `idea`
//! or `cancelled` and has no time on that channel (no variant `at`, no post
//! `at`). Where, per pair:
//!
//! - **window**: the post's `on` day, its `between` days, else its campaign's
//!   dates, else from tomorrow to `--to` (default: today + 8 weeks, so that
//!   a backlog post lands in the coming two months rather than anywhere up
//!   to the end of time); `--from`/`--to`, when given, bound every window;
//! - **slots**: the channel's `slots`, read as local wall-clock times on each
//!   day of the window, so 12:30 stays 12:30 across daylight saving; a slot
//!   in the spring-forward gap or the autumn fold is refused (writing it
//!   would make an `at` that `check` rejects as nonexistent or ambiguous);
//! - **never in the past**: "today" is a date, not an instant, so today's
//!   slots count as past, and the first slot considered is tomorrow's (a
//!   post placed for this afternoon could not be approved in time anyway);
//! - **never before it can be approved**: a post that is not approved yet
//!   (or whose sealed approval no longer matches) goes out after today +
//!   `approve_days_before`, the days the lead has to approve it;
//! - **never** on a public holiday (`calendar.holidays = "FR"`) or blackout
//!   day, nor inside a freeze window unless one of the post's themes is in
//!   its `allow_themes` (the freeze is a time window: a slot after its end on
//!   the same day is open), nor at the time of a fixed post, nor closer than
//!   `min_gap_hours` to a fixed post or an occurrence, nor on a day or an ISO
//!   week the fixed posts already fill;
//! - then [`solve`] places the most pairs, the earliest, under the day and
//!   week caps and the gap between placed pairs (see its module doc for the
//!   model and why it is optimal). Channels are independent problems.
//!
//! Pairs are taken in post id order, then channel order, and every map is
//! ordered, so the same files always give the same plan.

pub mod explain;
pub mod prefer;
pub mod solve;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, IsoWeek, NaiveDate, NaiveDateTime, Weekday};

use crate::closed::Closed;
use crate::model::{Calendar, Channel, LocalTime, Post, Status, Timing};
use crate::occurrence::Fixed;
use crate::zone::{self, Trap};

/// How far ahead a post without window is placed, when `--to` is not given.
pub const DEFAULT_HORIZON_WEEKS: u64 = 8;

/// A pair's days, both included.
type Window = (NaiveDate, NaiveDate);

/// What to schedule.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub today: NaiveDate,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Options {
    /// The last day of a window that has none: `--to`, else 8 weeks ahead.
    pub fn horizon(&self) -> NaiveDate {
        self.to.unwrap_or_else(|| {
            self.today
                .checked_add_days(Days::new(DEFAULT_HORIZON_WEEKS * 7))
                .unwrap_or(NaiveDate::MAX)
        })
    }
}

/// The result: placed and unplaced pairs, and per channel what was decided,
/// for `--explain`.
#[derive(Debug)]
pub struct Schedule<'a> {
    /// By time, then channel, then post id.
    pub placed: Vec<Placed<'a>>,
    /// By post id, then channel.
    pub unplaced: Vec<Unplaced<'a>>,
    /// Whether every channel's search finished (see [`solve::MAX_NODES`]).
    pub proven: bool,
    channels: BTreeMap<&'a str, ChannelRun<'a>>,
    /// `--prefer results`: the slots' figures.
    prefer: Option<&'a prefer::Preference>,
}

#[derive(Debug, Clone)]
pub struct Placed<'a> {
    pub post: &'a Post,
    pub channel: &'a str,
    pub at: LocalTime,
}

#[derive(Debug, Clone)]
pub struct Unplaced<'a> {
    pub post: &'a Post,
    pub channel: &'a str,
    pub reason: String,
}

/// Why a slot cannot take a pair, before pairs compete for slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Past,
    OutsideRange,
    DstGap,
    DstFold,
    Holiday(String),
    Blackout(String),
    Freeze(String),
    /// A fixed post (or occurrence) goes out at that very time.
    TakenBy(String),
    TooClose {
        id: String,
        at: NaiveDateTime,
    },
    DayFull {
        max: u32,
        ids: Vec<String>,
    },
    WeekFull {
        max: u32,
    },
}

impl Refusal {
    /// A short kind, for summaries.
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::Past => "in the past",
            Refusal::OutsideRange => "outside --from/--to",
            Refusal::DstGap | Refusal::DstFold => "daylight-saving change",
            Refusal::Holiday(_) => "holiday",
            Refusal::Blackout(_) => "blackout",
            Refusal::Freeze(_) => "freeze",
            Refusal::TakenBy(_) => "taken by a fixed post",
            Refusal::TooClose { .. } => "too close to a fixed post",
            Refusal::DayFull { .. } => "day full",
            Refusal::WeekFull { .. } => "week full",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Past => write!(f, "in the past"),
            Refusal::OutsideRange => write!(f, "outside --from/--to"),
            Refusal::DstGap => write!(f, "does not exist (clocks spring forward)"),
            Refusal::DstFold => write!(f, "happens twice (clocks fall back)"),
            Refusal::Holiday(name) => write!(f, "holiday ({name})"),
            Refusal::Blackout(why) => write!(f, "blackout ({why})"),
            Refusal::Freeze(why) => write!(f, "freeze ({why}), not on an allowed theme"),
            Refusal::TakenBy(id) => write!(f, "taken by `{id}`"),
            Refusal::TooClose { id, at } => {
                write!(f, "too close to `{id}` at {}", at.format("%Y-%m-%d %H:%M"))
            }
            Refusal::DayFull { max, ids } => write!(
                f,
                "day full (max_per_day = {max}: {})",
                ids.iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Refusal::WeekFull { max } => write!(f, "week full (posts_per_week.max = {max})"),
        }
    }
}

/// One slot on one day of a channel.
#[derive(Debug, Clone)]
struct Instance {
    local: NaiveDateTime,
    time: Option<LocalTime>,
    /// Channel-wide refusal; `None`: usable by pairs not frozen there.
    refusal: Option<Refusal>,
}

/// A pair of one channel and what the solver decided.
#[derive(Debug, Clone)]
struct PairRun<'a> {
    post: &'a Post,
    /// The window as the post gives it, both ends included.
    window: (NaiveDate, NaiveDate),
    /// Instances of the window (from today on), ascending.
    instances: std::ops::Range<usize>,
    /// Usable instances for this pair.
    candidates: Vec<usize>,
    /// The instance it was placed on.
    placed: Option<usize>,
    /// Not approved yet: the last day it cannot go out on (see
    /// [`approval_wait`]).
    wait: Option<NaiveDate>,
}

#[derive(Debug)]
struct ChannelRun<'a> {
    channel: &'a Channel,
    fixed: Vec<Fixed<'a>>,
    instances: Vec<Instance>,
    pairs: Vec<PairRun<'a>>,
}

/// The unplaced pairs `schedule` considers: posts neither `idea` nor
/// `cancelled`, channels without a time; by post id, then channel.
pub fn pairs(calendar: &Calendar) -> Vec<(&Post, &str)> {
    let mut pairs: Vec<(&Post, &str)> = calendar
        .posts
        .iter()
        .filter(|p| !matches!(p.status.value, Status::Idea | Status::Cancelled))
        .flat_map(|post| {
            post.channel_ids()
                .filter(|c| post.at(c).is_none() && calendar.channels.contains_key(*c))
                .map(move |c| (&**post, c))
        })
        .collect();
    pairs.sort_by(|a, b| (&a.0.id.value, a.1).cmp(&(&b.0.id.value, b.1)));
    pairs
}

/// Places what can be placed.
pub fn schedule<'a>(calendar: &'a Calendar, options: &Options) -> Schedule<'a> {
    schedule_where(calendar, options, &|_, _| true)
}

/// [`schedule`], placing only the unplaced pairs `keep` keeps (the others,
/// e.g. those that errors block, are neither placed nor listed). Fixed
/// pairs all keep their slots.
pub fn schedule_where<'a>(
    calendar: &'a Calendar,
    options: &Options,
    keep: &dyn Fn(&Post, &str) -> bool,
) -> Schedule<'a> {
    schedule_preferring(calendar, options, keep, None)
}

/// [`schedule_where`], preferring the slots `prefer` ranks first
/// (`--prefer results`) over the earliest; as many pairs are placed.
pub fn schedule_preferring<'a>(
    calendar: &'a Calendar,
    options: &Options,
    keep: &dyn Fn(&Post, &str) -> bool,
    prefer: Option<&'a prefer::Preference>,
) -> Schedule<'a> {
    let fixed = calendar.fixed();
    let mut by_channel: BTreeMap<&str, Vec<(&Post, Window)>> = BTreeMap::new();
    for (post, channel) in pairs(calendar)
        .into_iter()
        .filter(|(post, channel)| keep(post, channel))
    {
        by_channel
            .entry(channel)
            .or_default()
            .push((post, window(calendar, post, options)));
    }
    let mut schedule = Schedule {
        placed: Vec::new(),
        unplaced: Vec::new(),
        proven: true,
        channels: BTreeMap::new(),
        prefer,
    };
    for (channel_id, pairs) in by_channel {
        let channel = &calendar.channels[channel_id];
        let channel_fixed: Vec<Fixed<'_>> = fixed
            .iter()
            .filter(|f| f.channel == channel_id)
            .cloned()
            .collect();
        let mut run = ChannelRun::new(calendar, channel, channel_fixed, pairs, options);
        schedule.proven &= run.solve(prefer);
        for pair in &run.pairs {
            match pair.placed {
                Some(i) => schedule.placed.push(Placed {
                    post: pair.post,
                    channel: &channel.id,
                    at: run.instances[i].time.expect("a placed slot has a time"),
                }),
                None => schedule.unplaced.push(Unplaced {
                    post: pair.post,
                    channel: &channel.id,
                    reason: run.reason(pair, options),
                }),
            }
        }
        schedule.channels.insert(&channel.id, run);
    }
    schedule.placed.sort_by(|a, b| {
        (a.at.instant, a.channel, &a.post.id.value).cmp(&(
            b.at.instant,
            b.channel,
            &b.post.id.value,
        ))
    });
    schedule
        .unplaced
        .sort_by(|a, b| (&a.post.id.value, a.channel).cmp(&(&b.post.id.value, b.channel)));
    schedule
}

/// A pair's window as the post gives it: `on`, `between`, the campaign, or
/// from today to the horizon.
fn window(calendar: &Calendar, post: &Post, options: &Options) -> (NaiveDate, NaiveDate) {
    match &post.timing {
        Timing::On(on) => (on.value, on.value),
        Timing::Between(b) => b.value,
        _ => match post
            .campaign
            .as_ref()
            .and_then(|c| calendar.campaigns.get(c))
        {
            Some(campaign) => (campaign.start, campaign.end),
            None => (options.today, options.horizon()),
        },
    }
}

/// For a post not approved yet (or whose approval no longer matches), the
/// last day it cannot go out on: today plus `approve_days_before`, so that
/// the lead has those days to approve it and `approval-due` stays quiet.
/// `None` for an approved post.
pub fn approval_wait(calendar: &Calendar, post: &Post, options: &Options) -> Option<NaiveDate> {
    if post.status.value.is_approved() && !crate::seal::is_stale(calendar, post) {
        return None;
    }
    options
        .today
        .checked_add_days(Days::new(calendar.rules.approve_days_before.into()))
}

impl<'a> ChannelRun<'a> {
    fn new(
        calendar: &'a Calendar,
        channel: &'a Channel,
        fixed: Vec<Fixed<'a>>,
        pairs: Vec<(&'a Post, (NaiveDate, NaiveDate))>,
        options: &Options,
    ) -> ChannelRun<'a> {
        let first = pairs
            .iter()
            .map(|(_, w)| w.0.max(options.today))
            .min()
            .unwrap_or(options.today);
        let last = pairs.iter().map(|(_, w)| w.1).max().unwrap_or(first);
        let mut run = ChannelRun {
            channel,
            fixed,
            instances: Vec::new(),
            pairs: Vec::new(),
        };
        run.instances = run.instances(calendar, first, last, options);
        for (post, window) in pairs {
            let lo = window.0.max(options.today);
            let start = run.instances.partition_point(|i| i.local.date() < lo);
            let end = run
                .instances
                .partition_point(|i| i.local.date() <= window.1);
            let instances = start..end.max(start);
            let wait = approval_wait(calendar, post, options);
            let candidates = instances
                .clone()
                .filter(|i| {
                    let inst = &run.instances[*i];
                    inst.refusal.is_none()
                        && wait.is_none_or(|w| inst.local.date() > w)
                        && crate::closed::freeze_at(calendar, post, inst.local).is_none()
                })
                .collect();
            run.pairs.push(PairRun {
                post,
                window,
                instances,
                candidates,
                placed: None,
                wait,
            });
        }
        run
    }

    /// Every slot from `first` to `last`, with its channel-wide refusal.
    fn instances(
        &self,
        calendar: &Calendar,
        first: NaiveDate,
        last: NaiveDate,
        options: &Options,
    ) -> Vec<Instance> {
        let tz = calendar.settings.tz;
        let mut slots = self.channel.slots.clone();
        slots.sort_by_key(|s| (s.weekday.num_days_from_monday(), s.time));
        slots.dedup();
        let mut day_counts: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
        let mut week_counts: BTreeMap<IsoWeek, u32> = BTreeMap::new();
        for f in &self.fixed {
            day_counts
                .entry(f.time.local.date())
                .or_default()
                .push(f.id());
            *week_counts
                .entry(f.time.local.date().iso_week())
                .or_default() += 1;
        }
        let mut out = Vec::new();
        if slots.is_empty() {
            return out;
        }
        for day in first.iter_days().take_while(|d| *d <= last) {
            let weekday: Weekday = day.weekday();
            for slot in slots.iter().filter(|s| s.weekday == weekday) {
                let local = day.and_time(slot.time);
                let (time, trap) = match zone::resolve(tz, local) {
                    Ok(t) => (Some(t), None),
                    Err(Trap::Gap) => (None, Some(Refusal::DstGap)),
                    Err(Trap::Fold) => (None, Some(Refusal::DstFold)),
                };
                let refusal = if day <= options.today {
                    Some(Refusal::Past)
                } else if options.from.is_some_and(|f| day < f)
                    || options.to.is_some_and(|t| day > t)
                {
                    Some(Refusal::OutsideRange)
                } else if trap.is_some() {
                    trap
                } else {
                    let time = time.expect("no trap: a time");
                    self.static_refusal(calendar, time, &day_counts, &week_counts)
                };
                out.push(Instance {
                    local,
                    time,
                    refusal,
                });
            }
        }
        out
    }

    fn static_refusal(
        &self,
        calendar: &Calendar,
        time: LocalTime,
        day_counts: &BTreeMap<NaiveDate, Vec<String>>,
        week_counts: &BTreeMap<IsoWeek, u32>,
    ) -> Option<Refusal> {
        let day = time.local.date();
        match crate::closed::closed_on(calendar, day) {
            Some(Closed::Holiday(h)) => {
                let name = match calendar.settings.language {
                    crate::model::Language::Fr => h.name_fr,
                    crate::model::Language::En => h.name_en,
                };
                return Some(Refusal::Holiday(name.to_owned()));
            }
            Some(Closed::Blackout(b)) => return Some(Refusal::Blackout(b.name.clone())),
            None => {}
        }
        // The fixed posts nearest before and after, by instant.
        let at = self
            .fixed
            .partition_point(|f| f.time.instant < time.instant);
        if let Some(f) = self.fixed.get(at)
            && f.time.instant == time.instant
        {
            return Some(Refusal::TakenBy(f.id()));
        }
        if let Some(gap) = self.channel.min_gap_minutes {
            let near = [at.checked_sub(1), Some(at)]
                .into_iter()
                .flatten()
                .filter_map(|i| self.fixed.get(i))
                .find(|f| (f.time.instant - time.instant).num_minutes().abs() < i64::from(gap));
            if let Some(f) = near {
                return Some(Refusal::TooClose {
                    id: f.id(),
                    at: f.time.local,
                });
            }
        }
        if let Some(max) = self.channel.max_per_day
            && let Some(ids) = day_counts.get(&day)
            && ids.len() >= max as usize
        {
            return Some(Refusal::DayFull {
                max,
                ids: ids.clone(),
            });
        }
        if let Some(max) = self.channel.posts_per_week.max
            && week_counts.get(&day.iso_week()).copied().unwrap_or(0) >= max
        {
            return Some(Refusal::WeekFull { max });
        }
        None
    }

    /// Builds the channel's problem, solves it, records placements. Returns
    /// whether the search finished.
    fn solve(&mut self, prefer: Option<&prefer::Preference>) -> bool {
        // Only instances some pair can use become solver slots.
        let mut used: Vec<usize> = self
            .pairs
            .iter()
            .flat_map(|p| p.candidates.iter().copied())
            .collect();
        used.sort_unstable();
        used.dedup();
        let mut days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut weeks: BTreeMap<IsoWeek, usize> = BTreeMap::new();
        let mut slots = Vec::with_capacity(used.len());
        for &i in &used {
            let time = self.instances[i].time.expect("usable: a time");
            let date = time.local.date();
            let n = days.len();
            let day = *days.entry(date).or_insert(n);
            let n = weeks.len();
            let week = *weeks.entry(date.iso_week()).or_insert(n);
            slots.push(solve::SlotInfo {
                minute: time.instant.timestamp().div_euclid(60),
                day,
                week,
            });
        }
        let fixed_on = |pred: &dyn Fn(NaiveDate) -> bool| -> u32 {
            self.fixed
                .iter()
                .filter(|f| pred(f.time.local.date()))
                .count() as u32
        };
        let unlimited = u32::MAX / 4;
        let mut day_cap = vec![unlimited; days.len()];
        for (date, d) in &days {
            if let Some(max) = self.channel.max_per_day {
                day_cap[*d] = max.saturating_sub(fixed_on(&|x| x == *date));
            }
        }
        let mut week_cap = vec![unlimited; weeks.len()];
        for (week, w) in &weeks {
            if let Some(max) = self.channel.posts_per_week.max {
                week_cap[*w] = max.saturating_sub(fixed_on(&|x| x.iso_week() == *week));
            }
        }
        let index = |i: usize| used.binary_search(&i).expect("a used instance");
        // Preferred: tier first, then time; the slot order otherwise.
        let cost = match prefer {
            None => Vec::new(),
            Some(prefer) => used
                .iter()
                .enumerate()
                .map(|(j, &i)| {
                    let local = self.instances[i].local;
                    let slot = crate::model::Slot {
                        weekday: local.weekday(),
                        time: local.time(),
                    };
                    let tier = prefer
                        .figure(&self.channel.id, slot)
                        .map_or(0, |f| f.tier as u64);
                    tier * used.len() as u64 + j as u64
                })
                .collect(),
        };
        let problem = solve::Problem {
            slots,
            day_cap,
            week_cap,
            gap: self.channel.min_gap_minutes.map_or(0, i64::from),
            pairs: self
                .pairs
                .iter()
                .map(|p| p.candidates.iter().map(|i| index(*i)).collect())
                .collect(),
            cost,
        };
        let solution = solve::solve(&problem);
        for (pair, slot) in self.pairs.iter_mut().zip(&solution.slot) {
            pair.placed = slot.map(|s| used[s]);
        }
        solution.proven
    }

    /// Why a pair stayed unplaced, in one line.
    fn reason(&self, pair: &PairRun<'_>, options: &Options) -> String {
        let (lo, hi) = pair.window;
        let span = if lo == hi {
            format!("on {lo}")
        } else {
            format!("from {lo} to {hi}")
        };
        if hi <= options.today {
            return format!("its window ({span}) is in the past");
        }
        let range = &self.instances[pair.instances.clone()];
        if range.is_empty() {
            return format!("`{}` has no slot {span}", self.channel.id);
        }
        if pair.candidates.is_empty() {
            let wait = pair.wait;
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            for inst in range {
                let kind = match &inst.refusal {
                    Some(r) => r.kind(),
                    None if wait.is_some_and(|w| inst.local.date() <= w) => {
                        "not approved in time (`approve_days_before`)"
                    }
                    None => "freeze",
                };
                *kinds.entry(kind).or_default() += 1;
            }
            let kinds: Vec<String> = kinds
                .into_iter()
                .map(|(k, n)| {
                    if n == 1 {
                        k.to_owned()
                    } else {
                        format!("{k} ×{n}")
                    }
                })
                .collect();
            return format!("no usable slot {span}: {}", kinds.join(", "));
        }
        let n = pair.candidates.len();
        format!(
            "{} {span} went to other posts or would break a cap or the gap",
            if n == 1 {
                "its only usable slot".to_owned()
            } else {
                format!("its {n} usable slots")
            }
        )
    }
}
