//! A WebRTC peer for tests, built on str0m like the app's forwarding unit
//! but as a client (full ICE, controlling): it offers, posts the offer to
//! WHIP or WHEP, and is driven over a real UDP socket on loopback.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use str0m::change::{SdpAnswer, SdpPendingOffer};
use str0m::format::Codec;
use str0m::media::{Direction, MediaKind, MediaTime, Mid};
use str0m::net::{Protocol, Receive};
use str0m::{Candidate, Event, Input, Output, Rtc};
use tokio::net::UdpSocket;

pub struct Peer {
    pub rtc: Rtc,
    socket: UdpSocket,
    local: SocketAddr,
    pub mid: Mid,
    pending: Option<SdpPendingOffer>,
}

impl Peer {
    /// A peer with one video m-line (`SendOnly` to publish, `RecvOnly` to
    /// watch) and its SDP offer.
    pub async fn offer(direction: Direction) -> (Self, String) {
        let socket = UdpSocket::bind("127.0.0.1:0").await.expect("bind udp");
        let local = socket.local_addr().unwrap();
        let mut rtc = Rtc::builder()
            .set_crypto_provider(Arc::new(str0m::crypto::from_feature_flags()))
            .build(Instant::now());
        rtc.add_local_candidate(Candidate::host(local, "udp").unwrap());
        let mut change = rtc.sdp_api();
        let mid = change.add_media(MediaKind::Video, direction, None, None, None);
        let (offer, pending) = change.apply().expect("an offer");
        (Self { rtc, socket, local, mid, pending: Some(pending) }, offer.to_sdp_string())
    }

    pub fn accept(&mut self, answer: &str) {
        let answer = SdpAnswer::from_sdp_string(answer).expect("an SDP answer");
        self.rtc
            .sdp_api()
            .accept_answer(self.pending.take().expect("an offer is pending"), answer)
            .expect("accepted");
    }

    /// Send what is due, then wait (briefly) for one datagram; the events
    /// that came out on the way are pushed to `events`.
    pub async fn step(&mut self, events: &mut Vec<Event>) {
        let timeout = loop {
            match self.rtc.poll_output().expect("poll") {
                Output::Timeout(t) => break t,
                Output::Transmit(t) => {
                    let _ = self.socket.send_to(&t.contents, t.destination).await;
                }
                Output::Event(e) => events.push(e),
            }
        };
        let wait = timeout
            .saturating_duration_since(Instant::now())
            .clamp(Duration::from_millis(1), Duration::from_millis(20));
        let mut buf = vec![0u8; 2048];
        let input = match tokio::time::timeout(wait, self.socket.recv_from(&mut buf)).await {
            Ok(Ok((n, source))) => {
                buf.truncate(n);
                Some((source, buf))
            }
            _ => None,
        };
        let now = Instant::now();
        let result = match &input {
            Some((source, data)) => self.rtc.handle_input(Input::Receive(
                now,
                Receive {
                    proto: Protocol::Udp,
                    source: *source,
                    destination: self.local,
                    contents: data.as_slice().try_into().expect("a datagram"),
                },
            )),
            None => self.rtc.handle_input(Input::Timeout(now)),
        };
        result.expect("input handled");
    }

    /// Send one encoded VP8 frame on the video m-line.
    pub fn send_vp8(&mut self, frame: &[u8], at: Duration) {
        let writer = self.rtc.writer(self.mid).expect("a writer once connected");
        let pt = writer.payload_params().find(|p| p.spec().codec == Codec::Vp8).expect("VP8 negotiated").pt();
        let time = MediaTime::new(at.as_micros() as u64 * 9 / 100, str0m::media::Frequency::NINETY_KHZ);
        writer.write(pt, Instant::now(), time, frame.to_vec()).expect("frame written");
    }
}

/// The VP8 key frame inside a lossy WebP file (its `VP8 ` chunk).
pub fn vp8_frame(webp: &[u8]) -> Vec<u8> {
    let mut at = 12;
    while at + 8 <= webp.len() {
        let size = u32::from_le_bytes(webp[at + 4..at + 8].try_into().unwrap()) as usize;
        if &webp[at..at + 4] == b"VP8 " {
            return webp[at + 8..at + 8 + size].to_vec();
        }
        at += 8 + size + size % 2;
    }
    panic!("no VP8 chunk");
}

/// A VP8 key frame wrapped as a WebP file, decoded to pixels.
pub fn decode_vp8(frame: &[u8]) -> image::RgbaImage {
    let mut webp = Vec::with_capacity(frame.len() + 20);
    let padded = frame.len() + frame.len() % 2;
    webp.extend_from_slice(b"RIFF");
    webp.extend_from_slice(&((4 + 8 + padded) as u32).to_le_bytes());
    webp.extend_from_slice(b"WEBPVP8 ");
    webp.extend_from_slice(&(frame.len() as u32).to_le_bytes());
    webp.extend_from_slice(frame);
    if frame.len() % 2 == 1 {
        webp.push(0);
    }
    image::load_from_memory_with_format(&webp, image::ImageFormat::WebP)
        .expect("a decodable VP8 frame")
        .to_rgba8()
}
