"""Row factories for 0007_conversation_intelligence: conversation_messages,
conversation_knowledge_refs, research_notes.

Children are made with their same-tenant parents linked, so the isolation
matrix also proves the composite foreign keys refuse B's copy.
"""

from tests.factories import factory


@factory("conversation_messages")
def conversation_messages(db, owner):
    conversation = db.make("conversations", owner)
    return db.insert("conversation_messages", conversation_id=conversation["id"], user_id=owner,
                     role="assistant", content="Focus the launch on LinkedIn.")


@factory("conversation_knowledge_refs")
def conversation_knowledge_refs(db, owner):
    message = db.make("conversation_messages", owner)
    chunk = db.make("knowledge_chunks", owner)
    return db.insert("conversation_knowledge_refs", user_id=owner, conversation_id=message["conversation_id"],
                     message_id=message["id"], knowledge_chunk_id=chunk["id"], relevance_score=0.82)


@factory("research_notes")
def research_notes(db, owner):
    message = db.make("conversation_messages", owner)
    return db.insert("research_notes", user_id=owner, conversation_id=message["conversation_id"],
                     message_id=message["id"], note="Verify the LinkedIn CPM claim",
                     source_excerpt=message["content"], tags=["launch"], flag_reason="needs_verification")
