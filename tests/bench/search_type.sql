-- One keystroke of the help desk's search box (sql/migrations/0008, find_attendees):
-- $1 is what has been typed so far.
SELECT * FROM find_attendees($1, 20);
