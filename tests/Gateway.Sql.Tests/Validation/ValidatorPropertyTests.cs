using System.Diagnostics;
using System.Text;
using CsCheck;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Sql.Tests.Validation;

/// <summary>
/// Properties over random and mutated input: the validator never throws, always answers, answers quickly, and
/// whatever it allows re-validates to the same SQL.
/// </summary>
public sealed class ValidatorPropertyTests
{
    private static readonly SqlValidator Validator = new();

    private static readonly SqlPolicy Policy = new()
    {
        MaxRows = 50,
        DeniedColumns = ValidatorTestKit.Names("users.password", "ssn"),
        DeniedTables = ValidatorTestKit.Names("secrets"),
        Dialects = new Dictionary<SqlDialectKind, DialectRules>
        {
            [SqlDialectKind.Postgres] = ValidatorTestKit.Functions("pg_sleep"),
            [SqlDialectKind.MySql] = ValidatorTestKit.Functions("sleep"),
            [SqlDialectKind.Sqlite] = ValidatorTestKit.Functions("load_extension"),
        },
    };

    private static readonly SqlDialectKind[] Dialects = [SqlDialectKind.Postgres, SqlDialectKind.MySql, SqlDialectKind.Sqlite];

    private static readonly string[] Seeds =
    [
        "SELECT id, name FROM users WHERE id = 1",
        "SELECT a.id, count(*) AS n FROM orders a JOIN items b ON a.id = b.order_id WHERE b.price > 10 GROUP BY a.id HAVING count(*) > 2 ORDER BY n DESC LIMIT 10",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r",
        "SELECT CASE WHEN x IS NULL THEN 'a' ELSE 'b' END, CAST(y AS int) FROM t WHERE z IN (1, 2, 3) AND w LIKE 'q%'",
        "SELECT * FROM (SELECT x, row_number() OVER (PARTITION BY g ORDER BY x) AS rn FROM t) s WHERE rn = 1",
        "SELECT 'it''s' || \"col\" FROM t /* comment */ -- tail",
        "SELECT `a`, @v, 0x1F, _utf8mb4'x' FROM t /*! WHERE 1 */ LIMIT 5, 10",
        "SELECT [a], ?1, :p, $q FROM t WHERE a GLOB 'x*'",
        "SELECT $$body$$, E'\\n', j->>'k', a::text[] FROM t WHERE b = ANY(ARRAY[1,2])",
        "SELECT 1 UNION SELECT 2 INTERSECT (SELECT 3 ORDER BY 1) EXCEPT SELECT 4",
    ];

    private static readonly string[] Fragments =
    [
        "SELECT", "FROM", "WHERE", "(", ")", ",", ";", "'", "\"", "`", "[", "]", "--", "/*", "*/", "/*!", "#", "$$",
        "$1", "?", ":", "::", "@", "@@", "*", ".", "=", "<=>", "||", "AND", "OR", "NOT", "IN", "BETWEEN", "LIKE",
        "CASE", "WHEN", "END", "UNION", "WITH", "AS", "JOIN", "ON", "LIMIT", "OFFSET", "FETCH", "INTO", "FOR UPDATE",
        "DELETE", "INSERT", "DROP", "VALUES", "EXPLAIN", "ANALYZE", "OVER", "PARTITION BY", "ORDER BY", "GROUP BY",
        "1", "0x", "1e", "E'", "U&'", "x'", "N'", "\\", "\n", "\0", "é", "password", "pg_sleep(1)", "@a := 1",
    ];

    private static readonly Gen<char> SqlChar = Gen.Frequency(
        (6, Gen.Char["abcdefghijklmnopqrstuvwxyz_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "]),
        (3, Gen.Char["'\"`[](){},.;:*+-/%^=<>!|&~?@#$\\\n\t"]),
        (1, Gen.Char));

    [Fact]
    public void Random_text_never_throws_and_always_gets_a_verdict()
    {
        Gen.Select(Gen.String[SqlChar, 0, 300], Gen.Int[0, 2])
            .Sample((sql, dialect) => AssertWellBehaved(sql, Dialects[dialect]), iter: 3000);
    }

    [Fact]
    public void Token_soup_never_throws_and_always_gets_a_verdict()
    {
        Gen.Select(Gen.OneOf(Fragments).Array[0, 60], Gen.Int[0, 2])
            .Sample((parts, dialect) => AssertWellBehaved(string.Join(' ', parts), Dialects[dialect]), iter: 3000);
    }

    [Fact]
    public void Mutated_queries_never_throw_and_always_get_a_verdict()
    {
        var mutation = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 10_000], Gen.Int[0, 10_000], Gen.OneOf(Fragments));
        Gen.Select(Gen.Int[0, Seeds.Length - 1], mutation.Array[1, 8], Gen.Int[0, 2])
            .Sample((seed, mutations, dialect) =>
            {
                var sql = new StringBuilder(Seeds[seed]);
                foreach (var (kind, a, b, fragment) in mutations)
                {
                    Mutate(sql, kind, a, b, fragment);
                }

                AssertWellBehaved(sql.ToString(), Dialects[dialect]);
            }, iter: 4000);
    }

    [Theory]
    [InlineData("(")]
    [InlineData("1 + ")]
    [InlineData("NOT ")]
    [InlineData("- ")]
    [InlineData("(SELECT ")]
    [InlineData("CASE WHEN 1 THEN ")]
    [InlineData("'a' || ")]
    [InlineData("/* */ ")]
    [InlineData("ARRAY[")]
    [InlineData("1 UNION SELECT ")]
    [InlineData("x FROM a JOIN b ON true JOIN c ON true UNION SELECT ")]
    public void Pathological_repetition_is_answered_quickly(string unit)
    {
        foreach (var dialect in Dialects)
        {
            // As many repetitions as fit under the validator's input limit (1,000,000 characters).
            var sql = "SELECT " + string.Concat(Enumerable.Repeat(unit, Math.Min(100_000, 990_000 / unit.Length))) + "1";
            var watch = Stopwatch.StartNew();

            var verdict = Validator.Validate(sql, dialect, Policy);

            watch.Stop();
            Assert.NotNull(verdict);
            Assert.True(watch.ElapsedMilliseconds < 5000, $"{dialect}: {watch.ElapsedMilliseconds} ms for {sql.Length:N0} characters of '{unit}'");
        }
    }

    [Fact]
    public void Work_grows_linearly_with_input()
    {
        static long Time(int terms)
        {
            var sql = "SELECT a FROM t WHERE " + string.Join(" OR ", Enumerable.Range(0, terms).Select(i => $"(a = {i} AND b IN (1, 2))"));
            var best = long.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var watch = Stopwatch.StartNew();
                _ = Validator.Validate(sql, SqlDialectKind.Postgres, Policy);
                best = Math.Min(best, watch.ElapsedTicks);
            }

            return best;
        }

        _ = Time(2_000);
        var small = Math.Max(1, Time(10_000));
        var large = Time(40_000);

        // Four times the input should cost about four times as much; allow generous noise, reject quadratic growth (16x).
        Assert.True(large < small * 10, $"10k terms: {small} ticks, 40k terms: {large} ticks");
    }

    private static void Mutate(StringBuilder sql, int kind, int a, int b, string fragment)
    {
        if (sql.Length == 0)
        {
            sql.Append(fragment);
            return;
        }

        var i = a % sql.Length;
        var j = b % sql.Length;
        switch (kind)
        {
            case 0:
                sql.Insert(i, fragment);
                break;
            case 1:
                sql.Remove(Math.Min(i, j), Math.Abs(i - j) % 12 + 1 > sql.Length - Math.Min(i, j) ? sql.Length - Math.Min(i, j) : Math.Abs(i - j) % 12 + 1);
                break;
            case 2:
                (sql[i], sql[j]) = (sql[j], sql[i]);
                break;
            case 3:
                sql.Insert(i, sql[j]);
                break;
            default:
                var words = sql.ToString().Split(' ');
                if (words.Length > 1)
                {
                    var x = i % words.Length;
                    var y = j % words.Length;
                    (words[x], words[y]) = (words[y], words[x]);
                    sql.Clear().AppendJoin(' ', words);
                }

                break;
        }
    }

    private static void AssertWellBehaved(string sql, SqlDialectKind dialect)
    {
        var watch = Stopwatch.StartNew();
        var verdict = Validator.Validate(sql, dialect, Policy);
        watch.Stop();

        Assert.NotNull(verdict);
        // Generous for a loaded CI machine; catastrophic backtracking on 300 characters would take far longer.
        Assert.True(watch.ElapsedMilliseconds < 2000, $"{watch.ElapsedMilliseconds} ms for: {sql}");
        if (!verdict.Allowed)
        {
            Assert.False(string.IsNullOrEmpty(verdict.Rule));
            Assert.False(string.IsNullOrEmpty(verdict.Message));
            return;
        }

        Assert.NotNull(verdict.Sql);
        var again = Validator.Validate(verdict.Sql!, dialect, Policy);
        Assert.True(again.Allowed, $"Rewritten SQL was rejected ({again.Rule}: {again.Message}): {verdict.Sql}\nfrom: {sql}");
        Assert.Equal(verdict.Sql, again.Sql);
    }
}
