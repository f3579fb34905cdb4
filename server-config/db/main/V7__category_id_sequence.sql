-- Categories created through the API take ids from a sequence (the seed used 1..120).
CREATE SEQUENCE category_id_seq START WITH 1001 INCREMENT BY 1;
