DROP TABLE accompaniment_attendance;
DROP TABLE accompaniment_meetings;
