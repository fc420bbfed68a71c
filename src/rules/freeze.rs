//! `frozen`: a fixed (post, channel) pair, or an occurrence, inside a crisis
//! freeze window (`[[rules.freeze]]`) and not on the window's allowed themes.
//!
//! Which pairs a freeze holds is decided once, by
//! [`crate::closed::freeze_at`], the function `plan`, `schedule` and the
//! exports use too, so that the warning, the plan's flag, the scheduler's
//! refusal and the export's refusal always agree.

use crate::diagnostic::Diagnostic;
use crate::model::Calendar;
use crate::occurrence::Fixed;
use crate::rules::Code;

/// `fixed` is [`Calendar::fixed`], computed once for the rules that need it.
pub fn check(calendar: &Calendar, fixed: &[Fixed<'_>], out: &mut Vec<Diagnostic>) {
    if calendar.rules.freezes.is_empty() {
        return;
    }
    for fixed in fixed {
        let Some(freeze) = crate::closed::freeze_at(calendar, fixed.post, fixed.time.local) else {
            continue;
        };
        let allowed = if freeze.allow_themes.is_empty() {
            "no theme is allowed".to_owned()
        } else {
            let themes: Vec<String> = freeze
                .allow_themes
                .iter()
                .map(|t| format!("`{t}`"))
                .collect();
            format!("allowed themes: {}", themes.join(", "))
        };
        out.push(
            Diagnostic::new(
                Code::Frozen,
                fixed.span,
                format!(
                    "`{}` on `{}` at {} is held by the freeze \"{}\" ({} – {})",
                    fixed.id(),
                    fixed.channel,
                    fixed.time.local.format("%Y-%m-%d %H:%M"),
                    freeze.why,
                    freeze.from.format("%Y-%m-%d %H:%M"),
                    freeze.to.format("%Y-%m-%d %H:%M"),
                ),
            )
            .label(format!("frozen: {allowed}"))
            .note(freeze.span, "the freeze window")
            .help("it is left out of exports; move it after the window, or end the freeze")
            .post(&fixed.post.id.value)
            .channel(fixed.channel),
        );
    }
}
