DROP TABLE audit_log;
DROP TABLE login_throttle;
DROP TABLE auth_sessions;
