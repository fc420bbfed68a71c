//! `edcal campaign [ID]`: one campaign in full, or every campaign in one
//! table. Like `plan week`, the report is printed even when the calendar has
//! errors, and the exit code is then 1.

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use crate::Context;
use crate::plan::campaign;

#[derive(Debug, Args)]
pub struct CampaignArgs {
    /// A campaign id; without one, every campaign in one table
    pub id: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = CampaignFormat::Table)]
    pub format: CampaignFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CampaignFormat {
    Table,
    Json,
}

pub fn run(args: &CampaignArgs, ctx: &mut Context<'_>) -> Result<u8> {
    let checked = ctx.check()?;
    let calendar = &checked.calendar;
    let language = calendar.settings.language;
    let selected: Vec<&crate::model::Campaign> = match &args.id {
        Some(id) => match calendar.campaigns.get(id) {
            Some(c) => vec![c],
            None => {
                let hint = crate::raw::closest(id, calendar.campaigns.keys().map(String::as_str))
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                bail!("unknown campaign `{id}`{hint}\nhint: `edcal campaign` lists every campaign");
            }
        },
        None => calendar.campaigns.values().collect(),
    };
    let reports: Vec<campaign::Report> = selected
        .iter()
        .map(|c| campaign::report(calendar, c, checked.today))
        .collect();
    match (args.format, &args.id) {
        (CampaignFormat::Json, id) => campaign::write_json(&reports, id.is_some(), ctx.stdout)?,
        (CampaignFormat::Table, Some(_)) => {
            campaign::write_report(&reports[0], language, ctx.stdout)?;
        }
        (CampaignFormat::Table, None) => campaign::write_summary(&reports, language, ctx.stdout)?,
    }
    super::plan::errors_note(&checked, ctx)
}
