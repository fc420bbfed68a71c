//! `stale-approval`: a sealed approval or medical review whose digest no
//! longer matches what the post's channels would publish (see `seal`);
//! `unsealed-approval`: with `[rules] sealed_approvals`, one without a
//! digest (written by hand), which proves nothing about what was approved.
//!
//! Reported from status `approved` on, as `missing-approval` is: before that
//! the post is still being written, and a review sealed on a draft that the
//! team keeps editing is expected to go stale (`plan week` flags it, and
//! `edcal approve` refuses a post whose needed review is stale). Seals are
//! verified only when `check` read the media files.

use crate::diagnostic::Diagnostic;
use crate::model::{Approval, Calendar, Post, Role};
use crate::rules::Code;
use crate::seal::{self, Verdict};

pub fn check(calendar: &Calendar, out: &mut Vec<Diagnostic>) {
    for post in &calendar.posts {
        if !post.status.value.is_approved() {
            continue;
        }
        for (kind, command, approval) in [
            ("approval", "approve", post.approval.as_ref()),
            ("medical review", "review", post.medical_review.as_ref()),
        ] {
            let Some(approval) = approval else { continue };
            if calendar.rules.sealed_approvals && approval.digest.is_none() {
                out.push(unsealed(calendar, post, kind, command, approval));
                continue;
            }
            if let Some(d) = finding(calendar, post, kind, command, approval) {
                out.push(d);
            }
        }
    }
}

/// `unsealed-approval`: written by hand where only a seal counts.
fn unsealed(
    calendar: &Calendar,
    post: &Post,
    kind: &str,
    command: &str,
    approval: &Approval,
) -> Diagnostic {
    let id = &post.id.value;
    // The member who may sign: the one written, when the role fits.
    let role = if command == "approve" {
        Role::Lead
    } else {
        Role::Physician
    };
    let signer = if calendar
        .team
        .get(&approval.by)
        .is_some_and(|m| m.role == role)
    {
        approval.by.clone()
    } else {
        calendar
            .team
            .values()
            .find(|m| m.role == role)
            .map_or_else(|| role.name().to_uppercase(), |m| m.id.clone())
    };
    Diagnostic::new(
        Code::UnsealedApproval,
        approval.span,
        format!(
            "the {kind} of post `{id}` by `{}` has no digest, and approvals are sealed (`sealed_approvals = true`)",
            approval.by
        ),
    )
    .label("written by hand: no seal of what was approved")
    .help(format!(
        "run `edcal {command} {id} --by {signer}`: it seals what each channel publishes"
    ))
    .post(id)
}

fn finding(
    calendar: &Calendar,
    post: &Post,
    kind: &str,
    command: &str,
    approval: &Approval,
) -> Option<Diagnostic> {
    let id = &post.id.value;
    let again = format!("`edcal {command} {id} --by {}`", approval.by);
    let d = match seal::verdict(calendar, post, Some(approval))? {
        Verdict::Unsealed | Verdict::Current => return None,
        Verdict::Unreadable => Diagnostic::new(
            Code::StaleApproval,
            approval.span,
            format!(
                "the {kind} of post `{id}` by `{}` has a digest edcal cannot read",
                approval.by
            ),
        )
        .label("not an edcal seal (`v1:…`)")
        .help(format!("seal it again: {again}")),
        Verdict::Changed(changes) => Diagnostic::new(
            Code::StaleApproval,
            approval.span,
            format!(
                "the {kind} of post `{id}` by `{}` on {} no longer matches: {}",
                approval.by,
                approval.on,
                seal::describe(&changes)
            ),
        )
        .label("sealed for other content than what would go out")
        .help(format!(
            "if the change is agreed, {} again: {again}; else undo the change",
            if command == "approve" {
                "approve it"
            } else {
                "have it reviewed"
            }
        ))
        .channel(&changes[0].channel),
    };
    Some(d.post(id))
}
