-- License notices (issue 14): the last day of the term whose advance notice ("ends in N days") was mailed, so
-- that the term job mails it once per end date; a renewal sets a new end, which gets its own notice.
ALTER TABLE licenses ADD COLUMN end_notice_for INTEGER;
