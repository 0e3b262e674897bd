//! Reciprocal rank fusion: how hybrid search merges the BM25 ranking and the vector ranking,
//! which score on scales that cannot be compared. Each list gives an item `1 / (k + rank)`
//! (rank from 1); an item's score is the sum over the lists that hold it. With k = 60 (the
//! value of the original paper, Cormack et al. 2009) an item near the top of both lists beats
//! one at the very top of only one.

/// The fusion constant: larger flattens the advantage of the first ranks.
pub const RRF_K: f64 = 60.0;

/// The fused ranking of `lists` (ids, best first), at most `limit`: (id, score), best first.
/// Ties go to the item with the better single rank, then to the earlier list, then to the
/// lower id, so the order is deterministic.
pub fn reciprocal_rank(lists: &[&[i64]], limit: usize) -> Vec<(i64, f64)> {
    // id → (score, best rank, list of the best rank)
    let mut fused: std::collections::HashMap<i64, (f64, usize, usize)> = Default::default();
    for (list_no, list) in lists.iter().enumerate() {
        for (i, id) in list.iter().enumerate() {
            let rank = i + 1;
            let entry = fused.entry(*id).or_insert((0.0, usize::MAX, usize::MAX));
            entry.0 += 1.0 / (RRF_K + rank as f64);
            if rank < entry.1 {
                entry.1 = rank;
                entry.2 = list_no;
            }
        }
    }
    let mut out: Vec<(i64, (f64, usize, usize))> = fused.into_iter().collect();
    out.sort_by(|(a_id, a), (b_id, b)| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a_id.cmp(b_id))
    });
    out.truncate(limit);
    out.into_iter()
        .map(|(id, (score, _, _))| (id, score))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(fused: &[(i64, f64)]) -> Vec<i64> {
        fused.iter().map(|f| f.0).collect()
    }

    #[test]
    fn items_high_in_both_lists_win_and_scores_are_reciprocal_ranks() {
        let bm25 = [1, 2, 3];
        let vector = [4, 2, 1];
        let fused = reciprocal_rank(&[&bm25, &vector], 10);
        // 2: 1/62 + 1/62; 1: 1/61 + 1/63; 4: 1/61; 3: 1/63.
        assert_eq!(ids(&fused), vec![1, 2, 4, 3]);
        assert!((fused[0].1 - (1.0 / 61.0 + 1.0 / 63.0)).abs() < 1e-12);
        assert!((fused[1].1 - 2.0 / 62.0).abs() < 1e-12);
        assert_eq!(ids(&reciprocal_rank(&[&bm25, &vector], 2)), vec![1, 2]);
    }

    #[test]
    fn ties_go_to_the_better_rank_then_the_earlier_list_then_the_lower_id() {
        // 7 and 8 are both first of one list: the BM25 list (first) wins the tie.
        assert_eq!(ids(&reciprocal_rank(&[&[8], &[7]], 5)), vec![8, 7]);
        // Equal sums: 1/61 + 1/64 against 1/62 + 1/63 differ, so build a true tie by rank.
        assert_eq!(ids(&reciprocal_rank(&[&[5, 6], &[6, 5]], 5)), vec![5, 6]);
        assert!(reciprocal_rank(&[&[], &[]], 5).is_empty());
        // One list alone keeps its order.
        assert_eq!(ids(&reciprocal_rank(&[&[3, 1, 2]], 5)), vec![3, 1, 2]);
    }
}
