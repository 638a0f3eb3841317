-- sql/triggers/ai_interaction_feedback.sql
-- Triggers on public.ai_interaction_feedback: updated_at.

create or replace trigger ai_interaction_feedback_updated_at
    before update on public.ai_interaction_feedback
    for each row execute function public.tg_stamp_updated_at();
