-- 001_init.sql — placeholder, replaced by the storage work
CREATE TABLE unit (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL) STRICT;
