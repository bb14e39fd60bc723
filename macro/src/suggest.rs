//! "did you mean ...?" for misspelled keys and values.

/// The closest candidate to `input`, if it is close enough to be a likely typo: at most one edit
/// for short words and about one edit per three characters for longer ones. Case and `-` versus
/// `_` are ignored, so `Multi-Thread` finds `multi_thread`.
pub(crate) fn closest<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // No option is longer than 32 characters; a long input is no typo, and comparing it would
    // cost time proportional to its length (a 1 MB string took seconds).
    if input.len() > 64 {
        return None;
    }
    let normalized: String = input
        .chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let limit = (normalized.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|candidate| (edit_distance(&normalized, candidate), *candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each cost one (so `flavour` is one edit from `flavor`, `falvor` too).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows i-2, i-1 and i of the dynamic-programming table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Macro;
    use crate::symbol::FLAVORS;
    use crate::table::names;

    #[test]
    fn finds_typos_of_keys() {
        let keys = &names(Macro::Test);
        assert_eq!(closest("flavour", keys), Some("flavor"));
        assert_eq!(closest("falvor", keys), Some("flavor"));
        assert_eq!(closest("worker_thread", keys), Some("worker_threads"));
        assert_eq!(closest("workers", keys), None);
        assert_eq!(closest("x", keys), None);
        // A longer key may be further off: a third of its length.
        assert_eq!(closest("workr_thrads", keys), Some("worker_threads"));
    }

    #[test]
    fn finds_typos_of_values() {
        assert_eq!(closest("multi-thread", FLAVORS), Some("multi_thread"));
        assert_eq!(closest("Current_Thread", FLAVORS), Some("current_thread"));
        assert_eq!(closest("multithread", FLAVORS), Some("multi_thread"));
        assert_eq!(closest("threaded", FLAVORS), None);
    }

    #[test]
    fn distance_counts_swaps_as_one_edit() {
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
