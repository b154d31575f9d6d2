//! Logging: one `tracing` subscriber, set up once by the binary, that never writes a link token.

mod redact;

use std::fmt;

use tracing::{Event, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::FmtContext;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::format::{self, FormatEvent, FormatFields, Writer};
use tracing_subscriber::registry::LookupSpan;

pub use redact::{fingerprint, redact_links};

/// Sends logs to stderr, filtered by `RUST_LOG` or else by `default_filter`.
///
/// Records of crates that log through the `log` crate (actix-csrf-middleware does) are
/// turned into `tracing` events by `try_init` (tracing-subscriber's `tracing-log`
/// feature), so they pass through the same [`RedactLinks`] formatter.
pub fn init(default_filter: &str) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(default_filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    // A second call (tests) keeps the first subscriber.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        // One line as each request ends (method, redacted target, status, time taken): the
        // access log. Span events go through the same redacting formatter.
        .with_span_events(FmtSpan::CLOSE)
        .event_format(RedactLinks(format::format()))
        .try_init();
}

/// An event formatter that writes what `F` formats with every respondent link token
/// replaced by its [`fingerprint`].
///
/// Redacting the whole formatted line, rather than chosen fields, covers the event's message
/// and fields and the fields of every span it happens in (the request span records the
/// path), whichever crate logged it. Lines are plain text: `Writer`'s colour switch is
/// private to tracing-subscriber (and colour codes could split what is matched).
#[derive(Debug, Clone, Default)]
pub struct RedactLinks<F>(pub F);

impl<S, N, F> FormatEvent<S, N> for RedactLinks<F>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
    F: FormatEvent<S, N>,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let mut line = String::new();
        self.0.format_event(ctx, Writer::new(&mut line), event)?;
        writer.write_str(&redact_links(&line))
    }
}

/// A log destination tests can read back.
#[cfg(test)]
pub(crate) mod testing {
    use std::io;
    use std::sync::{Arc, Mutex};

    use tracing_subscriber::fmt::MakeWriter;

    /// Everything written to any clone of it.
    #[derive(Clone, Default)]
    pub struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Captured {
        pub fn text(&self) -> String {
            let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }

    impl io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().map_err(|_| io::ErrorKind::Other)?.extend(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Captured {
            self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::Captured;
    use super::*;

    #[test]
    fn span_fields_event_fields_and_messages_lose_their_tokens() {
        let token = "Zl0sVqv1lqpx4GJxKn0UAXXKqJxMUVc8kNJBDsSf1kQ";
        let log = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(log.clone())
            .with_ansi(false)
            .event_format(RedactLinks(format::format()))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let path = format!("/r/{token}/s/3");
            let span = tracing::info_span!("HTTP request", http.target = %path);
            let _entered = span.enter();
            tracing::warn!(referer = %format!("https://x.example/r/{token}"), "refused {path}");
        });
        let text = log.text();
        assert!(text.contains("refused /r/["), "{text}");
        assert!(text.contains(&fingerprint(token)), "{text}");
        assert!(!text.contains(token), "{text}");
    }
}
