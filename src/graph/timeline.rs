//! Counts over time: how much is said per day, week or month, for the timeline.

use crate::corpus::Date;

/// The width of a timeline bar.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    /// One bar per day.
    Day,
    /// One bar per week, Monday to Sunday.
    #[default]
    Week,
    /// One bar per calendar month.
    Month,
}

impl Bucket {
    /// Every bucket width.
    pub const ALL: [Self; 3] = [Self::Day, Self::Week, Self::Month];

    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "Day",
            Self::Week => "Week",
            Self::Month => "Month",
        }
    }

    /// A width that gives a readable number of bars for dates spanning `days`.
    pub fn for_span(days: i32) -> Self {
        if days <= 92 {
            Self::Day
        } else if days <= 3 * 365 {
            Self::Week
        } else {
            Self::Month
        }
    }

    /// The first day (days since 1970-01-01) of the bar holding `date`.
    pub fn start(self, date: Date) -> i32 {
        match self {
            Self::Day => date.days(),
            Self::Week => date.days() - date.weekday() as i32,
            Self::Month => Date::new(date.year, date.month, 1).map_or(date.days(), Date::days),
        }
    }

    /// The first day of the bar after the one starting on `start`.
    pub fn next(self, start: i32) -> i32 {
        match self {
            Self::Day => start + 1,
            Self::Week => start + 7,
            Self::Month => Date::from_days(start)
                .and_then(|d| {
                    let (y, m) = if d.month == 12 {
                        (d.year.checked_add(1)?, 1)
                    } else {
                        (d.year, d.month + 1)
                    };
                    Date::new(y, m, 1)
                })
                .map_or(start + 31, Date::days),
        }
    }
}

/// Counts per bar, and what has no date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Histogram {
    /// The width of the bars.
    pub bucket: Bucket,
    /// `(first day of the bar, count)`, by date; bars with nothing are left out.
    pub bars: Vec<(i32, u32)>,
    /// The sum of counts with no date.
    pub undated: u32,
}

impl Histogram {
    /// Adds up `counts` (a date, or none, and a count) into bars of `bucket`.
    pub fn new(bucket: Bucket, counts: impl IntoIterator<Item = (Option<Date>, u32)>) -> Self {
        let mut bars: std::collections::BTreeMap<i32, u32> = std::collections::BTreeMap::new();
        let mut undated = 0;
        for (date, n) in counts {
            if n == 0 {
                continue;
            }
            match date {
                Some(d) => *bars.entry(bucket.start(d)).or_default() += n,
                None => undated += n,
            }
        }
        Self {
            bucket,
            bars: bars.into_iter().collect(),
            undated,
        }
    }

    /// The first and last day covered, if anything is dated.
    pub fn range(&self) -> Option<(i32, i32)> {
        let first = self.bars.first()?.0;
        let last = self.bars.last()?.0;
        Some((first, self.bucket.next(last) - 1))
    }

    /// The largest bar (0 when empty).
    pub fn max(&self) -> u32 {
        self.bars.iter().map(|b| b.1).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    #[test]
    fn bars_by_day_week_and_month() {
        let counts = [
            (d("2026-01-30"), 2), // Friday
            (d("2026-02-01"), 3), // Sunday, same week
            (d("2026-02-02"), 1), // Monday, next week
            (None, 4),
            (d("2026-02-03"), 0),
        ];
        let days = Histogram::new(Bucket::Day, counts);
        assert_eq!(days.bars.len(), 3);
        assert_eq!(days.undated, 4);
        let weeks = Histogram::new(Bucket::Week, counts);
        assert_eq!(weeks.bars.iter().map(|b| b.1).collect::<Vec<_>>(), [5, 1]);
        assert_eq!(
            Date::from_days(weeks.bars[0].0)
                .map(|x| x.to_string())
                .as_deref(),
            Some("2026-01-26"),
            "weeks start on Monday"
        );
        let months = Histogram::new(Bucket::Month, counts);
        assert_eq!(months.bars.iter().map(|b| b.1).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(months.max(), 4);
        let (first, last) = months.range().expect("dated");
        assert_eq!(
            Date::from_days(first).map(|x| x.to_string()).as_deref(),
            Some("2026-01-01")
        );
        assert_eq!(
            Date::from_days(last).map(|x| x.to_string()).as_deref(),
            Some("2026-02-28")
        );
    }

    #[test]
    fn next_month_crosses_the_year() {
        let dec = d("2025-12-01").map(Date::days).expect("date");
        assert_eq!(
            Date::from_days(Bucket::Month.next(dec))
                .map(|x| x.to_string())
                .as_deref(),
            Some("2026-01-01")
        );
        assert_eq!(Bucket::for_span(30), Bucket::Day);
        assert_eq!(Bucket::for_span(400), Bucket::Week);
        assert_eq!(Bucket::for_span(4000), Bucket::Month);
    }
}
