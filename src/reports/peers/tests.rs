//! The peer statistics against values computed by hand.

use super::{PeerScore, PeerStanding, PeerStats, Withheld, peer_standing, quantile};

fn score(organisation_id: i64, country: &str, value: f64) -> PeerScore<'_> {
    PeerScore {
        organisation_id,
        country,
        value,
    }
}

fn shown(standing: PeerStanding) -> PeerStats {
    match standing {
        PeerStanding::Shown(stats) => stats,
        PeerStanding::Withheld(why) => panic!("withheld: {why:?}"),
    }
}

#[test]
fn quartiles_interpolate_linearly_between_closest_ranks() {
    // n = 4: h = 3p, so Q1 at 0.75, the median at 1.5, Q3 at 2.25.
    let sorted = [1.0, 2.0, 3.0, 4.0];
    assert_eq!(quantile(&sorted, 0.25), Some(1.75));
    assert_eq!(quantile(&sorted, 0.5), Some(2.5));
    assert_eq!(quantile(&sorted, 0.75), Some(3.25));
    // n = 5: every quartile falls on a rank.
    let sorted = [0.5, 1.0, 2.0, 3.5, 4.0];
    assert_eq!(quantile(&sorted, 0.25), Some(1.0));
    assert_eq!(quantile(&sorted, 0.5), Some(2.0));
    assert_eq!(quantile(&sorted, 0.75), Some(3.5));
    assert_eq!(quantile(&sorted, 0.0), Some(0.5));
    assert_eq!(quantile(&sorted, 1.0), Some(4.0));
}

#[test]
fn ties_give_the_tied_value_and_interpolate_only_across_a_step() {
    // n = 4: Q1 at 0.75 between 2 and 2, Q3 at 2.25 a quarter from 2 towards 3.
    let sorted = [2.0, 2.0, 2.0, 3.0];
    assert_eq!(quantile(&sorted, 0.25), Some(2.0));
    assert_eq!(quantile(&sorted, 0.5), Some(2.0));
    assert_eq!(quantile(&sorted, 0.75), Some(2.25));
    let all_same = [3.0; 7];
    assert_eq!(quantile(&all_same, 0.25), Some(3.0));
    assert_eq!(quantile(&all_same, 0.75), Some(3.0));
}

#[test]
fn one_value_is_every_quartile_and_none_has_none() {
    assert_eq!(quantile(&[1.5], 0.25), Some(1.5));
    assert_eq!(quantile(&[1.5], 0.75), Some(1.5));
    assert_eq!(quantile(&[], 0.5), None);
}

#[test]
fn k_minus_one_organisations_are_withheld_and_k_are_shown() {
    let two = [score(1, "AT", 1.0), score(2, "AT", 3.0)];
    assert_eq!(
        peer_standing(&two, 3),
        PeerStanding::Withheld(Withheld::TooFew {
            organisations: 2,
            k: 3
        })
    );
    // Given out of order: sorted before the quartiles are taken.
    let three = [
        score(3, "AT", 4.0),
        score(1, "AT", 1.0),
        score(2, "AT", 3.0),
    ];
    assert_eq!(
        shown(peer_standing(&three, 3)),
        PeerStats {
            organisations: 3,
            responses: 3,
            q1: 2.0,
            median: 3.0,
            q3: 3.5,
        }
    );
}

#[test]
fn an_organisation_counts_once_towards_k_but_each_of_its_responses_enters_the_quartiles() {
    let one_organisation_thrice = [
        score(1, "AT", 1.0),
        score(1, "AT", 1.0),
        score(1, "AT", 1.0),
        score(2, "AT", 3.0),
    ];
    assert_eq!(
        peer_standing(&one_organisation_thrice, 3),
        PeerStanding::Withheld(Withheld::TooFew {
            organisations: 2,
            k: 3
        }),
        "four responses, two organisations"
    );
    let mut with_a_third = one_organisation_thrice.to_vec();
    with_a_third.push(score(3, "AT", 4.0));
    // Sorted [1, 1, 1, 3, 4]: Q1 at rank 1, the median at 2, Q3 at 3.
    assert_eq!(
        shown(peer_standing(&with_a_third, 3)),
        PeerStats {
            organisations: 3,
            responses: 5,
            q1: 1.0,
            median: 1.0,
            q3: 3.0,
        }
    );
}

#[test]
fn a_remainder_below_k_beside_the_countries_shown_is_withheld_as_the_reports_do() {
    // AT's three are shown per country in the reports; BE's one would be the difference.
    let at_three_be_one = [
        score(1, "AT", 1.0),
        score(2, "AT", 2.0),
        score(3, "AT", 3.0),
        score(4, "BE", 4.0),
    ];
    assert_eq!(
        peer_standing(&at_three_be_one, 3),
        PeerStanding::Withheld(Withheld::SmallRemainder { k: 3 })
    );
    // No country shown on its own: nothing to subtract, the audience figure stands.
    let two_and_two = [
        score(1, "AT", 1.0),
        score(2, "AT", 2.0),
        score(3, "BE", 3.0),
        score(4, "BE", 4.0),
    ];
    assert_eq!(shown(peer_standing(&two_and_two, 3)).median, 2.5);
    // Every country shown: the remainder is empty.
    let mut three_and_three = at_three_be_one.to_vec();
    three_and_three.extend([score(5, "BE", 4.0), score(6, "BE", 4.0)]);
    let stats = shown(peer_standing(&three_and_three, 3));
    // Sorted [1, 2, 3, 4, 4, 4]: h = 5p, Q1 at 1.25, the median at 2.5, Q3 at 3.75.
    assert_eq!((stats.q1, stats.median, stats.q3), (2.25, 3.5, 4.0));
}
