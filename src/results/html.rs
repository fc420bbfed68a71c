//! `edcal report --format html`: the figures review as one self-contained
//! page, built like the plan page (`crate::plan::html`: inline CSS, no
//! script, a Content-Security-Policy forbidding other origins). The charts
//! are SVG drawn here; each has a `<title>` and a `<desc>`, and its figures
//! are also in a table beside it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate, Timelike, Weekday};
use maud::{Markup, html};

use super::report::{self, By, Figures, Report, Scope, Words};
use crate::model::Calendar;
use crate::plan::html::document;
use crate::plan::labels::Labels;

/// Print on A4 portrait, charts kept whole.
const PAPER: &str = "
.report { max-width: 60rem; }
.report table { border-collapse: collapse; margin: 0.3rem 0 0.8rem; }
.report th, .report td { border: 1px solid var(--line); padding: 0.2rem 0.45rem; text-align: right; }
.report th[scope=row], .report thead th:first-child { text-align: left; }
.report thead th { background: var(--shade); }
.report td.text { text-align: left; white-space: pre-wrap; max-width: 32rem; }
.report svg { display: block; max-width: 100%; height: auto; margin: 0.3rem 0; }
.report figure { margin: 0.4rem 0 1rem; break-inside: avoid; }
.report figcaption { font-weight: 600; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  body { font-size: 8pt; margin: 0; }
  .report section { break-inside: avoid-page; }
  .report th, .report td { padding: 0.6mm 1.2mm; }
}
";

/// Chart geometry, in SVG units.
const PLOT: f64 = 300.0;
const LABEL: f64 = 170.0;
const ROW: f64 = 20.0;
const DAY_HEIGHT: f64 = 120.0;
const DAY_WIDTH: f64 = 16.0;
const INK: &str = "#0072b2";

/// A bar: its label, its value and the value as written.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// The length of a bar of `value` on a scale whose longest is `max`.
pub(crate) fn length(value: f64, max: f64, full: f64) -> f64 {
    if max > 0.0 && value > 0.0 {
        value / max * full
    } else {
        0.0
    }
}

fn max_of(bars: &[Bar]) -> f64 {
    bars.iter().map(|b| b.value).fold(0.0, f64::max)
}

fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// Horizontal bars, one per label.
/// A chart in its figure, captioned with the chart's own title.
fn figure_of(
    chart: fn(&str, &str, &str, &[Bar]) -> Markup,
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Bar],
) -> Markup {
    html! {
        figure {
            figcaption { (title) }
            (chart(id, title, desc, bars))
        }
    }
}

pub(crate) fn hbars(id: &str, title: &str, desc: &str, bars: &[Bar]) -> Markup {
    let max = max_of(bars);
    let width = LABEL + PLOT + 90.0;
    let height = ROW * bars.len() as f64 + 4.0;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox={"0 0 " (n(width)) " " (n(height))}
            width=(n(width)) height=(n(height)) aria-labelledby={(id) "-t " (id) "-d"} {
            title id={(id) "-t"} { (title) }
            desc id={(id) "-d"} { (desc) }
            @for (i, bar) in bars.iter().enumerate() {
                @let y = ROW * i as f64 + 2.0;
                text x=(n(LABEL - 6.0)) y=(n(y + 13.0)) text-anchor="end" font-size="11" { (bar.label) }
                rect class="bar" x=(n(LABEL)) y=(n(y + 2.0)) width=(n(length(bar.value, max, PLOT))) height=(n(ROW - 6.0)) fill=(INK) {}
                text x=(n(LABEL + length(bar.value, max, PLOT) + 4.0)) y=(n(y + 13.0)) font-size="11" { (bar.shown) }
            }
        }
    }
}

/// Vertical bars, one per day, labelled by the day of the month.
pub(crate) fn day_bars(id: &str, title: &str, desc: &str, bars: &[Bar]) -> Markup {
    let max = max_of(bars);
    let width = DAY_WIDTH * bars.len() as f64 + 8.0;
    let height = DAY_HEIGHT + 36.0;
    let base = DAY_HEIGHT + 14.0;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox={"0 0 " (n(width)) " " (n(height))}
            width=(n(width)) height=(n(height)) aria-labelledby={(id) "-t " (id) "-d"} {
            title id={(id) "-t"} { (title) }
            desc id={(id) "-d"} { (desc) }
            line x1="4" x2=(n(width - 4.0)) y1=(n(base)) y2=(n(base)) stroke="#888" {}
            @for (i, bar) in bars.iter().enumerate() {
                @let x = 4.0 + DAY_WIDTH * i as f64;
                @let h = length(bar.value, max, DAY_HEIGHT);
                rect class="bar" x=(n(x + 2.0)) y=(n(base - h)) width=(n(DAY_WIDTH - 4.0)) height=(n(h)) fill=(INK) {
                    title { (bar.label) " : " (bar.shown) }
                }
                text x=(n(x + DAY_WIDTH / 2.0)) y=(n(base + 12.0)) text-anchor="middle" font-size="8" { (bar.label.rsplit('-').next().unwrap_or("")) }
            }
        }
    }
}

/// Figures grouped by one key of `by`.
fn grouped(report: &Report, by: By) -> BTreeMap<String, Figures> {
    let mut out: BTreeMap<String, Figures> = BTreeMap::new();
    for pair in &report.pairs {
        for key in report::keys(pair, &[by], report.language) {
            out.entry(key.concat()).or_default().add(pair);
        }
    }
    out
}

fn rate_value(f: &Figures) -> f64 {
    f.engagement_rate.unwrap_or(0.0) * 100.0
}

/// The figures table of groups.
fn figures_table(w: &Words, first: &str, groups: &BTreeMap<String, Figures>) -> Markup {
    html! {
        table {
            thead { tr { th scope="col" { (first) } @for h in w.figures { th scope="col" { (h) } } } }
            tbody {
                @for (key, f) in groups {
                    tr { th scope="row" { (key) } @for c in w.cells(figure_cells(f)) { td { (c) } } }
                }
            }
        }
    }
}

fn figure_cells(f: &Figures) -> Vec<String> {
    vec![
        f.planned.to_string(),
        f.published.to_string(),
        f.measured.to_string(),
        report::opt(f.impressions),
        report::opt(f.reach),
        report::opt(f.engagements),
        report::rate(f.engagement_rate),
    ]
}

/// The page.
pub fn write_html(report: &Report, calendar: &Calendar, out: &mut dyn Write) -> io::Result<()> {
    let w = Words::of(report.language);
    let l = Labels::new(report.language);
    let rate_cell = |r: Option<f64>| w.cells(vec![report::rate(r)]).remove(0);
    let scope = report::scope_label(report, &w);
    let title = format!("{}{} {}", w.title, w.colon, scope);
    let days: Vec<NaiveDate> = report
        .pairs
        .iter()
        .filter_map(|p| p.at.map(|a| a.date()))
        .collect();
    let period = match &report.scope_kind {
        Scope::Campaign(id) => calendar.campaigns.get(id).map(|c| (c.start, c.end)),
        Scope::Days(from, to) => Some((*from, *to)),
        Scope::All => days
            .iter()
            .min()
            .zip(days.iter().max())
            .map(|(a, b)| (*a, *b)),
    };
    let by_channel = grouped(report, By::Channel);
    let by_theme = grouped(report, By::Theme);
    let (header, rows) = report::group_rows(report, &w);
    let keys = report.by.len().max(1);
    let bars =
        |groups: &BTreeMap<String, Figures>, f: &dyn Fn(&Figures) -> (f64, String)| -> Vec<Bar> {
            groups
                .iter()
                .map(|(k, g)| {
                    let (value, shown) = f(g);
                    Bar {
                        label: k.clone(),
                        value,
                        shown,
                    }
                })
                .collect()
        };
    let impressions = bars(&by_channel, &|g| {
        (
            g.impressions.unwrap_or(0) as f64,
            report::opt(g.impressions),
        )
    });
    let rates = bars(&by_channel, &|g| {
        (rate_value(g), rate_cell(g.engagement_rate))
    });
    let theme_rates = bars(&by_theme, &|g| {
        (rate_value(g), rate_cell(g.engagement_rate))
    });
    // Weekday × hour, over the pairs with a time.
    let mut heat: BTreeMap<(u32, u32), Figures> = BTreeMap::new();
    for pair in &report.pairs {
        if let Some(at) = pair.at {
            heat.entry((at.weekday().num_days_from_monday(), at.hour()))
                .or_default()
                .add(pair);
        }
    }
    let hours: Vec<u32> = {
        let mut h: Vec<u32> = heat.keys().map(|k| k.1).collect();
        h.sort_unstable();
        h.dedup();
        h
    };
    let max_rate = heat.values().map(rate_value).fold(0.0, f64::max);
    let weekdays: [&str; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .map(|day| l.weekday(day));
    // The campaign's days.
    let campaign_days: Vec<(NaiveDate, usize, u64)> = match (&report.scope_kind, period) {
        (Scope::Campaign(_), Some((start, end))) => start
            .iter_days()
            .take_while(|d| *d <= end)
            .map(|d| {
                let on: Vec<_> = report
                    .pairs
                    .iter()
                    .filter(|p| p.published && p.at.map(|a| a.date()) == Some(d))
                    .collect();
                let engagements = on
                    .iter()
                    .filter_map(|p| p.latest.and_then(|(m, _)| m.engagements()))
                    .sum();
                (d, on.len(), engagements)
            })
            .collect(),
        _ => Vec::new(),
    };
    let posts = crate::plan::html::posts_by_id(calendar);
    let text_of = |source: &str, channel: &str| {
        posts
            .get(source)
            .map(|p| crate::publish::compose(p, channel, crate::publish::Link::InText).text)
            .unwrap_or_default()
    };
    let source_of = |post: &str, channel: &str| {
        report
            .pairs
            .iter()
            .find(|p| p.post == post && p.channel == channel)
            .map_or_else(|| post.to_owned(), |p| p.source.to_owned())
    };
    let body = html! {
        main.report {
            h1 { (title) }
            @if let Some((from, to)) = period {
                p.zone { (l.pick("Période : du ", "Period: ")) (from) (l.pick(" au ", " to ")) (to) }
            }
            section {
                h2 { "Notes" }
                ul { @for note in &report.notes { li { ((w.notes)(note)) } } }
            }
            section {
                h2 { (l.pick("Totaux", "Totals")) }
                table {
                    thead { tr { @for h in &header { th scope="col" { (h) } } } }
                    tbody {
                        @for row in &rows {
                            tr {
                                @for (i, c) in row.iter().enumerate() {
                                    @if i < keys { th scope="row" { (c) } } @else { td { (c) } }
                                }
                            }
                        }
                    }
                }
            }
            section {
                h2 { (l.pick("Par canal", "By channel")) }
                (figure_of(hbars, "impressions", l.pick("Impressions par canal", "Impressions by channel"),
                        l.pick("Barres horizontales : les impressions de chaque canal ; les chiffres sont dans le tableau du canal.",
                               "Horizontal bars: each channel's impressions; the figures are in the channel table."), &impressions))
                (figure_of(hbars, "rate-channel", l.pick("Taux d'engagement par canal", "Engagement rate by channel"),
                        l.pick("Barres horizontales : le taux d'engagement de chaque canal ; les chiffres sont dans le tableau du canal.",
                               "Horizontal bars: each channel's engagement rate; the figures are in the channel table."), &rates))
                (figures_table(&w, (w.by)("channel"), &by_channel))
            }
            section {
                h2 { (l.pick("Par thème", "By theme")) }
                (figure_of(hbars, "rate-theme", l.pick("Taux d'engagement par thème", "Engagement rate by theme"),
                        l.pick("Barres horizontales : le taux d'engagement de chaque thème ; les chiffres sont dans le tableau des thèmes.",
                               "Horizontal bars: each theme's engagement rate; the figures are in the theme table."), &theme_rates))
                (figures_table(&w, (w.by)("theme"), &by_theme))
            }
            @if !heat.is_empty() {
                section {
                    h2 { (l.pick("Jour et heure de publication", "Day and hour of publication")) }
                    figure {
                        figcaption { (l.pick("Taux d'engagement par jour de la semaine et heure", "Engagement rate by weekday and hour")) }
                        (heat_map(&heat, &hours, &weekdays, max_rate, l, &rate_cell))
                    }
                    table {
                        thead { tr { th scope="col" { (l.pick("jour", "day")) } @for h in &hours { th scope="col" { (format!("{h:02}h")) } } } }
                        tbody {
                            @for (d, name) in weekdays.iter().enumerate() {
                                tr {
                                    th scope="row" { (name) }
                                    @for h in &hours {
                                        td { (heat.get(&(d as u32, *h)).map_or_else(String::new, |f| rate_cell(f.engagement_rate))) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !campaign_days.is_empty() {
                @let published: Vec<Bar> = campaign_days.iter().map(|(d, p, _)| Bar { label: d.to_string(), value: *p as f64, shown: p.to_string() }).collect();
                @let engaged: Vec<Bar> = campaign_days.iter().map(|(d, _, e)| Bar { label: d.to_string(), value: *e as f64, shown: e.to_string() }).collect();
                section {
                    h2 { (l.pick("Les jours de la campagne", "The campaign's days")) }
                    (figure_of(day_bars, "days-published", l.pick("Publications par jour", "Publications by day"),
                            l.pick("Une barre par jour de la campagne : le nombre de publications parues ; les chiffres sont dans le tableau des jours.",
                                   "One bar per day of the campaign: the publications that went out; the figures are in the table of days."), &published))
                    (figure_of(day_bars, "days-engagements", l.pick("Interactions par jour de publication", "Engagements by day of publication"),
                            l.pick("Une barre par jour de la campagne : les interactions des publications parues ce jour-là ; les chiffres sont dans le tableau des jours.",
                                   "One bar per day of the campaign: the engagements of that day's publications; the figures are in the table of days."), &engaged))
                    table {
                        thead { tr { th scope="col" { (l.pick("jour", "day")) } th scope="col" { (w.figures[1]) } th scope="col" { (w.figures[5]) } } }
                        tbody { @for (d, p, e) in campaign_days.iter().filter(|c| c.1 > 0) { tr { th scope="row" { (d) } td { (p) } td { (e) } } } }
                    }
                    p { (l.pick("Les autres jours de la campagne : aucune publication.", "The campaign's other days: no publication.")) }
                }
            }
            @for (title, list) in [(w.top, &report.top), (w.bottom, &report.bottom)] {
                @if !list.is_empty() {
                    section {
                        h2 { (title) }
                        table {
                            thead { tr { @for h in w.ranks { th scope="col" { (h) } } th scope="col" { (l.pick("texte", "text")) } } }
                            tbody {
                                @for r in list {
                                    tr {
                                        @let cells = w.cells(report::rank_cells(r));
                                        th scope="row" { (cells[0]) br; (r.title) }
                                        @for c in &cells[1..] { td { (c) } }
                                        td.text { (text_of(&source_of(&r.post, &r.channel), &r.channel)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let markup = document(report.language, &title, PAPER, &body);
    out.write_all(markup.into_string().as_bytes())?;
    writeln!(out)
}

/// Weekdays down, hours across; the darker, the higher the rate.
fn heat_map(
    heat: &BTreeMap<(u32, u32), Figures>,
    hours: &[u32],
    weekdays: &[&str; 7],
    max: f64,
    l: Labels,
    rate_cell: &dyn Fn(Option<f64>) -> String,
) -> Markup {
    const CELL_W: f64 = 40.0;
    const CELL_H: f64 = 20.0;
    const LEFT: f64 = 70.0;
    const TOP: f64 = 16.0;
    let width = LEFT + CELL_W * hours.len() as f64 + 4.0;
    let height = TOP + CELL_H * 7.0 + 4.0;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox={"0 0 " (n(width)) " " (n(height))}
            width=(n(width)) height=(n(height)) aria-labelledby="heat-t heat-d" {
            title id="heat-t" { (l.pick("Taux d'engagement par jour et heure", "Engagement rate by weekday and hour")) }
            desc id="heat-d" { (l.pick("Carte de chaleur : une ligne par jour de la semaine, une colonne par heure de publication ; plus la case est foncée, plus le taux est haut. Les chiffres sont dans le tableau qui suit.",
                                      "Heat map: a row per weekday, a column per hour of publication; the darker, the higher the rate. The figures are in the table that follows.")) }
            @for (j, h) in hours.iter().enumerate() {
                text x=(n(LEFT + CELL_W * j as f64 + CELL_W / 2.0)) y="12" text-anchor="middle" font-size="10" { (format!("{h:02}h")) }
            }
            @for (d, name) in weekdays.iter().enumerate() {
                text x=(n(LEFT - 6.0)) y=(n(TOP + CELL_H * d as f64 + 14.0)) text-anchor="end" font-size="10" { (name) }
                @for (j, h) in hours.iter().enumerate() {
                    @let x = LEFT + CELL_W * j as f64;
                    @let y = TOP + CELL_H * d as f64;
                    @if let Some(f) = heat.get(&(d as u32, *h)) {
                        @let shade = length(rate_value(f), max, 1.0);
                        rect x=(n(x + 1.0)) y=(n(y + 1.0)) width=(n(CELL_W - 2.0)) height=(n(CELL_H - 2.0)) fill=(INK) fill-opacity=(format!("{:.2}", 0.08 + 0.92 * shade)) {
                            title { (name) " " (format!("{h:02}h")) " : " (rate_cell(f.engagement_rate)) }
                        }
                        text x=(n(x + CELL_W / 2.0)) y=(n(y + 14.0)) text-anchor="middle" font-size="9" fill=(if shade > 0.55 { "#fff" } else { "#1a1a1a" }) {
                            (rate_cell(f.engagement_rate).trim_end_matches(" %"))
                        }
                    } @else {
                        rect x=(n(x + 1.0)) y=(n(y + 1.0)) width=(n(CELL_W - 2.0)) height=(n(CELL_H - 2.0)) fill="#f4f4f6" {}
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    /// The values of `attr="…"` of every `<rect class="bar"` of an SVG.
    fn bar_attr(svg: &str, attr: &str) -> Vec<f64> {
        svg.split("<rect class=\"bar\"")
            .skip(1)
            .map(|tag| {
                let needle = format!(" {attr}=\"");
                let rest = &tag[tag.find(&needle).unwrap() + needle.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    fn bars(values: &[f64]) -> Vec<Bar> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Bar {
                label: format!("2026-10-{:02}", i + 1),
                value: *v,
                shown: v.to_string(),
            })
            .collect()
    }

    #[test]
    fn horizontal_bars_are_proportional_to_their_values() {
        let values = [1200.0, 300.0, 0.0, 600.0];
        let svg = hbars("t", "title", "desc", &bars(&values)).into_string();
        let widths = bar_attr(&svg, "width");
        assert_eq!(widths, vec![300.0, 75.0, 0.0, 150.0]);
        // Recomputed independently: each width over the longest is the
        // value over the largest.
        for (w, v) in widths.iter().zip(values) {
            assert!((w / 300.0 - v / 1200.0).abs() < 1e-3);
        }
        assert!(svg.contains("<title id=\"t-t\">title</title><desc id=\"t-d\">desc</desc>"));
    }

    #[test]
    fn day_bars_stand_on_one_baseline_with_heights_proportional_to_values() {
        let values = [2.0, 5.0, 0.0, 1.0];
        let svg = day_bars("d", "title", "desc", &bars(&values)).into_string();
        let heights = bar_attr(&svg, "height");
        let ys = bar_attr(&svg, "y");
        assert_eq!(heights, vec![48.0, 120.0, 0.0, 24.0]);
        for (h, y) in heights.iter().zip(&ys) {
            assert!((h + y - 134.0).abs() < 1e-9, "bar not on the baseline");
        }
        // Day numbers under the bars.
        assert!(svg.contains(">01</text>") && svg.contains(">04</text>"));
    }

    /// The example calendar's Octobre Rose, in `language`.
    fn octobre_rose(language: Language) -> String {
        let root = std::path::Path::new("calendar");
        let mut calendar = crate::load::load(root).unwrap().calendar;
        calendar.settings.language = language;
        let rows = super::super::store::read_all(root).unwrap();
        let scope = Scope::Campaign("octobre-rose-2026".to_owned());
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let report = report::build(&calendar, &rows, &scope, &[By::Channel], today);
        let mut out = Vec::new();
        write_html(&report, &calendar, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_page_speaks_the_calendars_language_and_is_the_same_every_time() {
        let fr = octobre_rose(Language::Fr);
        assert_eq!(fr, octobre_rose(Language::Fr));
        assert!(fr.contains("<html lang=\"fr\">") && fr.contains("<h2>Par canal</h2>"));
        assert!(fr.contains("5,48 %") && !fr.contains("5.48 %"));
        let en = octobre_rose(Language::En);
        assert!(en.contains("<html lang=\"en\">"));
        for label in [
            "Report: campaign octobre-rose-2026",
            "<h2>By channel</h2>",
            "<h2>By theme</h2>",
            "Engagement rate by weekday and hour",
            "The campaign's days",
            "Period: 2026-10-01 to 2026-10-31",
            "5.48 %",
        ] {
            assert!(en.contains(label), "{label}");
        }
        assert!(!en.contains("Par canal") && !en.contains("5,48 %"));
    }

    #[test]
    fn no_value_no_bar() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(length(0.0, 0.0, 100.0), 0.0));
        assert!(close(length(3.0, 0.0, 100.0), 0.0));
        assert!(close(length(-1.0, 4.0, 100.0), 0.0));
        assert!(close(length(2.0, 4.0, 100.0), 50.0));
    }
}
