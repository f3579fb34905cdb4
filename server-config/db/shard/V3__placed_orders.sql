-- PLACED: the order is written, the answer to its key is not final yet (payment being authorized).
-- Replays of the key wait (409) until it is COMPLETED with the answer the first caller got.
ALTER TABLE idempotency_record DROP CONSTRAINT idempotency_record_state_check;
ALTER TABLE idempotency_record ADD CONSTRAINT idempotency_record_state_check
    CHECK (state IN ('IN_PROGRESS', 'PLACED', 'COMPLETED', 'ABANDONED'));
