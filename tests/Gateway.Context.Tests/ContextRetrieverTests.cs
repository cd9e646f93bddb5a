using Gateway.Context.Knowledge;
using Gateway.Context.Linking;
using Gateway.Context.Retrieval;
using Gateway.Context.Tests.Linking;
using Gateway.Execution.Sources;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Context.Tests;

public sealed class ContextRetrieverTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteKnowledgeStore _store;
    private readonly KnowledgeService _knowledge;

    public ContextRetrieverTests()
    {
        _store = new SqliteKnowledgeStore(_directory.File("knowledge.db"));
        _knowledge = new KnowledgeService(_store, new SqlValidator(), SqlPolicyLoader.LoadDefault(), TimeProvider.System);
    }

    [Fact]
    public async Task One_call_gives_the_linked_ddl_the_closest_docs_and_the_known_pair_first()
    {
        var schema = await CampusSchema.CreateAsync(_directory.File("campus.db"));
        await _knowledge.AddAsync("campus", SqlDialectKind.Sqlite, KnowledgeDraft.Documentation("A student takes a course when an enrollment row links them."), "alice");
        await _knowledge.AddAsync("campus", SqlDialectKind.Sqlite, KnowledgeDraft.Documentation("Payslips are issued monthly."), "alice");
        await _knowledge.AddAsync("campus", SqlDialectKind.Sqlite, KnowledgeDraft.Pair("Which students take Linear Algebra?",
            "SELECT s.full_name FROM students s JOIN enrollments e ON e.student_id = s.id JOIN courses c ON c.id = e.course_id WHERE c.title = 'Linear Algebra'"), "alice");
        var retriever = new ContextRetriever(
            new SchemaLinker(new SchemaLinkingOptions { TokenBudget = 400 }),
            new KnowledgeRetriever(_store, new RetrievalOptions { TopDocuments = 1 }));
        var source = new SourceDescriptor { Name = "campus", Provider = SourceProvider.Sqlite, ConnectionString = "Data Source=unused" };

        var context = await retriever.RetrieveAsync(source, schema, "Which students take Linear Algebra?");

        Assert.Equal(["courses", "enrollments", "students"], context.Schema.Tables.Select(t => t.Name).Order());
        Assert.Contains("CREATE TABLE \"enrollments\"", context.Ddl, StringComparison.Ordinal);
        Assert.Equal("A student takes a course when an enrollment row links them.", Assert.Single(context.Documents).Item.Content);
        Assert.NotNull(context.ExactRepeat);
        Assert.StartsWith("SELECT s.full_name", context.ExactRepeat.Item.Sql, StringComparison.Ordinal);
        Assert.Null(context.EmbeddingModel);
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }
}
