//! A real SMTP server on loopback for the mail tests: mailin-embedded in a
//! background thread, keeping every message it accepts, and told per test
//! whether to accept or refuse.

use std::net::TcpListener;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use mailin_embedded::{Response, Server, response};

mod pipelining;

/// How the server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// Takes every message.
    Accept,
    /// "451 4.3.0 try later" to DATA (transient). Not to the end of the data:
    /// mailin then stays in its data state and never answers QUIT.
    TryLater,
    /// "550 5.1.1 no such user" to every recipient (permanent).
    NoSuchUser,
    /// Keeps the message but answers its end with "421 4.3.0 try later" and
    /// hangs up: the sender cannot tell it arrived, as when its "250 OK" is
    /// lost in a crash.
    KeepButTryLater,
    /// "550 5.1.1 no such user" to recipients whose address contains this, and
    /// takes the others.
    NoSuchUserLike(&'static str),
}

/// A message the server accepted.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope sender (MAIL FROM).
    pub from: String,
    /// The envelope recipients (RCPT TO).
    pub recipients: Vec<String>,
    /// The message as sent, headers and body.
    pub data: Vec<u8>,
}

impl Received {
    /// The Message-ID header, angle brackets included.
    pub fn message_id(&self) -> String {
        let mail = mailparse::parse_mail(&self.data).expect("a parsable message");
        mail.headers
            .iter()
            .find(|h| h.get_key().eq_ignore_ascii_case("Message-ID"))
            .map(|h| h.get_value().trim().to_owned())
            .expect("a Message-ID header")
    }
}

/// The parts of a received message the tests look at, decoded.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub to: String,
    pub subject: String,
    /// The text/plain part, with `\n` line ends.
    pub text: String,
    /// The text/html part, with `\n` line ends.
    pub html: String,
}

impl Received {
    /// Decodes headers (encoded words) and both alternative bodies
    /// (quoted-printable or base64, any charset).
    pub fn parse(&self) -> Parsed {
        let mail = mailparse::parse_mail(&self.data).expect("a parsable message");
        let header = |name: &str| {
            mail.headers
                .iter()
                .find(|h| h.get_key().eq_ignore_ascii_case(name))
                .map(|h| h.get_value())
                .unwrap_or_else(|| panic!("no {name} header"))
        };
        let part = |mime: &str| {
            mail.parts()
                .find(|p| p.ctype.mimetype == mime)
                .unwrap_or_else(|| panic!("no {mime} part"))
                .get_body()
                .expect("a decodable body")
                .replace("\r\n", "\n")
        };
        Parsed {
            to: header("To"),
            subject: header("Subject"),
            text: part("text/plain"),
            html: part("text/html"),
        }
    }
}

/// A running test SMTP server. It lives until the test process ends.
pub struct TestSmtp {
    port: u16,
    shared: Arc<Shared>,
    /// For a server that offers PIPELINING: the writes in which a client sent
    /// more than one command (or a mail's end and a command) at once.
    pipelined: Option<Arc<AtomicUsize>>,
}

struct Shared {
    state: Mutex<State>,
    arrived: Condvar,
}

struct State {
    reply: Reply,
    messages: Vec<Received>,
}

impl TestSmtp {
    /// A server on a free port of 127.0.0.1, accepting everything.
    pub fn start() -> TestSmtp {
        TestSmtp::serve(TcpListener::bind("127.0.0.1:0").expect("a free port"))
    }

    /// A server on `port`, e.g. one that was down a moment ago.
    pub fn start_on(port: u16) -> TestSmtp {
        TestSmtp::serve(TcpListener::bind(("127.0.0.1", port)).expect("the port to be free"))
    }

    fn serve(listener: TcpListener) -> TestSmtp {
        let port = listener.local_addr().expect("a bound address").port();
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                reply: Reply::Accept,
                messages: Vec::new(),
            }),
            arrived: Condvar::new(),
        });
        let mut server = Server::new(Session::new(Arc::clone(&shared)));
        // Enough sessions for the pooled connections of several workers at once.
        server
            .with_name("smtp.liaison.test")
            .with_num_threads(16)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(e) = server.serve() {
                eprintln!("test SMTP server on port {port} stopped: {e}");
            }
        });
        TestSmtp {
            port,
            shared,
            pipelined: None,
        }
    }

    /// The `smtp_url` that reaches this server.
    pub fn url(&self) -> String {
        url_for(self.port)
    }

    /// Changes how the server answers from the next command on.
    pub fn set_reply(&self, reply: Reply) {
        self.state().reply = reply;
    }

    /// Every message accepted so far.
    pub fn messages(&self) -> Vec<Received> {
        self.state().messages.clone()
    }

    /// Waits until `n` messages have arrived and returns them; fails the test
    /// after `timeout`.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        let mut state = self.state();
        while state.messages.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "expected {n} messages within {timeout:?}, got {}",
                state.messages.len()
            );
            state = self
                .shared
                .arrived
                .wait_timeout(state, left)
                .expect("an unpoisoned lock")
                .0;
        }
        state.messages.clone()
    }

    /// [`wait_for`](Self::wait_for) without blocking the test's runtime, for mail sent by
    /// the app's own worker, which runs on that runtime.
    pub async fn arrival_of(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} messages within {timeout:?}, got {}",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.shared.state.lock().expect("an unpoisoned lock")
    }
}

/// The `smtp_url` of a port on 127.0.0.1.
pub fn url_for(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}")
}

/// A port nothing listens on (it was free a moment ago): a server that is down.
pub fn unused_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// One SMTP session's view; mailin clones it for each connection.
#[derive(Clone)]
struct Session {
    shared: Arc<Shared>,
    from: String,
    recipients: Vec<String>,
    data: Vec<u8>,
}

impl Session {
    fn new(shared: Arc<Shared>) -> Session {
        Session {
            shared,
            from: String::new(),
            recipients: Vec::new(),
            data: Vec::new(),
        }
    }

    fn reply(&self) -> Reply {
        self.shared.state.lock().expect("an unpoisoned lock").reply
    }
}

impl mailin_embedded::Handler for Session {
    fn mail(&mut self, _ip: std::net::IpAddr, _domain: &str, from: &str) -> Response {
        self.from = from.to_owned();
        self.recipients.clear();
        response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        let refused = match self.reply() {
            Reply::NoSuchUser => true,
            Reply::NoSuchUserLike(part) => to.contains(part),
            _ => false,
        };
        if refused {
            return Response::custom(550, "5.1.1 no such user".to_owned());
        }
        self.recipients.push(to.to_owned());
        response::OK
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> Response {
        if self.reply() == Reply::TryLater {
            return Response::custom(451, "4.3.0 try later".to_owned());
        }
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mut state = self.shared.state.lock().expect("an unpoisoned lock");
        state.messages.push(Received {
            from: self.from.clone(),
            recipients: self.recipients.clone(),
            data: std::mem::take(&mut self.data),
        });
        self.shared.arrived.notify_all();
        if state.reply == Reply::KeepButTryLater {
            // 421 makes mailin close the connection, as the sender then does.
            return Response::custom(421, "4.3.0 try later".to_owned());
        }
        response::OK
    }
}
