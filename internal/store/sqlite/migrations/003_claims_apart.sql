-- Items stored from now on keep their claims only in the claims table (their
-- data has "claims": null); idx is a claim's position in its item. Older
-- items keep the copy in their data, which readers then use.
ALTER TABLE claims ADD COLUMN idx INTEGER NOT NULL DEFAULT 0;
