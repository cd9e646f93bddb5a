using Gateway.Sql.Ast;
using Gateway.Sql.Parsing;
using Gateway.Sql.Tests.Lexing;
using static Gateway.Sql.Tests.Parsing.ParserTestKit;

namespace Gateway.Sql.Tests.Parsing;

public sealed class ParserTests
{
    [Fact]
    public void And_binds_tighter_than_or()
    {
        var where = ParseSelect("postgres", "SELECT 1 FROM t WHERE a OR b AND c").Where;

        var or = Assert.IsType<BinaryExpression>(where);
        Assert.Equal(BinaryOperator.Or, or.Operator);
        Assert.Equal(BinaryOperator.And, Assert.IsType<BinaryExpression>(or.Right).Operator);
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition_and_chains_are_left_associative()
    {
        var item = ParseSelect("postgres", "SELECT 1 - 2 + 3 * 4").Items[0].Expression;

        var add = Assert.IsType<BinaryExpression>(item);
        Assert.Equal(BinaryOperator.Add, add.Operator);
        Assert.Equal(BinaryOperator.Subtract, Assert.IsType<BinaryExpression>(add.Left).Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpression>(add.Right).Operator);
    }

    [Fact]
    public void Between_bounds_do_not_swallow_the_following_and()
    {
        var where = ParseSelect("postgres", "SELECT 1 FROM t WHERE a BETWEEN 1 AND 2 AND b").Where;

        var and = Assert.IsType<BinaryExpression>(where);
        Assert.IsType<BetweenExpression>(and.Left);
    }

    [Theory]
    [InlineData("mysql", nameof(BinaryOperator.Or))]
    [InlineData("postgres", nameof(BinaryOperator.Concat))]
    [InlineData("sqlite", nameof(BinaryOperator.Concat))]
    public void Double_pipe_means_or_only_in_mysql(string dialect, string expected)
    {
        var item = ParseSelect(dialect, "SELECT a || b FROM t").Items[0].Expression;

        Assert.Equal(Enum.Parse<BinaryOperator>(expected), Assert.IsType<BinaryExpression>(item).Operator);
    }

    [Fact]
    public void Writable_cte_is_recognised_as_data_change()
    {
        var query = ParseQuery("postgres", "WITH d AS (DELETE FROM t WHERE x RETURNING *) SELECT * FROM d");

        var body = Assert.IsType<DataChangeBody>(Assert.Single(query.With!.Ctes).Query.Body);
        Assert.Equal(StatementKind.Delete, body.Operation);
        Assert.Equal("t", body.Target!.Name);
        Assert.IsType<SelectBody>(query.Body);
    }

    [Fact]
    public void Dml_after_with_is_the_statement_body()
    {
        var query = ParseQuery("postgres", "WITH x AS (SELECT 1) UPDATE t SET a = (SELECT 1 FROM x)");

        Assert.Equal(StatementKind.Update, Assert.IsType<DataChangeBody>(query.Body).Operation);
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", nameof(StatementKind.Insert))]
    [InlineData("UPDATE t SET a = 1", nameof(StatementKind.Update))]
    [InlineData("DELETE FROM t", nameof(StatementKind.Delete))]
    [InlineData("MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE", nameof(StatementKind.Merge))]
    [InlineData("REPLACE INTO t VALUES (1)", nameof(StatementKind.Replace))]
    [InlineData("CREATE TABLE t (a int)", nameof(StatementKind.Create))]
    [InlineData("ALTER TABLE t ADD b int", nameof(StatementKind.Alter))]
    [InlineData("DROP TABLE t", nameof(StatementKind.Drop))]
    [InlineData("TRUNCATE t", nameof(StatementKind.Truncate))]
    [InlineData("GRANT SELECT ON t TO u", nameof(StatementKind.Grant))]
    [InlineData("REVOKE SELECT ON t FROM u", nameof(StatementKind.Revoke))]
    [InlineData("COPY t TO '/tmp/x'", nameof(StatementKind.Copy))]
    [InlineData("BEGIN", nameof(StatementKind.Begin))]
    [InlineData("START TRANSACTION", nameof(StatementKind.Begin))]
    [InlineData("COMMIT", nameof(StatementKind.Commit))]
    [InlineData("ROLLBACK", nameof(StatementKind.Rollback))]
    [InlineData("SAVEPOINT s", nameof(StatementKind.Savepoint))]
    [InlineData("RELEASE SAVEPOINT s", nameof(StatementKind.Release))]
    [InlineData("SET search_path = x", nameof(StatementKind.Set))]
    [InlineData("RESET ALL", nameof(StatementKind.Reset))]
    [InlineData("USE db", nameof(StatementKind.Use))]
    [InlineData("EXECUTE p (1)", nameof(StatementKind.Execute))]
    [InlineData("EXEC sp_who", nameof(StatementKind.Execute))]
    [InlineData("CALL p()", nameof(StatementKind.Call))]
    [InlineData("PREPARE p AS SELECT 1", nameof(StatementKind.Prepare))]
    [InlineData("DEALLOCATE p", nameof(StatementKind.Deallocate))]
    [InlineData("DO $$ BEGIN END $$", nameof(StatementKind.Do))]
    [InlineData("LOCK TABLE t", nameof(StatementKind.Lock))]
    [InlineData("UNLOCK TABLES", nameof(StatementKind.Unlock))]
    [InlineData("VACUUM t", nameof(StatementKind.Vacuum))]
    [InlineData("ANALYZE t", nameof(StatementKind.Analyze))]
    [InlineData("PRAGMA writable_schema = 1", nameof(StatementKind.Pragma))]
    [InlineData("ATTACH DATABASE 'x' AS y", nameof(StatementKind.Attach))]
    [InlineData("DETACH DATABASE y", nameof(StatementKind.Detach))]
    [InlineData("LISTEN ch", nameof(StatementKind.Listen))]
    [InlineData("NOTIFY ch", nameof(StatementKind.Notify))]
    [InlineData("LOAD 'plugin'", nameof(StatementKind.Load))]
    [InlineData("HANDLER t OPEN", nameof(StatementKind.Handler))]
    [InlineData("SHOW TABLES", nameof(StatementKind.Show))]
    [InlineData("DESCRIBE t", nameof(StatementKind.Describe))]
    public void Recognises_other_statements_by_their_leading_keywords(string sql, string kind)
    {
        foreach (var dialect in new[] { "postgres", "mysql", "sqlite" })
        {
            var result = SqlParser.Parse(sql, LexerTestKit.Dialect(dialect));
            if (result.Error is null)
            {
                Assert.Equal(Enum.Parse<StatementKind>(kind), Assert.Single(result.Statements).Kind);
                return;
            }
        }

        Assert.Fail($"No dialect recognised: {sql}");
    }

    [Theory]
    [InlineData("postgres", "EXPLAIN SELECT 1", false)]
    [InlineData("postgres", "EXPLAIN ANALYZE SELECT 1", true)]
    [InlineData("postgres", "EXPLAIN (ANALYZE) SELECT 1", true)]
    [InlineData("postgres", "EXPLAIN (ANALYZE false, BUFFERS) SELECT 1", true)]
    [InlineData("postgres", "EXPLAIN VERBOSE SELECT 1", false)]
    [InlineData("mysql", "EXPLAIN ANALYZE SELECT 1", true)]
    [InlineData("mysql", "DESCRIBE SELECT 1", false)]
    [InlineData("sqlite", "EXPLAIN QUERY PLAN SELECT 1", false)]
    public void Explain_records_whether_it_would_execute(string dialect, string sql, bool analyze)
    {
        var explain = Assert.IsType<ExplainStatement>(ParseOne(dialect, sql));

        Assert.Equal(analyze, explain.Analyze);
        Assert.IsType<QueryStatement>(explain.Target);
    }

    [Fact]
    public void Statements_are_split_on_semicolons_outside_strings()
    {
        var result = SqlParser.Parse("SELECT ';'; DELETE FROM t; SELECT 2", LexerTestKit.Dialect("postgres"));

        Assert.Null(result.Error);
        Assert.Equal([StatementKind.Query, StatementKind.Delete, StatementKind.Query], result.Statements.Select(s => s.Kind));
    }

    [Fact]
    public void Mysql_executable_comment_content_is_parsed_as_code()
    {
        var call = Single<FunctionCall>("mysql", "SELECT 1 /*!50000 + SLEEP(5) */");

        Assert.Equal("SLEEP", call.Name.Name);
    }

    [Fact]
    public void Limit_comma_form_puts_offset_first()
    {
        var limit = ParseQuery("mysql", "SELECT * FROM t LIMIT 5, 10").Limit!;

        Assert.Equal(LimitSyntax.LimitCommaOffset, limit.Syntax);
        Assert.Equal("10", Assert.IsType<Literal>(limit.Count).Text);
        Assert.Equal("5", Assert.IsType<Literal>(limit.Offset).Text);
    }

    [Fact]
    public void Fetch_first_with_ties_is_recorded()
    {
        var limit = ParseQuery("postgres", "SELECT * FROM t ORDER BY a FETCH FIRST 3 ROWS WITH TIES").Limit!;

        Assert.Equal(LimitSyntax.Fetch, limit.Syntax);
        Assert.True(limit.WithTies);
    }

    [Fact]
    public void Set_operation_limit_belongs_to_the_whole_query()
    {
        var query = ParseQuery("postgres", "SELECT 1 UNION SELECT 2 LIMIT 1");

        Assert.IsType<SetOperationBody>(query.Body);
        Assert.NotNull(query.Limit);
    }

    [Fact]
    public void Intersect_binds_tighter_than_union()
    {
        var body = Assert.IsType<SetOperationBody>(ParseQuery("postgres", "SELECT 1 UNION SELECT 2 INTERSECT SELECT 3").Body);

        Assert.Equal(SetOperator.Union, body.Operator);
        Assert.Equal(SetOperator.Intersect, Assert.IsType<SetOperationBody>(body.Right).Operator);
    }

    [Fact]
    public void Aggregate_decorations_are_kept()
    {
        var call = Single<FunctionCall>("postgres", "SELECT string_agg(DISTINCT name, ',' ORDER BY name) FILTER (WHERE x > 0) FROM t");

        Assert.True(call.Distinct);
        Assert.Equal(2, call.Arguments.Count);
        Assert.Single(call.OrderBy);
        Assert.NotNull(call.Filter);
    }

    [Fact]
    public void Mysql_separator_is_kept()
    {
        var call = Single<FunctionCall>("mysql", "SELECT group_concat(name ORDER BY name SEPARATOR ';') FROM t");

        Assert.NotNull(call.Separator);
    }

    [Fact]
    public void Count_star_is_a_star_argument_not_a_star_expression()
    {
        var statement = ParseOne("postgres", "SELECT count(*) FROM t");

        Assert.True(Assert.Single(SqlWalker.OfType<FunctionCall>(statement)).StarArgument);
        Assert.Empty(SqlWalker.OfType<StarExpression>(statement));
    }

    [Fact]
    public void Qualified_star_keeps_its_qualifier()
    {
        var star = Assert.IsType<StarExpression>(ParseSelect("postgres", "SELECT s.t.* FROM s.t").Items[0].Expression);

        Assert.Equal(["s", "t"], star.Qualifier!.Parts.Select(p => p.Value));
    }

    [Fact]
    public void Quoted_identifiers_are_unescaped()
    {
        var column = Single<ColumnReference>("postgres", "SELECT \"Odd \"\"Name\"\"\" FROM t");

        Assert.Equal("Odd \"Name\"", column.Name.Name);
        Assert.True(column.Name.Parts[0].Quoted);
    }

    [Fact]
    public void Nodes_carry_their_source_span()
    {
        const string sql = "SELECT a FROM   public.users AS u";
        var table = Single<NamedTable>("postgres", sql);

        Assert.Equal("public.users AS u", table.TextIn(sql));
        Assert.Equal("public", table.Name.Qualifier);
        Assert.Equal("u", table.Alias!.Name.Value);
    }

    [Fact]
    public void Select_into_and_locking_are_parsed()
    {
        var query = ParseQuery("postgres", "SELECT * INTO t2 FROM t FOR UPDATE SKIP LOCKED");

        Assert.Equal("t2", Assert.IsType<SelectBody>(query.Body).Into!.Table!.Name);
        Assert.Equal(LockWait.SkipLocked, Assert.Single(query.Locking).Wait);
    }

    [Fact]
    public void Mysql_assignment_is_parsed()
    {
        var assignment = Single<AssignmentExpression>("mysql", "SELECT @a := 1");

        Assert.Equal("@a", assignment.Target.Name);
    }

    [Fact]
    public void Walker_visits_every_child_in_source_order()
    {
        var statement = ParseOne("postgres", "SELECT a, b FROM t WHERE c = 1");

        var columns = SqlWalker.OfType<ColumnReference>(statement).Select(c => c.Name.Name);

        Assert.Equal(["a", "b", "c"], columns);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var sql = "SELECT " + new string('(', 5000) + "1" + new string(')', 5000);

        var error = ParseError("postgres", sql);

        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_subqueries_are_an_error()
    {
        var sql = string.Concat(Enumerable.Repeat("SELECT * FROM (", 300)) + "SELECT 1" + string.Concat(Enumerable.Repeat(") x", 300));

        Assert.Contains("nested", ParseError("postgres", sql).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_operator_chains_parse_without_recursion()
    {
        var sql = "SELECT 1" + string.Concat(Enumerable.Repeat(" + 1", 50_000));

        var statement = ParseOne("postgres", sql);

        Assert.Equal(50_001, SqlWalker.OfType<Literal>(statement).Count);
    }

    [Fact]
    public void Moderate_nesting_is_accepted()
    {
        var sql = "SELECT " + new string('(', 150) + "1" + new string(')', 150);

        _ = ParseOne("postgres", sql);
    }
}
