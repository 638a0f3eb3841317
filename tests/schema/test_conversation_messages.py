"""public.conversation_messages: a new message moves its conversation's last_message_at."""

from __future__ import annotations




def test_new_message_moves_conversation_last_message_at(db):
    a = db.new_user()
    message = db.make("conversation_messages", a)
    last = db.execute("select last_message_at from public.conversations where id = %s",
                      (message["conversation_id"],)).fetchone()["last_message_at"]
    assert last == message["created_at"]
