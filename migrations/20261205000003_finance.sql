-- Finance figures: the cost of goods sold and card payment fees.
-- What one unit cost the shop when the order was placed (the product's
-- cost then; NULL when it had none). Never shown to the customer.
ALTER TABLE order_lines ADD COLUMN unit_cost_minor BIGINT;
-- Card-paid sales of the day, for the payment fees (the configured rate
-- applied to them when the figures are read).
ALTER TABLE sales_days ADD COLUMN card_orders BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sales_days ADD COLUMN card_gross_minor BIGINT NOT NULL DEFAULT 0;
-- Units × unit cost, net of refunded units.
ALTER TABLE product_sales_days ADD COLUMN cost_minor BIGINT NOT NULL DEFAULT 0;
