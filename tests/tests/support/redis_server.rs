//! A redis-server of a test's own: the system's binary (Debian's `redis-server` package; CI
//! installs it) on 127.0.0.1 and a free port, without persistence. Dropping it stops it.
//! Not finding or not starting the binary fails the test, with what to install.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct RedisServer {
    child: Option<Child>,
    port: u16,
}

impl RedisServer {
    /// Starts a server on a free loopback port and waits until it answers `PING`.
    pub fn start() -> RedisServer {
        let mut last_error = String::new();
        // A port found free can be taken before the server binds it: try a few.
        for _ in 0..5 {
            let port = free_port();
            match spawn(port) {
                Ok(child) => {
                    return RedisServer {
                        child: Some(child),
                        port,
                    }
                }
                Err(error) => last_error = error,
            }
        }
        panic!("could not start redis-server: {last_error}");
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `redis://127.0.0.1:<port>/`
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Kills the server (as a crash would) and waits for it to exit.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port, empty.
    pub fn restart(&mut self) {
        self.stop();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match spawn(self.port) {
                Ok(child) => {
                    self.child = Some(child);
                    return;
                }
                Err(error) if Instant::now() > deadline => {
                    panic!(
                        "could not restart redis-server on port {}: {error}",
                        self.port
                    )
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `REDIS_SERVER` if set, else `redis-server` on the `PATH` or in Debian's place for it.
fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("REDIS_SERVER") {
        return PathBuf::from(path);
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .map(|dir| dir.join("redis-server"))
        .find(|candidate| candidate.is_file());
    let found = on_path.or_else(|| {
        ["/usr/bin/redis-server", "/usr/sbin/redis-server"]
            .map(PathBuf::from)
            .into_iter()
            .find(|candidate| candidate.is_file())
    });
    found.unwrap_or_else(|| {
        panic!(
            "redis-server not found (on PATH, /usr/bin or /usr/sbin, or in $REDIS_SERVER): these \
             tests need a real Redis; install Debian's package with \
             `apt-get install -y redis-server` (.ci/run does)"
        )
    })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a free loopback port");
    listener.local_addr().expect("its address").port()
}

/// Starts redis-server on `port` and waits for its `PONG`.
fn spawn(port: u16) -> Result<Child, String> {
    let mut child = Command::new(binary())
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
        .args(["--protected-mode", "yes", "--loglevel", "warning"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", binary().display()))?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "redis-server on port {port} exited at once ({status})"
            ));
        }
        if answers_ping(port) {
            return Ok(child);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "redis-server on port {port} did not answer PING in 10 s"
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn answers_ping(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    if stream.write_all(b"PING\r\n").is_err() {
        return false;
    }
    let mut reply = [0u8; 7];
    stream.read_exact(&mut reply).is_ok() && &reply == b"+PONG\r\n"
}
