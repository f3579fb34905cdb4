-- Products created through the API take ids from a sequence (the seed used 1..12000).
-- INCREMENT 50 matches the JPA allocationSize: each instance reserves 50 ids per round trip.
CREATE SEQUENCE product_id_seq START WITH 1000001 INCREMENT BY 50;
