//! Live video over real UDP: a str0m client publishes VP8 with WHIP, another
//! watches with WHEP through the app's forwarding unit, and decodes what
//! arrives. The frames are two VP8 key frames (red and blue, 64×48) taken
//! from WebP files Chromium's encoder wrote.

use std::time::{Duration, Instant};

use serde_json::json;
use str0m::Event;
use str0m::media::Direction;

use crate::db_test;
use crate::helpers::TestApp;
use crate::webrtc::{Peer, decode_vp8, vp8_frame};

const RED: &[u8] = include_bytes!("../fixtures/red-64x48.webp");
const BLUE: &[u8] = include_bytes!("../fixtures/blue-64x48.webp");

/// A scheduled stream of a new shop: (id, stream key).
async fn scheduled(app: &TestApp, email: &str, shop: &str) -> (String, String) {
    app.open_shop(email, shop).await;
    let (status, made) = app
        .post_json(
            "/api/v1/streams",
            json!({"title": "Studio test", "scheduled_at": crate::live::days_ahead(1)}),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    (made["id"].as_str().unwrap().to_owned(), made["stream_key"].as_str().unwrap().to_owned())
}

async fn post_sdp(
    app: &TestApp,
    url: &str,
    key: Option<&str>,
    content_type: &str,
    sdp: &str,
) -> reqwest::Response {
    let mut request = app.new_client().post(url).header("content-type", content_type).body(sdp.to_owned());
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    request.send().await.expect("request")
}

async fn status_of(app: &TestApp, id: &str) -> String {
    app.get_json(&format!("/api/v1/streams/{id}")).await.1["status"].as_str().unwrap().to_owned()
}

db_test!(whip_takes_only_this_streams_key_and_a_real_offer, false, |app: TestApp| async move {
    let (id, key) = scheduled(&app, "cam@example.com", "Cam Shop").await;
    let (other, other_key) = scheduled(&app, "other@example.com", "Other Shop").await;
    let whip = app.url(&format!("/api/v1/streams/{id}/whip"));
    let (_peer, offer) = Peer::offer(Direction::SendOnly).await;

    for (key, why) in
        [(None, "no key"), (Some("wrong"), "a wrong key"), (Some(other_key.as_str()), "another stream's key")]
    {
        let response = post_sdp(&app, &whip, key, "application/sdp", &offer).await;
        assert_eq!(response.status(), 401, "{why}");
        assert_eq!(response.headers()["www-authenticate"], "Bearer", "{why}");
    }
    let wrong_type = post_sdp(&app, &whip, Some(&key), "text/plain", &offer).await;
    assert_eq!(wrong_type.status(), 400);
    let garbage = post_sdp(&app, &whip, Some(&key), "application/sdp", "v=0\r\nnonsense").await;
    assert_eq!(garbage.status(), 400);
    let body: serde_json::Value = garbage.json().await.unwrap();
    assert!(body["error"]["fields"]["sdp"].as_str().unwrap().contains("SDP offer"), "{body}");
    assert_eq!(status_of(&app, &id).await, "scheduled", "a refused offer starts nothing");

    // Nobody to watch before the stream is live.
    let whep = app.url(&format!("/api/v1/streams/{other}/whep"));
    let (_viewer, watch_offer) = Peer::offer(Direction::RecvOnly).await;
    assert_eq!(post_sdp(&app, &whep, None, "application/sdp", &watch_offer).await.status(), 409);
    let missing = app.url("/api/v1/streams/nope/whep");
    assert_eq!(post_sdp(&app, &missing, None, "application/sdp", &watch_offer).await.status(), 404);
});

/// Step both peers until `done` holds or `limit` passes.
async fn drive(
    peers: &mut [&mut Peer],
    events: &mut [Vec<Event>],
    limit: Duration,
    mut each: impl FnMut(&mut [&mut Peer], &mut [Vec<Event>]) -> bool,
) -> bool {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        for (peer, events) in peers.iter_mut().zip(events.iter_mut()) {
            peer.step(events).await;
        }
        if each(peers, events) {
            return true;
        }
    }
    false
}

db_test!(a_whep_viewer_decodes_what_the_whip_publisher_sends, false, |app: TestApp| async move {
    let (id, key) = scheduled(&app, "live@example.com", "Live Shop").await;

    // Publish: the stream goes live and this node is recorded as its home.
    let (mut publisher, offer) = Peer::offer(Direction::SendOnly).await;
    let answer = post_sdp(
        &app,
        &app.url(&format!("/api/v1/streams/{id}/whip")),
        Some(&key),
        "application/sdp",
        &offer,
    )
    .await;
    assert_eq!(answer.status(), 201);
    assert_eq!(answer.headers()["content-type"], "application/sdp");
    let session = answer.headers()["location"].to_str().unwrap().to_owned();
    assert!(session.starts_with(&format!("/api/v1/streams/{id}/whip/")), "{session}");
    publisher.accept(&answer.text().await.unwrap());
    assert_eq!(status_of(&app, &id).await, "live", "publishing starts a scheduled stream");

    let (red, blue) = (vp8_frame(RED), vp8_frame(BLUE));
    let started = Instant::now();
    let mut events = vec![Vec::new()];
    let connected = drive(&mut [&mut publisher], &mut events, Duration::from_secs(10), |_, ev| {
        ev[0].iter().any(|e| matches!(e, Event::Connected))
    })
    .await;
    assert!(connected, "the publisher connects over ICE-lite + DTLS");

    // Mid-stream, a viewer joins (on another node it is sent here).
    let other_node = app.second_node().await;
    let (mut viewer, watch_offer) = Peer::offer(Direction::RecvOnly).await;
    let whep = format!("/api/v1/streams/{id}/whep");
    let redirected =
        post_sdp(&other_node, &other_node.url(&whep), None, "application/sdp", &watch_offer).await;
    assert_eq!(redirected.status(), 307, "the node without the publisher redirects");
    assert_eq!(redirected.headers()["location"].to_str().unwrap(), app.url(&whep));
    let joined = Instant::now();
    let answer = post_sdp(&app, &app.url(&whep), None, "application/sdp", &watch_offer).await;
    assert_eq!(answer.status(), 201);
    assert_eq!(answer.headers()["access-control-allow-origin"], "*");
    let watch_session = answer.headers()["location"].to_str().unwrap().to_owned();
    viewer.accept(&answer.text().await.unwrap());

    // The publisher sends red, then (after the viewer's first picture) blue,
    // 30 frames a second; the viewer must see both, decoded.
    let mut events = vec![Vec::new(), Vec::new()];
    let mut next_frame = Instant::now();
    let (mut first_picture, mut saw_blue) = (None::<Duration>, false);
    // Glass to glass, less the codec: from the first blue frame sent to the first blue seen.
    let (mut switched, mut change_seen) = (None::<Instant>, None::<Duration>);
    let finished =
        drive(&mut [&mut publisher, &mut viewer], &mut events, Duration::from_secs(15), |peers, ev| {
            if Instant::now() >= next_frame {
                let frame = if first_picture.is_some() { &blue } else { &red };
                if first_picture.is_some() && switched.is_none() {
                    switched = Some(Instant::now());
                }
                peers[0].send_vp8(frame, started.elapsed());
                next_frame += Duration::from_millis(33);
            }
            for event in ev[1].drain(..) {
                let Event::MediaData(data) = event else { continue };
                let picture = decode_vp8(&data.data);
                assert_eq!(picture.dimensions(), (64, 48));
                let corner = picture.get_pixel(2, 2).0;
                if first_picture.is_none() {
                    first_picture = Some(joined.elapsed());
                }
                if corner[2] > 180 && corner[0] < 90 {
                    saw_blue = true;
                    change_seen = switched.map(|at| at.elapsed());
                } else {
                    assert!(corner[0] > 180 && corner[2] < 140, "a red or blue picture, not {corner:?}");
                }
            }
            saw_blue
        })
        .await;
    assert!(finished, "the viewer decoded the publisher's frames, red then blue");
    let first_picture = first_picture.unwrap();
    let change_seen = change_seen.unwrap();
    eprintln!("first picture {first_picture:?} after the WHEP request; a change seen after {change_seen:?}");
    assert!(change_seen < Duration::from_secs(1), "under a second from sent to seen ({change_seen:?})");
    assert!(first_picture < Duration::from_secs(2), "a viewer sees a picture within 2 s ({first_picture:?})");
    assert!(
        events[0].iter().any(|e| matches!(e, Event::KeyframeRequest(_))),
        "the new viewer made the server ask the publisher for a key frame"
    );

    // Sessions end with DELETE; the encoder's needs the key.
    let client = app.new_client();
    assert_eq!(client.delete(app.url(&watch_session)).send().await.unwrap().status(), 204);
    assert_eq!(client.delete(app.url(&session)).send().await.unwrap().status(), 401);
    assert_eq!(client.delete(app.url(&session)).bearer_auth(&key).send().await.unwrap().status(), 204);
    assert_eq!(status_of(&app, &id).await, "live", "the stream stays live until its seller ends it");
});
