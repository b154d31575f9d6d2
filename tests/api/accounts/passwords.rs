//! A new analyst's password must be hard to guess, not only long; a refusal says why.

use super::{analyst_cli, stdout_of};
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_command_line_refuses_long_but_guessable_passwords_with_the_reason() {
    let app = spawn_app().await;
    let email = "quenwick.zorblatt@csirt.example.org";
    for (password, reason) in [
        ("aaaaaaaaaaaa", "Repeats like \"aaa\" are easy to guess."),
        ("password1234", "common"),
        ("quenwick.zorblatt", "the password is too easy to guess: "),
    ] {
        let refused = analyst_cli(&app, &["add", email], &format!("{password}\n"));
        assert!(!refused.status.success(), "{password}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains("the password is too easy to guess: "),
            "{password}: {stderr}"
        );
        assert!(stderr.contains(reason), "{password}: {stderr}");
        assert!(
            !stderr.contains(password),
            "the password is not echoed: {stderr}"
        );
    }
    let listed = stdout_of(&analyst_cli(&app, &["list"], ""));
    assert!(!listed.contains(email), "{listed}");

    let added = analyst_cli(&app, &["add", email], "velvet quarry mosaic tundra\n");
    assert!(
        stdout_of(&added).starts_with("added analyst"),
        "a random passphrase passes"
    );
}
