INSERT INTO teams (name, slack_channel)
VALUES (:#name, :#slackChannel)
RETURNING id
