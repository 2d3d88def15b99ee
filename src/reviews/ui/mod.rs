//! The reviews section of the product page and `/admin/reviews`.

mod admin_reviews;
mod section;

pub use admin_reviews::AdminReviewsPage;
pub use section::ReviewsSection;
