-- sql/views/ai_video_stats.sql
-- Per-user AI video figures: projects by outcome, cost, generation time.

create or replace view public.ai_video_stats
with (security_invoker = true)
as
select
    p.user_id,
    count(*) as total_projects,
    count(*) filter (where p.status = 'completed') as completed_projects,
    count(*) filter (where p.status = 'failed') as failed_projects,
    count(*) filter (where p.status not in ('completed', 'failed')) as in_progress_projects,
    count(*) filter (where p.auto_generated) as auto_generated_projects,
    coalesce(sum(p.cost_usd), 0)::numeric(12, 4) as total_cost_usd,
    round(avg(p.cost_usd) filter (where p.status = 'completed'), 4) as avg_cost_per_completed_usd,
    round(avg(extract(epoch from p.completed_at - p.created_at))
              filter (where p.status = 'completed'), 1) as avg_generation_seconds,
    coalesce(sum(p.duration_s) filter (where p.status = 'completed'), 0) as completed_video_seconds,
    max(p.created_at) as last_project_at
from public.ai_video_projects as p
group by p.user_id;

comment on view public.ai_video_stats is
    'Per-user AI video statistics: projects by outcome (completed, failed, in progress, auto-generated), total and average cost in USD, average seconds from creation to completion, seconds of finished video. Row level security of ai_video_projects applies (security_invoker).';

revoke all on public.ai_video_stats from anon, authenticated;
grant select on public.ai_video_stats to authenticated, service_role;
