-- question_ids and checked_json are JSON arrays of question ids. A quiz may have 500 questions with ids of 64
-- characters, about 33,500 characters of JSON, which did not fit V1's varchar(8000): starting such a quiz failed in
-- the database. Unbounded text, like the other JSON columns.
alter table manabi_quiz_attempt alter column question_ids set data type ${text};
alter table manabi_quiz_attempt alter column checked_json set data type ${text};
