using static Gateway.Sql.Tests.Parsing.ParserTestKit;

namespace Gateway.Sql.Tests.Parsing;

/// <summary>A corpus of statements each dialect must parse (the parser's identity fixture).</summary>
public sealed class ParserCorpusTests
{
    public static TheoryData<string, string> Accepted => new()
    {
        // CTEs
        { "postgres", "WITH a AS (SELECT 1 AS x), b (y) AS (SELECT x FROM a) SELECT y FROM b" },
        { "postgres", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r" },
        { "postgres", "WITH m AS MATERIALIZED (SELECT 1), n AS NOT MATERIALIZED (SELECT 2) SELECT * FROM m, n" },
        { "mysql", "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r" },
        { "sqlite", "WITH t(a) AS (VALUES (1), (2)) SELECT a FROM t" },
        // DISTINCT
        { "postgres", "SELECT DISTINCT ON (a, b) a, b, c FROM t ORDER BY a, b, c DESC" },
        { "mysql", "SELECT DISTINCTROW a FROM t" },
        { "mysql", "SELECT SQL_NO_CACHE STRAIGHT_JOIN a FROM t" },
        // joins
        { "postgres", "SELECT * FROM a INNER JOIN b ON a.id = b.id LEFT OUTER JOIN c USING (id) RIGHT JOIN d ON true FULL JOIN e ON true CROSS JOIN f" },
        { "postgres", "SELECT * FROM a NATURAL JOIN b NATURAL LEFT JOIN c" },
        { "postgres", "SELECT * FROM a, LATERAL (SELECT * FROM b WHERE b.a = a.id) AS x" },
        { "postgres", "SELECT * FROM a JOIN LATERAL generate_series(1, a.n) WITH ORDINALITY AS g(v, i) ON true" },
        { "postgres", "SELECT * FROM (a JOIN b ON a.x = b.x) JOIN c ON c.y = a.y" },
        { "postgres", "SELECT * FROM ONLY parent p" },
        { "mysql", "SELECT * FROM a STRAIGHT_JOIN b ON a.id = b.id" },
        { "mysql", "SELECT * FROM a JOIN b" },
        { "mysql", "SELECT * FROM t USE INDEX (i1, i2) WHERE a = 1" },
        { "mysql", "SELECT * FROM t FORCE INDEX FOR JOIN (PRIMARY)" },
        { "sqlite", "SELECT * FROM t INDEXED BY i WHERE a = 1" },
        { "sqlite", "SELECT * FROM t NOT INDEXED" },
        // subqueries
        { "postgres", "SELECT (SELECT max(b) FROM u WHERE u.a = t.a) AS m FROM t WHERE t.a IN (SELECT a FROM v) AND EXISTS (SELECT 1 FROM w)" },
        { "postgres", "SELECT * FROM (SELECT 1) AS s(x)" },
        { "postgres", "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s)" },
        { "mysql", "SELECT * FROM (SELECT 1 AS x) s" },
        { "sqlite", "SELECT * FROM t WHERE a IN u" },
        // set operations
        { "postgres", "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4" },
        { "postgres", "(SELECT 1 LIMIT 1) UNION DISTINCT (SELECT 2) ORDER BY 1 LIMIT 5" },
        { "postgres", "SELECT x FROM t WHERE x IN ((SELECT 1) UNION (SELECT 2))" },
        { "mysql", "(SELECT a FROM t) UNION ALL (SELECT b FROM u) LIMIT 3" },
        { "sqlite", "SELECT a FROM t UNION SELECT b FROM u EXCEPT SELECT c FROM v" },
        // windows
        { "postgres", "SELECT rank() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST) FROM t" },
        { "postgres", "SELECT sum(x) OVER w, avg(x) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t WINDOW w AS (PARTITION BY g)" },
        { "postgres", "SELECT sum(x) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW EXCLUDE TIES) FROM t" },
        { "postgres", "SELECT count(*) OVER (ORDER BY x GROUPS 2 PRECEDING) FROM t" },
        { "mysql", "SELECT row_number() OVER w FROM t WINDOW w AS (ORDER BY a)" },
        { "sqlite", "SELECT lag(x, 1) OVER (ORDER BY y ROWS 1 PRECEDING) FROM t" },
        // CASE and casts
        { "postgres", "SELECT CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END, CASE a WHEN 1 THEN 2 END FROM t" },
        { "postgres", "SELECT a::int, b::numeric(10, 2), c::text[], d::double precision, e::timestamp with time zone, f::character varying(20), g::public.mytype FROM t" },
        { "postgres", "SELECT CAST(a AS varchar(10)), CAST(b AS int[]), CAST(c AS timestamp(3) without time zone) FROM t" },
        { "postgres", "SELECT '{1,2}'::int[][]" },
        { "mysql", "SELECT CAST(a AS UNSIGNED), CAST(b AS SIGNED INTEGER), CAST(c AS DECIMAL(10, 2)), CAST(d AS CHAR(5) CHARACTER SET utf8mb4) FROM t" },
        { "mysql", "SELECT CONVERT(a, DATETIME), CONVERT(b USING utf8mb4) FROM t" },
        { "sqlite", "SELECT CAST(a AS TEXT), CAST(b AS INTEGER) FROM t" },
        // aggregates
        { "postgres", "SELECT count(DISTINCT a), count(*) FILTER (WHERE b > 0), percentile_cont(0.5) WITHIN GROUP (ORDER BY c) FROM t" },
        { "postgres", "SELECT string_agg(name, ', ' ORDER BY name DESC), array_agg(DISTINCT x ORDER BY x) FROM t" },
        { "mysql", "SELECT group_concat(DISTINCT name ORDER BY name ASC SEPARATOR '; ') FROM t GROUP BY g" },
        { "sqlite", "SELECT group_concat(name, ','), count(DISTINCT a) FROM t" },
        // limits
        { "postgres", "SELECT * FROM t LIMIT 10 OFFSET 5" },
        { "postgres", "SELECT * FROM t OFFSET 5 LIMIT 10" },
        { "postgres", "SELECT * FROM t LIMIT ALL" },
        { "postgres", "SELECT * FROM t ORDER BY a OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY" },
        { "postgres", "SELECT * FROM t ORDER BY a FETCH NEXT 1 ROW WITH TIES" },
        { "postgres", "SELECT * FROM t FETCH FIRST ROW ONLY" },
        { "postgres", "SELECT * FROM t LIMIT $1" },
        { "mysql", "SELECT * FROM t LIMIT 5, 10" },
        { "mysql", "SELECT * FROM t LIMIT 10 OFFSET 5" },
        { "mysql", "SELECT * FROM t LIMIT ?" },
        { "sqlite", "SELECT * FROM t LIMIT 10 OFFSET 2" },
        { "sqlite", "SELECT * FROM t LIMIT 2, 10" },
        // VALUES
        { "postgres", "VALUES (1, 2), (3, 4) ORDER BY 1" },
        { "mysql", "VALUES ROW(1, 2), ROW(3, 4)" },
        { "sqlite", "VALUES (1), (2)" },
        { "postgres", "TABLE films" },
        // grouping
        { "postgres", "SELECT a, b, sum(c) FROM t GROUP BY ROLLUP (a, b)" },
        { "postgres", "SELECT a, b, sum(c) FROM t GROUP BY CUBE (a, b) HAVING sum(c) > 1" },
        { "postgres", "SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (a), ())" },
        { "postgres", "SELECT a FROM t GROUP BY DISTINCT a, ROLLUP (b)" },
        { "mysql", "SELECT a, sum(b) FROM t GROUP BY a WITH ROLLUP" },
        // expressions
        { "postgres", "SELECT 1 + 2 * 3 - 4 / 5 % 6 ^ 2, -a, +b, ~c, @ d, a | b & c # d << 1 >> 2 FROM t" },
        { "postgres", "SELECT a IS NULL, b IS NOT NULL, c IS TRUE, d IS NOT UNKNOWN, e IS DISTINCT FROM f, g IS NOT DISTINCT FROM h, i ISNULL, j NOTNULL FROM t" },
        { "postgres", "SELECT * FROM t WHERE a BETWEEN 1 AND 2 AND b NOT BETWEEN SYMMETRIC 3 AND 4" },
        { "postgres", "SELECT * FROM t WHERE a IN (1, 2, 3) AND b NOT IN (SELECT x FROM u)" },
        { "postgres", "SELECT * FROM t WHERE a LIKE 'x%' ESCAPE '!' OR b NOT ILIKE 'y' OR c SIMILAR TO 'z' OR d NOT SIMILAR TO 'w' ESCAPE '#'" },
        { "postgres", "SELECT * FROM t WHERE a ~ '^x' OR b ~* 'y' OR c !~ 'z' OR d !~* 'w'" },
        { "postgres", "SELECT * FROM t WHERE a = ANY (ARRAY[1, 2]) AND b > ALL (SELECT x FROM u) AND c = SOME (SELECT y FROM v)" },
        { "postgres", "SELECT ARRAY[1, 2, 3], ARRAY[[1, 2], [3, 4]], ARRAY(SELECT x FROM t), a[1], a[1:2], a[:3], (b)[2] FROM t" },
        { "postgres", "SELECT INTERVAL '1 day', INTERVAL '1' DAY, INTERVAL '1-2' YEAR TO MONTH, now() - interval '2 hours'" },
        { "postgres", "SELECT EXTRACT(YEAR FROM d), EXTRACT('epoch' FROM d), SUBSTRING(s FROM 2 FOR 3), SUBSTRING(s, 1, 2), POSITION('a' IN s), TRIM(LEADING 'x' FROM s), TRIM(BOTH FROM s), TRIM(s), OVERLAY(s PLACING 'x' FROM 2 FOR 1) FROM t" },
        { "postgres", "SELECT a COLLATE \"C\", b COLLATE pg_catalog.\"default\" FROM t ORDER BY a COLLATE \"C\"" },
        { "postgres", "SELECT j -> 'a', j ->> 'b', j #> '{a,b}', j #>> '{a}', j @> '{}', j <@ '{}', j ? 'k', j ?| array['a'], j ?& array['b'] FROM t" },
        { "postgres", "SELECT $1, $2::int FROM t WHERE a = $3" },
        { "postgres", "SELECT ROW(1, 2), (1, 2) = (a, b), (t.c).f FROM t" },
        { "postgres", "SELECT s.t.c, t.*, s.t.* FROM s.t" },
        { "postgres", "SELECT DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00', int4 '5', E'a\\nb', U&'\\0041', B'01', X'0F', $$x$$" },
        { "postgres", "SELECT CURRENT_DATE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(3), LOCALTIME, CURRENT_USER, SESSION_USER" },
        { "postgres", "SELECT make_interval(days => 1), f(VARIADIC arr) FROM t" },
        { "postgres", "SELECT 'a' || 'b', a @@ to_tsquery('x'), a && b FROM t" },
        { "postgres", "SELECT FROM t" },
        { "postgres", "SELECT 1_000, 0x1F" },
        { "mysql", "SELECT a <=> b, a DIV b, a MOD b, a XOR b, a || b, a && b, !a, a REGEXP 'x', a NOT RLIKE 'y' FROM t" },
        { "mysql", "SELECT @a, @@session.sql_mode, @@version FROM t" },
        { "mysql", "SELECT INTERVAL 1 DAY + d, DATE_ADD(d, INTERVAL 3 HOUR), d - INTERVAL '1:30' HOUR_MINUTE FROM t" },
        { "mysql", "SELECT j->'$.a', j->>'$.b' FROM t" },
        { "mysql", "SELECT MATCH (a, b) AGAINST ('x' IN BOOLEAN MODE), MATCH (c) AGAINST ('y') FROM t" },
        { "mysql", "SELECT _utf8mb4'abc', _latin1 'x', N'n', X'41', b'01', 0x41, 'it''s', 'it\\'s', \"dq\" FROM t" },
        { "mysql", "SELECT `select`.`from` FROM `select`" },
        { "mysql", "SELECT a AS 'alias', b 'other', c AS \"third\" FROM t" },
        { "mysql", "SELECT LEFT(s, 2), RIGHT(s, 1), IF(a, 1, 2), REPLACE(s, 'a', 'b'), INSERT(s, 1, 1, 'x'), MOD(5, 2), CHAR(65) FROM t" },
        { "mysql", "SELECT BINARY a = b, CAST(a AS BINARY) FROM t" },
        { "mysql", "SELECT /*! STRAIGHT_JOIN */ a FROM t" },
        { "mysql", "SELECT * FROM t PARTITION (p0, p1)" },
        { "mysql", "SELECT 1 FROM dual" },
        { "sqlite", "SELECT a == b, a GLOB 'x*', a NOT GLOB 'y', a REGEXP 'z', a MATCH 'w', a ISNULL, b NOTNULL, a IS NOT b FROM t" },
        { "sqlite", "SELECT ?, ?1, :name, @name, $name" },
        { "sqlite", "SELECT [odd name], \"quoted\", `back` FROM [my table]" },
        { "sqlite", "SELECT json_extract(j, '$.a'), j -> '$.a', j ->> '$.b' FROM t" },
        { "sqlite", "SELECT date('now'), strftime('%Y', d), x'00ff' FROM t" },
        { "sqlite", "SELECT * FROM t WHERE a IN ()" },
        // statements around queries
        { "postgres", "SELECT 1;" },
        { "postgres", "EXPLAIN SELECT 1" },
        { "postgres", "EXPLAIN (FORMAT JSON, COSTS false) SELECT 1" },
        { "mysql", "EXPLAIN FORMAT=JSON SELECT 1" },
        { "sqlite", "EXPLAIN QUERY PLAN SELECT 1" },
        // locking and into (parsed so that the rules can name them)
        { "postgres", "SELECT * FROM t FOR UPDATE OF t SKIP LOCKED" },
        { "postgres", "SELECT * FROM t FOR NO KEY UPDATE NOWAIT" },
        { "postgres", "SELECT * FROM t FOR KEY SHARE FOR SHARE" },
        { "postgres", "SELECT * INTO TEMP newtable FROM t" },
        { "mysql", "SELECT * FROM t LOCK IN SHARE MODE" },
        { "mysql", "SELECT * FROM t FOR UPDATE" },
        { "mysql", "SELECT a INTO @x FROM t" },
        { "mysql", "SELECT a FROM t INTO @x, @y" },
        { "mysql", "SELECT * FROM t INTO OUTFILE '/tmp/x' FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\n'" },
        { "mysql", "SELECT * FROM t INTO DUMPFILE '/tmp/y'" },
        { "mysql", "SELECT @a := 1, @b := @a + 1" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Parses(string dialect, string sql)
    {
        _ = ParseOne(dialect, sql);
    }

    public static TheoryData<string, string, int> Rejected => new()
    {
        { "mysql", "SELECT", 6 },
        { "postgres", "SELECT 1 +", 10 },
        { "postgres", "SELECT * FROM", 13 },
        { "postgres", "SELECT * FROM t WHERE", 21 },
        { "postgres", "SELECT (1", 9 },
        { "postgres", "SELECT 1)", 8 },
        { "postgres", "SELECT a FROM t t2 t3", 19 },
        { "postgres", "SELECT * FROM a JOIN b", 22 },
        { "postgres", "SELECT CASE END", 12 },
        { "postgres", "FROBNICATE t", 0 },
        { "postgres", "SELECT 1 FROM t GARBAGE MORE", 24 },
        { "mysql", "SELECT INTERVAL 1 FROM t", 18 },
        { "mysql", "SELECT a FROM t LIMIT", 21 },
        { "sqlite", "SELECT a::int FROM t", 8 },
        { "sqlite", "SELECT * FROM t FOR UPDATE", 16 },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Fails_with_a_position(string dialect, string sql, int position)
    {
        Assert.Equal(position, ParseError(dialect, sql).Position);
    }
}
