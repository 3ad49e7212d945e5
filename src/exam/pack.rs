//! Exact packing of case groups, for when the greedy fill cannot place them.
//!
//! A case group is kept whole, and one group may span domains (a case whose questions test two
//! areas). The greedy fill in `assemble` takes units in priority order and then swaps singles out
//! for a group that did not fit; it can still paint itself into a corner when the places a group
//! needs are held by *other groups* (COC: 13 CPT questions, one of them inside an ED case whose other
//! questions count as cases). Then this search decides which groups to take: a depth-first search
//! over the groups in priority order, taking before skipping, so the least-seen groups win when
//! several packings exist. Singles fill whatever each domain has left.

/// Which groups to take so that every domain's quota can be met exactly, given how many single
/// questions each domain has. `groups[i][d]` is how many questions group `i` puts in domain `d`;
/// groups are listed in priority order. `None` when no packing exists or the search gives up
/// after `budget` steps (so a hostile bank cannot make assembly hang).
pub fn pack_groups(
    groups: &[Vec<u32>],
    quotas: &[u32],
    singles: &[u32],
    budget: u64,
) -> Option<Vec<usize>> {
    // What the groups from i onwards could still put in each domain: bounds the search.
    let mut rest = vec![vec![0u32; quotas.len()]; groups.len() + 1];
    for i in (0..groups.len()).rev() {
        for d in 0..quotas.len() {
            rest[i][d] = rest[i + 1][d] + groups[i][d];
        }
    }
    let mut left = quotas.to_vec();
    let mut chosen = Vec::new();
    let mut steps = 0u64;
    search(
        0,
        groups,
        &rest,
        singles,
        &mut left,
        &mut chosen,
        &mut steps,
        budget,
    )
    .then_some(chosen)
}

#[allow(clippy::too_many_arguments)]
fn search(
    i: usize,
    groups: &[Vec<u32>],
    rest: &[Vec<u32>],
    singles: &[u32],
    left: &mut [u32],
    chosen: &mut Vec<usize>,
    steps: &mut u64,
    budget: u64,
) -> bool {
    *steps += 1;
    if *steps > budget {
        return false;
    }
    // Even taking every remaining group, singles could not cover what is left: dead end.
    if (0..left.len()).any(|d| left[d] > singles[d] + rest[i][d]) {
        return false;
    }
    if i == groups.len() {
        return (0..left.len()).all(|d| left[d] <= singles[d]);
    }
    if groups[i].iter().zip(left.iter()).all(|(n, l)| n <= l) {
        for (l, n) in left.iter_mut().zip(&groups[i]) {
            *l -= n;
        }
        chosen.push(i);
        if search(i + 1, groups, rest, singles, left, chosen, steps, budget) {
            return true;
        }
        chosen.pop();
        for (l, n) in left.iter_mut().zip(&groups[i]) {
            *l += n;
        }
    }
    search(i + 1, groups, rest, singles, left, chosen, steps, budget)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_group_spanning_two_domains_is_placed_when_other_groups_would_block_it() {
        // Domains: [cpt, cases]. Quotas 13 and 10. Groups: 5 cases; 3 cases + 1 cpt; 3 cases; 2 cases.
        // 12 cpt singles. Greedy by priority would take 5, 3 and 2 cases and leave cpt one short.
        let groups = vec![vec![0, 5], vec![0, 3], vec![0, 2], vec![1, 3]];
        let got = pack_groups(&groups, &[13, 10], &[12, 0], 1_000_000).expect("a packing exists");
        let mut sum = [0u32; 2];
        for &g in &got {
            sum[0] += groups[g][0];
            sum[1] += groups[g][1];
        }
        assert_eq!(sum[1], 10);
        assert!(13 - sum[0] <= 12);
        assert!(got.contains(&3));
    }

    #[test]
    fn no_packing_when_group_sizes_cannot_make_the_quota() {
        // Five groups of four can never make ten.
        let groups = vec![vec![4]; 5];
        assert_eq!(pack_groups(&groups, &[10], &[0], 1_000_000), None);
        assert!(pack_groups(&groups, &[10], &[2], 1_000_000).is_some());
    }

    #[test]
    fn the_search_gives_up_within_its_budget() {
        let groups = vec![vec![2]; 60];
        assert_eq!(pack_groups(&groups, &[61], &[0], 10_000), None);
    }

    proptest! {
        /// Whatever it returns is a real packing: within every quota, and singles cover the rest.
        #[test]
        fn every_packing_returned_fits(
            groups in prop::collection::vec(prop::collection::vec(0u32..4, 3), 0..12),
            quotas in prop::collection::vec(0u32..15, 3),
            singles in prop::collection::vec(0u32..6, 3),
        ) {
            if let Some(got) = pack_groups(&groups, &quotas, &singles, 1_000_000) {
                for d in 0..3 {
                    let used: u32 = got.iter().map(|&g| groups[g][d]).sum();
                    prop_assert!(used <= quotas[d]);
                    prop_assert!(quotas[d] - used <= singles[d]);
                }
            }
        }

        /// It finds a packing whenever one exists (checked by brute force on small inputs).
        #[test]
        fn finds_a_packing_whenever_one_exists(
            groups in prop::collection::vec(prop::collection::vec(0u32..4, 2), 0..8),
            quotas in prop::collection::vec(0u32..12, 2),
            singles in prop::collection::vec(0u32..4, 2),
        ) {
            let exists = (0u32..(1 << groups.len())).any(|mask| {
                (0..2).all(|d| {
                    let used: u32 = (0..groups.len()).filter(|g| mask & (1 << g) != 0).map(|g| groups[g][d]).sum();
                    used <= quotas[d] && quotas[d] - used <= singles[d]
                })
            });
            prop_assert_eq!(pack_groups(&groups, &quotas, &singles, 1_000_000).is_some(), exists);
        }
    }
}
