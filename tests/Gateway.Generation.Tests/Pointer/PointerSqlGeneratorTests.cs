using Gateway.Execution.Demo;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;
using Gateway.Generation.Pointer;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Gateway.Testing;
using Microsoft.Data.Sqlite;

namespace Gateway.Generation.Tests.Pointer;

/// <summary>The pointer generator on the real demo database with a tiny untrained model the test writes.</summary>
public sealed class PointerSqlGeneratorTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-pointer-demo-" + Guid.NewGuid().ToString("N"));
    private readonly TinyPointerModel _model = TinyPointerModel.Create(version: "tiny-1");
    private SourceDescriptor _source = null!;
    private SchemaModel _schema = null!;

    public async Task InitializeAsync()
    {
        _source = await DemoDatabase.EnsureAsync(_data);
        _schema = await new SchemaIntrospector().ReadAsync(_source);
    }

    public Task DisposeAsync()
    {
        _model.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Candidates_on_the_demo_source_parse_as_sqlite_and_name_only_existing_tables_and_columns()
    {
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = _model.Directory });

        var candidates = await generator.GenerateAsync(Request("how many customers are there?", SqlDialectKind.Sqlite, candidates: 3));

        Assert.InRange(candidates.Count, 1, 3);
        // An untrained network may finish no query within its step limit; then it refuses, and says why.
        Assert.All(candidates.Where(c => c.Kind != CandidateKind.Sql), c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
        var policy = SqlPolicyLoader.LoadDefault();
        foreach (var candidate in candidates.Where(c => c.Kind == CandidateKind.Sql))
        {
            var verdict = new SqlValidator().Validate(candidate.Sql!, SqlDialectKind.Sqlite, policy);
            Assert.False(verdict.Rule is RuleIds.ParseError or RuleIds.AmbiguousSyntax, $"{candidate.Sql}: {verdict.Message}");
            // SQLite prepares EXPLAIN only when every table and column the query names exists.
            await ExplainAsync(candidate.Sql!);
        }
    }

    [Fact]
    public void The_model_id_names_the_default_model_and_the_version_its_training_record_gives()
    {
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = _model.Directory });

        Assert.Equal("default:tiny-1", generator.ModelId);
    }

    [Fact]
    public async Task Without_a_version_the_model_id_is_a_digest_of_the_weights()
    {
        using var unversioned = TinyPointerModel.Create();
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = unversioned.Directory });

        Assert.StartsWith("default:sha256-", generator.ModelId, StringComparison.Ordinal);
        var candidates = await generator.GenerateAsync(Request("list the products", SqlDialectKind.Sqlite, candidates: 1));
        Assert.All(candidates, c => Assert.Equal(generator.ModelId, c.ModelId));
    }

    [Fact]
    public async Task Concurrent_first_requests_share_one_load_and_all_get_candidates()
    {
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = _model.Directory });

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => generator.GenerateAsync(Request("total revenue by region", SqlDialectKind.Sqlite, candidates: 1))));

        Assert.All(answers, a => Assert.NotEmpty(a));
    }

    [Fact]
    public async Task A_request_without_the_introspected_schema_fails_with_a_generation_error()
    {
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = _model.Directory });

        var error = await Assert.ThrowsAsync<GenerationException>(() => generator.GenerateAsync(Request("how many orders?", SqlDialectKind.Sqlite, 1) with { Schema = null }));

        Assert.Contains("schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_folder_is_a_generation_error_naming_it()
    {
        var missing = Path.Combine(_data, "no-model");

        var error = Assert.Throws<GenerationException>(() => new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = missing }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task For_sql_server_candidates_carry_no_limit_clause()
    {
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = _model.Directory });

        var candidates = await generator.GenerateAsync(Request("the 3 most recent orders", SqlDialectKind.SqlServer, candidates: 5) with { SqliteFile = null });

        Assert.All(candidates, c => Assert.True(
            c.Kind == CandidateKind.Refusal || !c.Sql!.Contains(" LIMIT ", StringComparison.OrdinalIgnoreCase), c.Sql));
    }

    [Fact]
    public async Task A_repair_gets_the_beams_after_the_query_that_failed()
    {
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = _model.Directory });
        var first = await generator.GenerateAsync(Request("how many orders per region?", SqlDialectKind.Sqlite, candidates: 5));

        var repair = await generator.GenerateAsync(Request("how many orders per region?", SqlDialectKind.Sqlite, candidates: 5) with
        {
            PreviousAttempt = new FailedAttempt(first[0].Sql!, "no such column"),
        });

        Assert.Equal(first.Skip(1).Select(c => c.Sql), repair.Where(c => c.Kind == CandidateKind.Sql).Select(c => c.Sql));
    }

    [Fact]
    public async Task A_source_with_an_adapter_folder_is_answered_by_it_and_the_model_id_says_so()
    {
        var root = Path.Combine(_data, "adapters");
        TinyPointerModel.WriteTo(PointerAdapters.FolderFor(root, "Shop"), version: "a1", seed: 11);
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = _model.Directory, AdapterRoot = root });

        var adapted = await generator.GenerateAsync(Request("list the products", SqlDialectKind.Sqlite, candidates: 1) with { SourceName = "shop" });
        var plain = await generator.GenerateAsync(Request("list the products", SqlDialectKind.Sqlite, candidates: 1) with { SourceName = "demo" });

        Assert.All(adapted, c => Assert.Equal("default:tiny-1+adapter:shop:a1", c.ModelId));
        Assert.All(plain, c => Assert.Equal("default:tiny-1", c.ModelId));
    }

    [Fact]
    public async Task A_retrained_adapter_is_picked_up_with_its_new_version()
    {
        var root = Path.Combine(_data, "adapters");
        var folder = PointerAdapters.FolderFor(root, "shop");
        TinyPointerModel.WriteTo(folder, version: "a1", seed: 11);
        using var generator = new PointerSqlGenerator(new PointerGeneratorOptions { ModelDirectory = _model.Directory, AdapterRoot = root });
        await generator.GenerateAsync(Request("list the products", SqlDialectKind.Sqlite, candidates: 1) with { SourceName = "shop" });

        TinyPointerModel.WriteTo(folder, version: "a2", seed: 12);
        File.SetLastWriteTimeUtc(Path.Combine(folder, PointerModelVersion.WeightsFile), DateTime.UtcNow.AddMinutes(1));
        var after = await generator.GenerateAsync(Request("list the products", SqlDialectKind.Sqlite, candidates: 1) with { SourceName = "shop" });

        Assert.All(after, c => Assert.Equal("default:tiny-1+adapter:shop:a2", c.ModelId));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    public void A_source_name_that_would_leave_the_adapters_folder_names_no_adapter(string source)
    {
        Assert.Throws<ArgumentException>(() => PointerAdapters.FolderFor(Path.Combine(_data, "adapters"), source));
        Assert.Null(PointerAdapters.Find(Path.Combine(_data, "adapters"), source));
    }

    private GenerationRequest Request(string question, SqlDialectKind dialect, int candidates) => new()
    {
        Question = question,
        Dialect = dialect,
        SchemaDdl = string.Empty,
        Schema = _schema,
        SqliteFile = SqliteSourceFile.PathOf(_source),
        Candidates = candidates,
    };

    private async Task ExplainAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqliteSourceFile.PathOf(_source), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), sql);
    }
}
