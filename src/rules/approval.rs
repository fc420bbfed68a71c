//! `missing-approval`, `missing-medical-review` and `wrong-reviewer`:
//! nothing goes out that the lead did not approve, and nothing on a medical
//! theme that a physician did not check (one of the theme's `reviewers`
//! when it names them).
//!
//! Both apply from status `approved` on (`approved`, `scheduled`,
//! `published`): before that, the post is still being written and asking
//! for a sign-off would only be noise. Cancelled posts never go out.

use crate::diagnostic::Diagnostic;
use crate::model::{Approval, Calendar, Post, Role};
use crate::rules::Code;

pub fn check(calendar: &Calendar, out: &mut Vec<Diagnostic>) {
    for post in &calendar.posts {
        if !post.status.value.is_approved() {
            continue;
        }
        approval(calendar, post, out);
        medical_review(calendar, post, out);
    }
}

fn approval(calendar: &Calendar, post: &Post, out: &mut Vec<Diagnostic>) {
    let status = post.status.value.name();
    match &post.approval {
        None => out.push(
            Diagnostic::new(
                Code::MissingApproval,
                post.status.span,
                format!("post `{}` is `{status}` but has no approval", post.id.value),
            )
            .label("approved by whom?")
            .help(if calendar.rules.sealed_approvals {
                // A hand-written approval would be `unsealed-approval`.
                format!(
                    "run `edcal approve {} --by {}`: approvals are sealed",
                    post.id.value,
                    lead_hint(calendar)
                )
            } else {
                format!(
                    "add `approval = {{ by = \"{}\", on = {} }}` or run `edcal approve {} --by LEAD`",
                    lead_hint(calendar),
                    post.created
                        .map_or_else(|| "2026-10-01".to_owned(), |d| d.to_string()),
                    post.id.value
                )
            })
            .post(&post.id.value),
        ),
        Some(approval) => {
            if let Some(role) = wrong_role(calendar, approval, Role::Lead) {
                out.push(
                    Diagnostic::new(
                        Code::MissingApproval,
                        approval.span,
                        format!(
                            "post `{}` is approved by `{}`, who is {role}, not a lead",
                            post.id.value, approval.by
                        ),
                    )
                    .label("only a lead approves")
                    .help(format!(
                        "members with `role = \"lead\"`: {}",
                        calendar.members_with(Role::Lead)
                    ))
                    .post(&post.id.value),
                );
            }
        }
    }
}

/// `missing-medical-review` for one post, whatever its status: `check` asks
/// it from `approved` on, `backlog` of every post awaiting a decision.
pub fn medical_review(calendar: &Calendar, post: &Post, out: &mut Vec<Diagnostic>) {
    let Some(theme) = post
        .themes
        .iter()
        .find(|t| calendar.themes.get(*t).is_some_and(|t| t.medical_review))
    else {
        return;
    };
    match &post.medical_review {
        None => out.push(
            Diagnostic::new(
                Code::MissingMedicalReview,
                post.status.span,
                format!(
                    "post `{}` is on theme `{theme}`, which needs a physician's review, and has none",
                    post.id.value
                ),
            )
            .label(format!("`{}` without medical review", post.status.value.name()))
            .help(if calendar.rules.sealed_approvals {
                format!(
                    "run `edcal review {} --by PHYSICIAN`: reviews are sealed; physicians: {}",
                    post.id.value,
                    reviewers(calendar, theme)
                )
            } else {
                format!(
                    "add `medical_review = {{ by = \"PHYSICIAN\", on = DATE }}`; physicians: {}",
                    reviewers(calendar, theme)
                )
            })
            .post(&post.id.value),
        ),
        Some(review) => {
            if let Some(allowed) = calendar.theme_barring(post, &review.by)
                && wrong_role(calendar, review, Role::Physician).is_none()
            {
                let mut d = Diagnostic::new(
                    Code::WrongReviewer,
                    review.span,
                    format!(
                        "post `{}` is reviewed by `{}`, and theme `{}` is reviewed by {}",
                        post.id.value,
                        review.by,
                        allowed.id,
                        quoted(&allowed.reviewers)
                    ),
                )
                .label("not a reviewer of this theme")
                .help(format!(
                    "have it reviewed by {}: `edcal review {} --by {}`; or add `{}` to the theme's `reviewers`",
                    quoted(&allowed.reviewers),
                    post.id.value,
                    allowed.reviewers[0],
                    review.by
                ))
                .post(&post.id.value);
                if let Some(span) = allowed.reviewers_span {
                    d = d.note(span, "the theme's reviewers");
                }
                out.push(d);
            }
            if let Some(role) = wrong_role(calendar, review, Role::Physician) {
                out.push(
                    Diagnostic::new(
                        Code::MissingMedicalReview,
                        review.span,
                        format!(
                            "post `{}` is reviewed by `{}`, who is {role}, not a physician",
                            post.id.value, review.by
                        ),
                    )
                    .label("only a physician reviews")
                    .help(format!("physicians: {}", calendar.members_with(Role::Physician)))
                    .post(&post.id.value),
                );
            }
        }
    }
}

/// `` `dr-a` or `dr-b` ``.
fn quoted(ids: &[String]) -> String {
    let names: Vec<&str> = ids.iter().map(String::as_str).collect();
    crate::resolve::list(&names)
}

/// Who may review `theme`: its `reviewers`, else every physician.
fn reviewers(calendar: &Calendar, theme: &str) -> String {
    match calendar.themes.get(theme) {
        Some(t) if !t.reviewers.is_empty() => quoted(&t.reviewers),
        _ => calendar.members_with(Role::Physician),
    }
}

/// `Some("an editor")` when the approver does not have `role`.
fn wrong_role(calendar: &Calendar, approval: &Approval, role: Role) -> Option<String> {
    let member = calendar.team.get(&approval.by)?;
    (member.role != role).then(|| member.role.with_article())
}

fn lead_hint(calendar: &Calendar) -> &str {
    calendar
        .team
        .values()
        .find(|m| m.role == Role::Lead)
        .map_or("LEAD", |m| m.id.as_str())
}

/// `approval-due`: a post that goes out within `approve_days_before` days
/// (today included) and is not approved yet, or whose approval or review is
/// stale (see `seal`). One finding per post, at its
/// earliest time.
pub fn check_due(calendar: &Calendar, today: chrono::NaiveDate, out: &mut Vec<Diagnostic>) {
    let days = i64::from(calendar.rules.approve_days_before);
    for post in &calendar.posts {
        // A stale seal does not count as approved.
        let stale = crate::seal::is_stale(calendar, post);
        if (post.status.value.is_approved() && !stale)
            || post.status.value == crate::model::Status::Cancelled
        {
            continue;
        }
        let Some((channel, at)) = post
            .channel_ids()
            .filter_map(|c| post.at(c).map(|at| (c, at)))
            .min_by_key(|(_, at)| at.value.instant)
        else {
            continue;
        };
        let left = (at.value.local.date() - today).num_days();
        if !(0..=days).contains(&left) {
            continue;
        }
        let when = match left {
            0 => "today".to_owned(),
            1 => "tomorrow".to_owned(),
            n => format!("in {n} days"),
        };
        out.push(
            Diagnostic::new(
                Code::ApprovalDue,
                at.span,
                format!(
                    "post `{}` goes out {when} ({} on `{channel}`) and {}",
                    post.id.value,
                    at.value.local.format("%Y-%m-%d %H:%M"),
                    if stale {
                        "its content changed since it was approved or reviewed".to_owned()
                    } else {
                        format!("is still `{}`", post.status.value.name())
                    }
                ),
            )
            .label(format!("approve at least {days} days before"))
            .help(format!(
                "approve it (`edcal approve {} --by LEAD`) or move it",
                post.id.value
            ))
            .post(&post.id.value)
            .channel(channel),
        );
    }
}
