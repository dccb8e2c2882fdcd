-- Security fixes of issue 13.
-- revision: increased by every change of a user (profile, groups, password, enabled), so that
-- each node can tell on every request whether a session's snapshot of the user is still current.
ALTER TABLE catalog_user ADD COLUMN revision BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE catalog_user ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;

-- Failed logins are counted per submitted user name AND source address, so that a stranger's
-- failures cannot lock the real user out. Counts are transient: dropping them on upgrade loses
-- at most one lock-out period.
DROP TABLE login_failure;
CREATE TABLE login_failure (
    username      VARCHAR(100) NOT NULL,
    address       VARCHAR(64)  NOT NULL,
    failures      INT          NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (username, address)
);

-- The BCrypt hash of the configured admin's password, shared by every node (one row, id 1).
-- The first node to start stores it; revision changes with the password, ending admin sessions.
CREATE TABLE admin_credential (
    id             INT          NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(100) NOT NULL,
    revision       BIGINT       NOT NULL
);
