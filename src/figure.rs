//! Measured figures printed beside the threshold they were compared with.
//!
//! A figure rounded for display can cross the threshold it failed: a
//! readability score of 69.6 printed as `70` next to "at least 70 expected"
//! reads as a pass. Every message or table that shows a measured figure
//! against a threshold formats both here, so the comparison a reader sees is
//! the one edcal made: the figure is rounded to the nearest value with the
//! given decimals, except when that would land on or across the threshold,
//! where it is rounded towards the side it is really on (69.96 against 70
//! prints `69.9`, 70.04 prints `70.1`). A figure equal to its threshold
//! prints as the threshold.
//!
//! A leaf module: it imports nothing from the rest of edcal.

/// `value`, compared with `threshold`, with `decimals` decimals (a `.`).
#[must_use]
pub fn measured(value: f64, threshold: f64, decimals: u8) -> String {
    let scale = 10f64.powi(i32::from(decimals));
    let nearest = (value * scale).round() / scale;
    let shown = if value < threshold && nearest >= threshold {
        (value * scale).floor() / scale
    } else if value > threshold && nearest <= threshold {
        (value * scale).ceil() / scale
    } else {
        nearest
    };
    format!("{shown:.prec$}", prec = usize::from(decimals))
}

/// A threshold as written in the calendar or the code: the shortest form
/// (`70`, `2.5`), no trailing zeros.
#[must_use]
pub fn threshold(value: f64) -> String {
    // `{}` on an f64 writes `70` for 70.0 and never an exponent.
    format!("{value}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_under_its_threshold_never_prints_as_the_threshold() {
        assert_eq!(measured(69.6, 70.0, 1), "69.6");
        assert_eq!(measured(69.96, 70.0, 1), "69.9");
        assert_eq!(measured(69.999, 70.0, 0), "69");
        assert_eq!(measured(24.7, 25.0, 0), "24");
    }

    #[test]
    fn a_figure_over_its_threshold_never_prints_as_the_threshold() {
        assert_eq!(measured(70.04, 70.0, 1), "70.1");
        assert_eq!(measured(25.2, 25.0, 0), "26");
    }

    #[test]
    fn far_from_the_threshold_a_figure_rounds_to_the_nearest() {
        assert_eq!(measured(19.96, 70.0, 1), "20.0");
        assert_eq!(measured(-3.24, 70.0, 1), "-3.2");
        assert_eq!(measured(88.04, 70.0, 1), "88.0");
        assert_eq!(measured(70.0, 70.0, 1), "70.0");
        assert_eq!(measured(33.333, 25.0, 0), "33");
    }

    #[test]
    fn thresholds_print_short() {
        assert_eq!(threshold(70.0), "70");
        assert_eq!(threshold(2.5), "2.5");
        assert_eq!(threshold(0.0), "0");
        assert_eq!(measured(24.75, 25.0, 1), "24.8");
    }
}
