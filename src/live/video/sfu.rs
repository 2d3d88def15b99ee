//! The forwarding loop: one task owns the UDP socket and every peer's
//! `str0m::Rtc`. A publisher's frames go to the viewers of its stream as
//! they are (no transcoding); a viewer that connects or loses a frame asks
//! the publisher for a keyframe.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use str0m::media::{KeyframeRequestKind, MediaData, MediaKind, Mid};
use str0m::net::{Protocol, Receive};
use str0m::{Event, IceConnectionState, Input, Output, Rtc};
use tokio::net::UdpSocket;
use tokio::sync::mpsc;

use super::Role;
use super::net::destination;

/// What the HTTP side asks of the loop.
pub enum Command {
    /// A peer whose offer has been answered.
    Join { token: String, stream: String, role: Role, rtc: Box<Rtc> },
    /// `DELETE` of a WHIP/WHEP session.
    Leave { token: String },
    /// The stream ended: hang up on everyone in it.
    End { stream: String },
}

/// Streams whose publisher is connected to this node, shared with the HTTP side.
pub type OnAir = Arc<Mutex<HashSet<String>>>;

/// Keyframes are asked for at most this often per stream.
const KEYFRAME_EVERY: Duration = Duration::from_millis(300);
/// A peer that has not connected this long after its offer was answered
/// (a closed tab, a blocked port, an offer never used) is dropped.
const CONNECT_WITHIN: Duration = Duration::from_secs(30);

struct Peer {
    token: String,
    stream: String,
    role: Role,
    rtc: Rtc,
    /// The peer's m-lines: for a publisher what it sends, for a viewer what it receives.
    media: Vec<(Mid, MediaKind)>,
    /// Remote addresses seen from this peer (to route its datagrams quickly).
    addrs: Vec<SocketAddr>,
    deadline: Instant,
    joined: Instant,
    connected: bool,
}

#[derive(Default)]
struct Room {
    publisher: Option<u64>,
    viewers: Vec<u64>,
    keyframe_asked: Option<Instant>,
}

/// Work one peer's output creates for others.
enum Relay {
    Media(String, MediaKind, Box<MediaData>),
    Keyframe(String),
}

struct Sfu {
    peers: HashMap<u64, Peer>,
    rooms: HashMap<String, Room>,
    by_addr: HashMap<SocketAddr, u64>,
    by_token: HashMap<String, u64>,
    next_id: u64,
    locals: Vec<SocketAddr>,
    on_air: OnAir,
    relay: VecDeque<Relay>,
}

/// Run until every sender of commands is gone.
pub async fn run(
    socket: UdpSocket,
    mut commands: mpsc::UnboundedReceiver<Command>,
    locals: Vec<SocketAddr>,
    on_air: OnAir,
) {
    let mut sfu = Sfu {
        peers: HashMap::new(),
        rooms: HashMap::new(),
        by_addr: HashMap::new(),
        by_token: HashMap::new(),
        next_id: 0,
        locals,
        on_air,
        relay: VecDeque::new(),
    };
    let mut buf = vec![0u8; 2048];
    loop {
        let wake = sfu.next_deadline();
        tokio::select! {
            command = commands.recv() => match command {
                Some(command) => sfu.command(command, &socket),
                None => break,
            },
            got = socket.recv_from(&mut buf) => match got {
                Ok((n, source)) => sfu.receive(&buf[..n], source, &socket),
                Err(e) => tracing::debug!(error = %e, "live video: UDP receive failed"),
            },
            () = tokio::time::sleep_until(wake.into()) => {}
        }
        sfu.tick(Instant::now(), &socket);
        sfu.sweep();
    }
}

impl Sfu {
    fn next_deadline(&self) -> Instant {
        let idle = Instant::now() + Duration::from_secs(1);
        self.peers.values().map(|p| p.deadline).min().map_or(idle, |d| d.min(idle))
    }

    fn command(&mut self, command: Command, socket: &UdpSocket) {
        match command {
            Command::Join { token, stream, role, rtc } => {
                let id = self.next_id;
                self.next_id += 1;
                let room = self.rooms.entry(stream.clone()).or_default();
                match role {
                    Role::Publisher => {
                        // A reconnecting encoder replaces the one it was.
                        if let Some(old) = room.publisher.replace(id).and_then(|old| self.peers.get_mut(&old))
                        {
                            old.rtc.disconnect();
                        }
                        lock(&self.on_air).insert(stream.clone());
                    }
                    Role::Viewer => room.viewers.push(id),
                }
                self.by_token.insert(token.clone(), id);
                let peer = Peer {
                    token,
                    stream,
                    role,
                    rtc: *rtc,
                    media: Vec::new(),
                    addrs: Vec::new(),
                    deadline: Instant::now(),
                    joined: Instant::now(),
                    connected: false,
                };
                self.peers.insert(id, peer);
                self.poll(id, socket);
            }
            Command::Leave { token } => {
                if let Some(peer) = self.by_token.get(&token).and_then(|id| self.peers.get_mut(id)) {
                    peer.rtc.disconnect();
                }
            }
            Command::End { stream } => {
                let Some(room) = self.rooms.get(&stream) else { return };
                for id in room.publisher.iter().chain(&room.viewers) {
                    if let Some(peer) = self.peers.get_mut(id) {
                        peer.rtc.disconnect();
                    }
                }
            }
        }
    }

    /// Hand a datagram to the peer it belongs to: the one last seen at its
    /// source address, else whichever accepts it (ICE checks name their peer).
    fn receive(&mut self, datagram: &[u8], source: SocketAddr, socket: &UdpSocket) {
        let Ok(contents) = datagram.try_into() else { return };
        let input = Input::Receive(
            Instant::now(),
            Receive {
                proto: Protocol::Udp,
                source,
                destination: destination(&self.locals, source),
                contents,
            },
        );
        let known = self.by_addr.get(&source).copied().filter(|id| self.peers[id].rtc.accepts(&input));
        let Some(id) =
            known.or_else(|| self.peers.iter().find(|(_, p)| p.rtc.accepts(&input)).map(|(id, _)| *id))
        else {
            return;
        };
        let peer = self.peers.get_mut(&id).expect("peer found above");
        if !peer.addrs.contains(&source) {
            peer.addrs.push(source);
            self.by_addr.insert(source, id);
        }
        if let Err(e) = peer.rtc.handle_input(input) {
            tracing::debug!(error = %e, "live video: peer dropped");
            peer.rtc.disconnect();
        }
        self.poll(id, socket);
    }

    /// Move time on for every peer that asked to be woken by now.
    fn tick(&mut self, now: Instant, socket: &UdpSocket) {
        let due: Vec<u64> = self.peers.iter().filter(|(_, p)| p.deadline <= now).map(|(id, _)| *id).collect();
        for id in due {
            if let Some(peer) = self.peers.get_mut(&id)
                && peer.rtc.handle_input(Input::Timeout(now)).is_err()
            {
                peer.rtc.disconnect();
            }
            self.poll(id, socket);
        }
    }

    /// Drain one peer's output, then whatever that sets off for others.
    fn poll(&mut self, id: u64, socket: &UdpSocket) {
        self.drain(id, socket);
        while let Some(relay) = self.relay.pop_front() {
            match relay {
                Relay::Media(stream, kind, data) => self.forward(&stream, kind, &data, socket),
                Relay::Keyframe(stream) => self.ask_keyframe(&stream, socket),
            }
        }
    }

    fn drain(&mut self, id: u64, socket: &UdpSocket) {
        let Some(peer) = self.peers.get_mut(&id) else { return };
        while peer.rtc.is_alive() {
            match peer.rtc.poll_output() {
                Ok(Output::Timeout(t)) => {
                    peer.deadline = t;
                    return;
                }
                Ok(Output::Transmit(t)) => {
                    // A full send buffer drops the datagram, as the network would.
                    let _ = socket.try_send_to(&t.contents, t.destination);
                }
                Ok(Output::Event(event)) => peer.event(event, &mut self.relay),
                Err(e) => {
                    tracing::debug!(error = %e, "live video: peer failed");
                    peer.rtc.disconnect();
                }
            }
        }
        peer.deadline = Instant::now();
    }

    /// A publisher's frame to each viewer of its stream that receives that kind.
    fn forward(&mut self, stream: &str, kind: MediaKind, data: &MediaData, socket: &UdpSocket) {
        let viewers = self.rooms.get(stream).map(|r| r.viewers.clone()).unwrap_or_default();
        for id in viewers {
            let Some(peer) = self.peers.get_mut(&id) else { continue };
            let Some(mid) = peer.media.iter().find(|(_, k)| *k == kind).map(|(m, _)| *m) else { continue };
            let Some(writer) = peer.rtc.writer(mid) else { continue };
            let Some(pt) = writer.match_params(data.params) else { continue };
            if writer.write(pt, data.network_time, data.time, data.data.clone()).is_err() {
                peer.rtc.disconnect();
            }
            self.drain(id, socket);
        }
    }

    /// Ask the stream's publisher for a keyframe (a picture a viewer can start from).
    fn ask_keyframe(&mut self, stream: &str, socket: &UdpSocket) {
        let Some(room) = self.rooms.get_mut(stream) else { return };
        let now = Instant::now();
        if room.keyframe_asked.is_some_and(|t| now.duration_since(t) < KEYFRAME_EVERY) {
            return;
        }
        let Some(id) = room.publisher else { return };
        room.keyframe_asked = Some(now);
        let Some(peer) = self.peers.get_mut(&id) else { return };
        let video: Vec<Mid> =
            peer.media.iter().filter(|(_, k)| *k == MediaKind::Video).map(|(m, _)| *m).collect();
        for mid in video {
            if let Some(mut writer) = peer.rtc.writer(mid) {
                let _ = writer.request_keyframe(None, KeyframeRequestKind::Pli);
            }
        }
        self.drain(id, socket);
    }

    /// Forget peers that hung up, timed out or never connected.
    fn sweep(&mut self) {
        for peer in self.peers.values_mut().filter(|p| !p.connected && p.joined.elapsed() > CONNECT_WITHIN) {
            peer.rtc.disconnect();
        }
        let gone: Vec<u64> =
            self.peers.iter().filter(|(_, p)| !p.rtc.is_alive()).map(|(id, _)| *id).collect();
        for id in gone {
            let peer = self.peers.remove(&id).expect("listed above");
            for addr in &peer.addrs {
                self.by_addr.remove(addr);
            }
            self.by_token.remove(&peer.token);
            let Some(room) = self.rooms.get_mut(&peer.stream) else { continue };
            room.viewers.retain(|v| *v != id);
            if room.publisher == Some(id) {
                room.publisher = None;
                lock(&self.on_air).remove(&peer.stream);
            }
            if room.publisher.is_none() && room.viewers.is_empty() {
                self.rooms.remove(&peer.stream);
            }
        }
    }
}

impl Peer {
    fn event(&mut self, event: Event, relay: &mut VecDeque<Relay>) {
        match event {
            Event::IceConnectionStateChange(IceConnectionState::Disconnected) => self.rtc.disconnect(),
            Event::MediaAdded(added) => self.media.push((added.mid, added.kind)),
            Event::Connected => {
                self.connected = true;
                if self.role == Role::Viewer {
                    relay.push_back(Relay::Keyframe(self.stream.clone()));
                }
            }
            Event::KeyframeRequest(_) if self.role == Role::Viewer => {
                relay.push_back(Relay::Keyframe(self.stream.clone()))
            }
            Event::MediaData(data) if self.role == Role::Publisher => {
                if !data.contiguous {
                    relay.push_back(Relay::Keyframe(self.stream.clone()));
                }
                if let Some((_, kind)) = self.media.iter().find(|(m, _)| *m == data.mid) {
                    relay.push_back(Relay::Media(self.stream.clone(), *kind, Box::new(data)));
                }
            }
            _ => {}
        }
    }
}

fn lock(on_air: &OnAir) -> std::sync::MutexGuard<'_, HashSet<String>> {
    on_air.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
