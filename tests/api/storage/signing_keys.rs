//! The CSRF signing key: made once, the same for every connection and every instance.

use std::sync::{Arc, Barrier};

use liaison::storage::signing_keys::{CSRF, get_or_create};

use crate::test_db::TestDb;

#[test]
fn instances_starting_at_the_same_moment_agree_on_one_key() {
    for db in TestDb::all() {
        let pool = db.pool();
        let start = Arc::new(Barrier::new(2));
        let keys: Vec<_> = (0..2)
            .map(|_| {
                let (pool, start) = (pool.clone(), start.clone());
                std::thread::spawn(move || {
                    let mut conn = pool.get().expect("a connection");
                    start.wait();
                    get_or_create(&mut conn, CSRF).expect("a key")
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().expect("the thread finishes"))
            .collect();
        assert_eq!(keys[0], keys[1], "{db}");
        let mut conn = db.conn();
        assert_eq!(
            get_or_create(&mut conn, CSRF).expect("a key"),
            keys[0],
            "{db}"
        );
        assert_ne!(
            get_or_create(&mut conn, "other").expect("a key"),
            keys[0],
            "{db}"
        );
    }
}
