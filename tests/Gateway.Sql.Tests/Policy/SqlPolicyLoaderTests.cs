using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using YamlDotNet.RepresentationModel;

namespace Gateway.Sql.Tests.Policy;

public sealed class SqlPolicyLoaderTests
{
    [Fact]
    public void Default_caps_rows_at_1000_and_restricts_no_table()
    {
        var policy = SqlPolicyLoader.LoadDefault();

        Assert.Equal(1000, policy.MaxRows);
        Assert.Empty(policy.AllowedTables);
        Assert.Empty(policy.DeniedTables);
        Assert.Empty(policy.DeniedColumns);
    }

    [Theory]
    [InlineData(SqlDialectKind.Postgres, "pg_sleep", "pg_authid")]
    [InlineData(SqlDialectKind.Postgres, "pg_read_file", "pg_shadow")]
    [InlineData(SqlDialectKind.MySql, "sleep", "mysql.user")]
    [InlineData(SqlDialectKind.MySql, "load_file", "mysql.global_priv")]
    [InlineData(SqlDialectKind.Sqlite, "load_extension", "sqlite_dbpage")]
    [InlineData(SqlDialectKind.SqlServer, "openrowset", "sys.sql_logins")]
    public void Default_holds_each_dialects_built_in_lists(SqlDialectKind dialect, string function, string relation)
    {
        var rules = SqlPolicyLoader.LoadDefault().For(dialect);

        Assert.NotNull(rules.FindFunction(null, function));
        var parts = relation.Split('.');
        Assert.NotNull(parts.Length == 2 ? rules.FindRelation(parts[0], parts[1]) : rules.FindRelation(null, relation));
    }

    [Fact]
    public void Default_lists_are_per_dialect()
    {
        var policy = SqlPolicyLoader.LoadDefault();

        Assert.NotNull(policy.For(SqlDialectKind.Postgres).FindFunction(null, "pg_sleep"));
        Assert.Null(policy.For(SqlDialectKind.MySql).FindFunction(null, "pg_sleep"));
    }

    [Fact]
    public void Default_entries_carry_category_and_reason()
    {
        var entry = SqlPolicyLoader.LoadDefault().For(SqlDialectKind.Postgres).FindFunction("pg_catalog", "pg_sleep");

        Assert.NotNull(entry);
        Assert.Equal("sleep", entry.Category);
        Assert.False(string.IsNullOrWhiteSpace(entry.Reason));
    }

    [Theory]
    [InlineData(SqlDialectKind.Postgres, "lo_import")]
    [InlineData(SqlDialectKind.Postgres, "lo_unlink")]
    [InlineData(SqlDialectKind.Postgres, "dblink_exec")]
    [InlineData(SqlDialectKind.Postgres, "pg_try_advisory_xact_lock_shared")]
    [InlineData(SqlDialectKind.SqlServer, "xp_cmdshell")]
    public void Wildcard_entries_match_by_prefix(SqlDialectKind dialect, string function)
    {
        Assert.NotNull(SqlPolicyLoader.LoadDefault().For(dialect).FindFunction(null, function));
    }

    [Fact]
    public void Wildcard_entries_do_not_match_other_names()
    {
        Assert.Null(SqlPolicyLoader.LoadDefault().For(SqlDialectKind.Postgres).FindFunction(null, "lower"));
    }

    [Fact]
    public async Task Yaml_file_replaces_settings_and_adds_dialect_entries()
    {
        using var file = new TempPolicyFile("team.yaml", """
            max_rows: 50
            tables:
              allow: [sales.orders, customers]
              deny: [payroll]
            columns:
              deny: [customers.ssn]
              mask: [customers.email]
            functions:
              deny: [newid]
            dialects:
              postgres:
                functions:
                  - { name: audit_log, category: side_effect, reason: "writes an audit row" }
                relations:
                  - { name: internal.api_keys, category: credentials, reason: "API keys" }
            """);

        var policy = await SqlPolicyLoader.LoadFileAsync(file.Path);

        Assert.Equal(50, policy.MaxRows);
        Assert.Equal(["customers", "sales.orders"], policy.AllowedTables.Order(StringComparer.Ordinal));
        Assert.Contains("PAYROLL", policy.DeniedTables);
        Assert.Contains("customers.ssn", policy.DeniedColumns);
        Assert.Contains("customers.email", policy.MaskedColumns);
        Assert.Contains("newid", policy.DeniedFunctions);
        var postgres = policy.For(SqlDialectKind.Postgres);
        Assert.Equal("writes an audit row", postgres.FindFunction(null, "audit_log")?.Reason);
        Assert.NotNull(postgres.FindRelation("internal", "api_keys"));
        Assert.NotNull(postgres.FindFunction(null, "pg_sleep"));
    }

    [Fact]
    public async Task File_without_max_rows_keeps_the_default_cap()
    {
        using var file = new TempPolicyFile("p.yml", "tables: { deny: [payroll] }\n");

        var policy = await SqlPolicyLoader.LoadFileAsync(file.Path);

        Assert.Equal(1000, policy.MaxRows);
        Assert.NotNull(policy.For(SqlDialectKind.MySql).FindFunction(null, "benchmark"));
    }

    [Fact]
    public async Task Max_rows_zero_turns_the_cap_off()
    {
        using var file = new TempPolicyFile("p.yaml", "max_rows: 0\n");

        Assert.Null((await SqlPolicyLoader.LoadFileAsync(file.Path)).MaxRows);
    }

    [Fact]
    public async Task Json_file_layers_like_yaml()
    {
        using var file = new TempPolicyFile("p.json", """
            {
              "max_rows": 25,
              "columns": { "deny": ["password_hash"] },
              "dialects": { "sqlserver": { "relations": [ { "name": "dbo.api_keys", "category": "credentials", "reason": "keys" } ] } }
            }
            """);

        var policy = await SqlPolicyLoader.LoadFileAsync(file.Path);

        Assert.Equal(25, policy.MaxRows);
        Assert.Contains("password_hash", policy.DeniedColumns);
        Assert.NotNull(policy.For(SqlDialectKind.SqlServer).FindRelation("dbo", "api_keys"));
        Assert.NotNull(policy.For(SqlDialectKind.SqlServer).FindRelation("sys", "sql_logins"));
    }

    [Fact]
    public async Task Shipped_strict_example_loads()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "policies", "examples", "strict.json");

        var policy = await SqlPolicyLoader.LoadFileAsync(path);

        Assert.Equal(100, policy.MaxRows);
        Assert.Contains("sales.orders", policy.AllowedTables);
    }

    [Fact]
    public async Task Shipped_default_yaml_loads_as_a_user_file()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "policies", "default.yaml");

        var policy = await SqlPolicyLoader.LoadFileAsync(path);

        Assert.Equal(SqlPolicyLoader.LoadDefault().MaxRows, policy.MaxRows);
    }

    [Fact]
    public async Task Loading_honours_cancellation()
    {
        using var file = new TempPolicyFile("p.yaml", "max_rows: 5\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SqlPolicyLoader.LoadFileAsync(file.Path, cancelled.Token));
    }

    [Fact]
    public async Task User_entry_with_a_built_in_name_rewords_it_without_removing_it()
    {
        using var file = new TempPolicyFile("p.yaml", """
            dialects:
              mysql:
                functions:
                  - { name: SLEEP, category: sleep, reason: "our wording" }
            """);

        var entry = (await SqlPolicyLoader.LoadFileAsync(file.Path)).For(SqlDialectKind.MySql).FindFunction(null, "sleep");

        Assert.Equal("our wording", entry?.Reason);
    }

    [Fact]
    public void Each_call_returns_a_fresh_policy()
    {
        Assert.NotSame(SqlPolicyLoader.LoadDefault(), SqlPolicyLoader.LoadDefault());
    }

    [Theory]
    [InlineData("postgres", SqlDialectKind.Postgres)]
    [InlineData("mysql", SqlDialectKind.MySql)]
    [InlineData("sqlite", SqlDialectKind.Sqlite)]
    [InlineData("sqlserver", SqlDialectKind.SqlServer)]
    public void Built_in_lists_hold_every_entry_of_the_shipped_file(string file, SqlDialectKind dialect)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", "dialects", $"{file}.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var rules = SqlPolicyLoader.LoadDefault().For(dialect);

        Assert.Equal(((YamlSequenceNode)root["functions"]).Children.Count, rules.DeniedFunctions.Count);
        Assert.Equal(((YamlSequenceNode)root["relations"]).Children.Count, rules.ProtectedRelations.Count);
    }
}
