from schema_tool.sqlsplit import line_and_column, split


def texts(sql):
    return [s.text for s in split(sql)]


def test_splits_on_semicolons_outside_quotes_and_comments():
    sql = "select ';' as a; -- a comment; still comment\nselect \"x;y\" from t; /* c; /* nested; */ ; */ select 3"
    assert texts(sql) == ["select ';' as a", 'select "x;y" from t', "select 3"]


def test_dollar_quoted_bodies_stay_whole():
    sql = "create function f() returns int language sql as $$ select 1; $$;\ndo $x$ begin perform 1; end $x$;"
    assert texts(sql) == ["create function f() returns int language sql as $$ select 1; $$",
                          "do $x$ begin perform 1; end $x$"]


def test_escape_strings_and_positional_parameters():
    sql = r"select E'it\'s; fine', $1; select 'a''b;c'"
    assert texts(sql) == [r"select E'it\'s; fine', $1", "select 'a''b;c'"]


def test_offsets_point_at_the_statement_start():
    sql = "-- header\n\nselect 1;\n  /* why */ select 2;"
    first, second = split(sql)
    assert line_and_column(sql, first.offset) == (3, 1)
    assert line_and_column(sql, second.offset) == (4, 13)


def test_comment_only_text_yields_no_statement():
    assert texts("-- nothing\n/* here */\n;\n") == []


def test_lower_keywords_leaves_quotes_identifiers_and_bodies_alone():
    from schema_tool.sqlsplit import lower_keywords

    sql = 'CREATE FUNCTION "Odd"() RETURNS TEXT AS $f$ SELECT \'KEEP\' $f$ LANGUAGE sql -- NOTE\n'
    assert lower_keywords(sql) == 'create function "Odd"() returns text as $f$ SELECT \'KEEP\' $f$ language sql -- NOTE\n'
