"""A gate where a test holds `up` (a migration's statement, a commit) until it has looked at the
database: a wait until released, not a fixed sleep, which a busy machine could outlast."""

GATE = ("create schema hold", "create table hold.release (ok boolean)",
        "create function hold.until_released() returns void language plpgsql as $$ begin "
        "loop exit when exists (select from hold.release); perform pg_sleep(0.02); end loop; end $$")
OPEN = "insert into hold.release values (true)"
