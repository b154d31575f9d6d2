//! A test SMTP server that offers PIPELINING (RFC 2920). mailin reads commands line
//! by line, so it takes pipelined ones, but does not offer them: a proxy in front of it
//! adds the keyword to its EHLO reply and counts the writes that carry pipelined commands.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::TestSmtp;

impl TestSmtp {
    /// A server that offers PIPELINING.
    pub fn start_pipelining() -> TestSmtp {
        let mut inner = TestSmtp::start();
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("a bound address").port();
        let pipelined = Arc::new(AtomicUsize::new(0));
        let (server, counter) = (inner.port, Arc::clone(&pipelined));
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let counter = Arc::clone(&counter);
                std::thread::spawn(move || pipelining_proxy(client, server, &counter));
            }
        });
        inner.port = port;
        inner.pipelined = Some(pipelined);
        inner
    }

    /// How many writes carried pipelined commands (0 for a server without PIPELINING).
    pub fn pipelined_writes(&self) -> usize {
        self.pipelined
            .as_ref()
            .map_or(0, |count| count.load(Ordering::Relaxed))
    }
}

/// Relays one client's connection to the server on `server`, offering PIPELINING in
/// the EHLO reply and counting the client's writes that hold a command after a line end.
fn pipelining_proxy(client: TcpStream, server: u16, pipelined: &AtomicUsize) {
    let Ok(upstream) = TcpStream::connect(("127.0.0.1", server)) else {
        return;
    };
    let (Ok(mut to_client), Ok(mut to_server), Ok(from_server)) = (
        client.try_clone(),
        upstream.try_clone(),
        upstream.try_clone(),
    ) else {
        return;
    };
    let replies = std::thread::spawn(move || {
        let mut lines = BufReader::new(from_server);
        let mut line = String::new();
        let mut continued = false;
        while matches!(lines.read_line(&mut line), Ok(1..)) {
            if to_client.write_all(line.as_bytes()).is_err() {
                break;
            }
            // Only EHLO gets a reply of several lines: the keyword goes after its first.
            let continues = line.starts_with("250-");
            if continues && !continued {
                let _ = to_client.write_all(b"250-PIPELINING\r\n");
            }
            continued = continues;
            line.clear();
        }
        let _ = to_client.shutdown(Shutdown::Both);
    });
    let mut from_client = client;
    let mut buffer = vec![0; 64 * 1024];
    while let Ok(n @ 1..) = from_client.read(&mut buffer) {
        let chunk = &buffer[..n];
        // A command after the first line end: MAIL FROM after RCPT or after a
        // mail's end, RCPT TO after MAIL FROM, DATA after RCPT TO.
        let first_end = chunk.windows(2).position(|w| w == b"\r\n");
        if let Some(end) = first_end {
            let rest = String::from_utf8_lossy(&chunk[end + 2..]);
            if ["MAIL FROM:", "RCPT TO:", "DATA\r\n"]
                .iter()
                .any(|command| rest.contains(command))
            {
                pipelined.fetch_add(1, Ordering::Relaxed);
            }
        }
        if to_server.write_all(chunk).is_err() {
            break;
        }
    }
    let _ = to_server.shutdown(Shutdown::Both);
    let _ = replies.join();
}
