//! Integration tests: each spawns the real app on port 0 against a fresh
//! database and talks HTTP to it. Every test runs on SQLite and PostgreSQL.

mod helpers;

#[global_allocator]
static MEMORY: memory::Counting = memory::Counting;

mod account_pages;
mod accounts_api;
mod analytics;
mod analytics_customers;
mod analytics_finance;
mod analytics_inventory;
mod analytics_ranges;
mod analytics_sales;
mod assistant;
mod audit;
mod caching;
mod campaigns;
mod cart;
mod catalog_api;
mod checkout;
mod concurrency;
mod email_verification;
mod invites;
mod live;
mod live_chat;
mod live_stats;
mod live_video;
mod mail;
mod memory;
mod my_data;
mod notifications;
mod ops;
mod orders;
mod pages;
mod password_reset;
mod payments;
mod people;
mod recs;
mod refunds;
mod registrations;
mod reports;
mod reviews;
mod roles;
mod search;
mod security;
mod security_events;
mod seed;
mod sellers;
mod semantic;
mod sessions;
mod settings;
mod shipping;
mod smtp;
mod stripe;
mod studio;
mod traffic;
mod two_factor;
mod webrtc;
mod wishlist;
