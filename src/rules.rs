//! The rules: every finding edcal can report has a [`Code`], with its
//! stable name, its severity and the text `edcal explain CODE` prints, in
//! [`code`]'s registry.
//!
//! Code names are part of the contract (the README's "Rules"): calendars
//! silence them with `[rules] allow`, CI scripts grep for them. Never rename
//! one. The checks themselves live where the data they need is: syntax and
//! shape in `load` and `raw`, references and values in `resolve`, everything
//! that looks across posts in the submodules here.

pub mod code;

mod approval;
mod cadence;
mod calendar_days;
mod campaign;
mod capacity;
mod consent;
mod control;
mod date_mismatch;
mod duplicate;
mod freeze;
mod media;
mod publishing;
mod seal;
mod timing;

pub use code::{Code, REGISTRY};

pub use approval::check as check_approvals;
pub use approval::check_due as check_approval_due;
pub use approval::medical_review as check_medical_review;
pub use cadence::check as check_cadence;
pub use calendar_days::check as check_closed_days;
pub use campaign::{check as check_campaigns, planned as campaign_planned};
pub use capacity::check as check_capacity;
pub use consent::check as check_consents;
pub use control::check as check_control_characters;
pub use control::{describe as describe_control, find as find_controls};
pub use date_mismatch::check as check_date_mismatch;
pub use duplicate::{
    Keys as DuplicateKeys, check as check_duplicate_text, keys_of as duplicate_keys,
};
pub use freeze::check as check_frozen;
pub use media::check as check_media;
pub use media::check_uploadable as check_media_uploadable;
pub use publishing::{check_post as check_publishing_post, check_posts as check_publishing_posts};
pub use seal::check as check_seals;
pub use timing::check as check_timing;
