//! Load for `bench/live.sh`, against a running `bazaar serve --demo`.
//!
//! `live_load chat <base> <server pid> <viewers> <seconds>`: one live stream,
//! `viewers` WebSocket viewers and 10 signed-in senders writing one message
//! a second each; prints delivery latency (send → every viewer) p50/p99/max
//! and the server's peak RSS.
//!
//! `live_load video <base> <server pid> <kbps> <seconds> <viewers>…`: one WHIP
//! publisher sending `kbps` of VP8 at 30 frames a second and, for each count
//! in turn, that many WHEP viewers; prints the share of frames each count
//! lost. Publisher and viewers are str0m clients in this process, on the
//! same machine as the server.

#[allow(dead_code)]
#[path = "../tests/integration/webrtc.rs"]
mod webrtc;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use futures_util::StreamExt;
use serde_json::{Value, json};
use str0m::Event;
use str0m::media::Direction;
use tokio_tungstenite::tungstenite::Message;

const SENDERS: usize = 10;
const PASSWORD: &str = "violets at dawn 42";

fn micros() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_micros() as u64).unwrap_or(0)
}

fn rss_mib(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or(0, |kb| kb / 1024)
}

/// The server's CPU time so far, in seconds (user + system).
fn cpu_secs(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn client() -> reqwest::Client {
    bazaar::server::startup::install_crypto();
    reqwest::Client::builder().cookie_store(true).build().expect("client")
}

async fn post(c: &reqwest::Client, base: &str, path: &str, body: Value) -> Value {
    let res =
        c.post(format!("{base}{path}")).header("origin", base).json(&body).send().await.expect("request");
    let status = res.status();
    let value = res.json::<Value>().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{path}: {status} {value}");
    value
}

/// A demo seller's new stream: (id, stream key).
async fn stream(base: &str, seller_email: &str, start: bool) -> (String, String) {
    let seller = client();
    post(&seller, base, "/api/v1/auth/login", json!({"email": seller_email, "password": "bazaar-demo-2026"}))
        .await;
    let when = format!("{}:00Z", bazaar::dates::local_input(bazaar::server::now_ms() + 3_600_000));
    let made =
        post(&seller, base, "/api/v1/streams", json!({"title": "Bench stream", "scheduled_at": when})).await;
    let id = made["id"].as_str().expect("stream id").to_owned();
    if start {
        post(&seller, base, &format!("/api/v1/streams/{id}/start"), json!({})).await;
    }
    (id, made["stream_key"].as_str().expect("key").to_owned())
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    bazaar::server::stats::percentile(sorted, p) / 1000.0
}

async fn chat(base: &str, pid: &str, viewers: usize, seconds: u64) {
    let (id, _) = stream(base, "aisha@lumen-lab.example", true).await;
    let ws_url = format!("{}/api/v1/streams/{id}/chat", base.replace("http://", "ws://"));
    let started = Instant::now();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let delivered = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::with_capacity(viewers);
    let connects = Arc::new(tokio::sync::Semaphore::new(256));
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::unbounded_channel::<bool>();
    for _ in 0..viewers {
        let (url, mut stop, delivered, connects, ready) =
            (ws_url.clone(), stop_rx.clone(), delivered.clone(), connects.clone(), ready_tx.clone());
        tasks.push(tokio::spawn(async move {
            let permit = connects.acquire_owned().await.expect("semaphore");
            let Ok((mut ws, _)) = tokio_tungstenite::connect_async(url.as_str()).await else {
                let _ = ready.send(false);
                return Vec::new();
            };
            drop(permit);
            let _ = ready.send(true);
            let mut lat = Vec::new();
            loop {
                tokio::select! {
                    _ = stop.changed() => break,
                    frame = ws.next() => match frame {
                        Some(Ok(Message::Text(text))) => {
                            // `"text":"bench <sender> <seq> <micros>"`, read without a JSON parse.
                            if let Some(at) = text.find("\"text\":\"bench ") {
                                let sent = text[at + 14..].split(['"', ' ']).nth(2).and_then(|m| m.parse::<u64>().ok());
                                if let Some(sent) = sent {
                                    lat.push(micros().saturating_sub(sent) as u32);
                                    delivered.fetch_add(1, Ordering::Relaxed);
                                }
                            }
                        }
                        Some(Ok(_)) => {}
                        _ => break,
                    },
                }
            }
            let _ = ws.close(None).await;
            lat
        }));
    }
    drop(ready_tx);
    let (mut up, mut failed) = (0usize, 0usize);
    for _ in 0..viewers {
        match ready_rx.recv().await {
            Some(true) => up += 1,
            _ => failed += 1,
        }
    }
    println!(
        "viewers connected: {up} ({failed} failed) in {:.1} s; server RSS {} MiB",
        started.elapsed().as_secs_f64(),
        rss_mib(pid)
    );
    // Ten signed-in senders, one message a second each.
    let mut senders = Vec::new();
    for i in 0..SENDERS {
        let c = client();
        let email = format!("bench-sender-{i}-{}@example.com", micros());
        post(
            &c,
            base,
            "/api/v1/auth/register",
            json!({"full_name": format!("Sender {i}"), "email": email, "password": PASSWORD}),
        )
        .await;
        senders.push(c);
    }
    let sent = Arc::new(AtomicU64::new(0));
    let mut peak_rss = rss_mib(pid);
    let (run, cpu0) = (Instant::now(), cpu_secs(pid));
    let mut jobs = Vec::new();
    for (i, c) in senders.into_iter().enumerate() {
        let (base, id, sent) = (base.to_owned(), id.clone(), sent.clone());
        jobs.push(tokio::spawn(async move {
            // Spread the senders over the second.
            tokio::time::sleep(Duration::from_millis(100 * i as u64)).await;
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            for seq in 0..seconds {
                tick.tick().await;
                let text = format!("bench {i} {seq} {}", micros());
                let res = c
                    .post(format!("{base}/api/v1/streams/{id}/messages"))
                    .header("origin", &base)
                    .json(&json!({"text": text}))
                    .send()
                    .await;
                if res.is_ok_and(|r| r.status().is_success()) {
                    sent.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    while run.elapsed() < Duration::from_secs(seconds) {
        tokio::time::sleep(Duration::from_millis(500)).await;
        peak_rss = peak_rss.max(rss_mib(pid));
    }
    for job in jobs {
        let _ = job.await;
    }
    let server_cpu = (cpu_secs(pid) - cpu0) / run.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let _ = stop_tx.send(true);
    let mut all: Vec<u32> = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    all.sort_unstable();
    let sent = sent.load(Ordering::Relaxed);
    let expected = sent * up as u64;
    println!(
        "messages sent: {sent}; deliveries {} of {expected} ({:.2}%); latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; server peak RSS {peak_rss} MiB; server CPU {:.0}% of one core (of 2, shared with this load generator)",
        all.len(),
        if expected == 0 { 0.0 } else { all.len() as f64 * 100.0 / expected as f64 },
        percentile(&all, 0.50),
        percentile(&all, 0.99),
        percentile(&all, 1.0),
        server_cpu * 100.0,
    );
}

/// POST an SDP offer; the answer.
async fn offer(c: &reqwest::Client, url: &str, key: Option<&str>, sdp: String) -> String {
    let mut req = c.post(url).header("content-type", "application/sdp").body(sdp);
    if let Some(key) = key {
        req = req.bearer_auth(key);
    }
    let res = req.send().await.expect("offer");
    assert_eq!(res.status(), 201, "{url}");
    res.text().await.expect("answer")
}

async fn video(base: &str, pid: &str, kbps: usize, seconds: u64, counts: &[usize]) {
    let (id, key) = stream(base, "maya@dewdrop-botanics.example", false).await;
    let http = reqwest::Client::new();
    let (mut publisher, sdp) = webrtc::Peer::offer(Direction::SendOnly).await;
    let answer = offer(&http, &format!("{base}/api/v1/streams/{id}/whip"), Some(&key), sdp).await;
    publisher.accept(&answer);
    let mut events = Vec::new();
    while !events.iter().any(|e| matches!(e, Event::Connected)) {
        publisher.step(&mut events).await;
    }
    // A key frame padded to the frame size of the bitrate at 30 frames a second.
    let mut frame = webrtc::vp8_frame(include_bytes!("../tests/fixtures/red-64x48.webp"));
    frame.resize((kbps * 1000 / 8 / 30).max(frame.len()), 0);
    let sent = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let pacer = {
        let (sent, stop) = (sent.clone(), stop.clone());
        tokio::spawn(async move {
            let t0 = Instant::now();
            let mut next = Instant::now();
            let mut events = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                if Instant::now() >= next {
                    publisher.send_vp8(&frame, t0.elapsed());
                    sent.fetch_add(1, Ordering::Relaxed);
                    next += Duration::from_millis(33);
                }
                publisher.step(&mut events).await;
                events.clear();
            }
        })
    };
    println!("{:>8} {:>10} {:>10} {:>8} {:>9}", "viewers", "expected", "received", "loss", "RSS MiB");
    for &n in counts {
        let got: Vec<Arc<AtomicU64>> = (0..n).map(|_| Arc::new(AtomicU64::new(0))).collect();
        let counting = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut viewers = Vec::new();
        for count in &got {
            let (mut peer, sdp) = webrtc::Peer::offer(Direction::RecvOnly).await;
            let answer = offer(&http, &format!("{base}/api/v1/streams/{id}/whep"), None, sdp).await;
            peer.accept(&answer);
            let (count, counting, done) = (count.clone(), counting.clone(), done.clone());
            viewers.push(tokio::spawn(async move {
                let mut events = Vec::new();
                while !done.load(Ordering::Relaxed) {
                    peer.step(&mut events).await;
                    for e in events.drain(..) {
                        if matches!(e, Event::MediaData(_)) && counting.load(Ordering::Relaxed) {
                            count.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            }));
        }
        // Let every viewer connect and get its first key frame, then count.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let from = sent.load(Ordering::Relaxed);
        counting.store(true, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        counting.store(false, Ordering::Relaxed);
        let expected = (sent.load(Ordering::Relaxed) - from) * n as u64;
        let received: u64 = got.iter().map(|c| c.load(Ordering::Relaxed)).sum();
        let rss = rss_mib(pid);
        done.store(true, Ordering::Relaxed);
        for v in viewers {
            let _ = v.await;
        }
        // Frames in flight at either edge of the window can make it a hair negative.
        let loss = (100.0 * (1.0 - received as f64 / expected.max(1) as f64)).max(0.0);
        println!("{n:>8} {expected:>10} {received:>10} {loss:>7.2}% {rss:>9}");
    }
    stop.store(true, Ordering::Relaxed);
    let _ = pacer.await;
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match arg(1).as_str() {
        "chat" => {
            chat(&arg(2), &arg(3), arg(4).parse().expect("viewers"), arg(5).parse().expect("seconds")).await
        }
        "video" => {
            let counts: Vec<usize> = args[6..].iter().map(|n| n.parse().expect("a viewer count")).collect();
            video(&arg(2), &arg(3), arg(4).parse().expect("kbps"), arg(5).parse().expect("seconds"), &counts)
                .await
        }
        _ => eprintln!(
            "usage: live_load chat <base> <pid> <viewers> <seconds> | video <base> <pid> <kbps> <seconds> <viewers>…"
        ),
    }
}
