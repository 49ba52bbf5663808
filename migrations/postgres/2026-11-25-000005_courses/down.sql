DROP TABLE course_sessions;
DROP TABLE course_topics;
DROP TABLE course_trainers;
DROP TABLE courses;
