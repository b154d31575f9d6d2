//! The real steps behind one gap line: how many organisations go from which level to
//! which, counted per (level now, level required) pair, so that no step is printed that
//! no organisation has.
//!
//! The steps split the line's organisations, so every figure printed must leave no
//! smaller group to work out: a step is shown only when at least `k` organisations share
//! it (and, campaign-wide, each audience's part of it is none or at least `k`), and the
//! organisations at the steps not shown must be none or at least `k` as well, or the line
//! minus the steps shown would give them away. While they are not, the smallest step
//! shown joins them.

use std::collections::BTreeMap;

use super::Step;
use super::privacy::parts_safe;

/// One organisation's step on a parameter, with its audience.
#[derive(Debug, Clone, Copy)]
pub(super) struct Taken<'a> {
    pub audience: &'a str,
    pub current: u8,
    pub required: u8,
}

/// The steps that may be shown, most organisations first (ties: lowest level first), and
/// how many organisations are at the others (none or at least `k`).
pub(super) fn steps(taken: &[Taken<'_>], k: usize) -> (Vec<Step>, usize) {
    let mut by_step: BTreeMap<(u8, u8), Vec<&str>> = BTreeMap::new();
    for t in taken {
        by_step
            .entry((t.current, t.required))
            .or_default()
            .push(t.audience);
    }
    let mut ranked: Vec<((u8, u8), Vec<&str>)> = by_step.into_iter().collect();
    ranked.sort_by_key(|(step, members)| (std::cmp::Reverse(members.len()), *step));
    let (mut shown, hidden): (Vec<_>, Vec<_>) = ranked
        .into_iter()
        .partition(|(_, members)| members.len() >= k && parts_safe(members.iter().copied(), k));
    let mut rest: Vec<&str> = hidden.into_iter().flat_map(|(_, m)| m).collect();
    while !rest.is_empty() && !parts_safe(rest.iter().copied(), k) {
        match shown.pop() {
            Some((_, members)) => rest.extend(members),
            None => break,
        }
    }
    let steps = shown
        .into_iter()
        .map(|((current, required), members)| Step {
            current,
            required,
            organisations: members.len(),
        })
        .collect();
    (steps, rest.len())
}
