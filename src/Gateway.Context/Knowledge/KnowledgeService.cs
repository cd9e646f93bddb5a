using System.Security.Cryptography;
using Gateway.Context.Embeddings;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Context.Knowledge;

/// <summary>
/// Adds, lists and deletes knowledge for the command line, the REST endpoints and feedback alike. Every item is
/// checked before it is stored: text must be present, and a pair's SQL must pass the validator for the source's
/// dialect under the gateway's policy (a rejection names its rule). Items are embedded at write time, so
/// retrieval embeds only the question.
/// </summary>
public sealed class KnowledgeService(IKnowledgeStore store, ISqlValidator validator, SqlPolicy policy, TimeProvider time, ITextEmbedder? embedder = null)
{
    /// <summary>Longest text accepted in one field; knowledge is read into prompts, so it must stay short.</summary>
    public const int MaxTextLength = 20_000;

    public IKnowledgeStore Store => store;

    public async Task<KnowledgeItem> AddAsync(string source, SqlDialectKind dialect, KnowledgeDraft draft, string author, CancellationToken cancellationToken = default)
    {
        var added = await AddManyAsync(source, dialect, [draft], author, cancellationToken).ConfigureAwait(false);
        return added[0];
    }

    /// <summary>
    /// Checks every draft first and stores none unless all pass, so a file with one bad line adds nothing.
    /// An error names the draft by its 1-based position when there are several.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeItem>> AddManyAsync(string source, SqlDialectKind dialect, IReadOnlyList<KnowledgeDraft> drafts, string author, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentException.ThrowIfNullOrWhiteSpace(author);
        if (drafts.Count == 0)
        {
            throw new KnowledgeException("nothing to add");
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            Check(drafts[i], dialect, drafts.Count == 1 ? null : i + 1);
        }

        var now = time.GetUtcNow();
        var items = drafts.Select(d => new KnowledgeItem
        {
            Id = NewId(),
            Source = source,
            Kind = d.Kind,
            Content = d.Content?.Trim(),
            Question = d.Question?.Trim(),
            Sql = d.Sql?.Trim(),
            Author = author,
            Created = now,
            AuditId = d.AuditId,
        }).ToList();
        if (embedder is not null)
        {
            var vectors = await embedder.EmbedAsync([.. items.Select(i => i.SearchText)], cancellationToken).ConfigureAwait(false);
            items = [.. items.Select((item, i) => item with { Embedding = vectors[i], EmbeddingModel = embedder.ModelId })];
        }

        foreach (var item in items)
        {
            await store.AddAsync(item, cancellationToken).ConfigureAwait(false);
        }

        return items;
    }

    public Task<IReadOnlyList<KnowledgeItem>> ListAsync(string source, CancellationToken cancellationToken = default) =>
        store.ListAsync(source, cancellationToken);

    public Task<KnowledgeItem?> GetAsync(string source, string id, CancellationToken cancellationToken = default) =>
        store.GetAsync(source, id, cancellationToken);

    public Task<bool> DeleteAsync(string source, string id, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(source, id, cancellationToken);

    private void Check(KnowledgeDraft draft, SqlDialectKind dialect, int? line)
    {
        var where = draft.Origin is { } origin ? $"{origin}: " : line is { } n ? $"item {n}: " : string.Empty;
        switch (draft.Kind)
        {
            case KnowledgeKind.Documentation or KnowledgeKind.DdlNote:
                RequireText(draft.Content, "text", where);
                break;
            case KnowledgeKind.QuestionSql:
                RequireText(draft.Question, "question", where);
                RequireText(draft.Sql, "sql", where);
                var verdict = validator.Validate(draft.Sql!, dialect, policy);
                if (!verdict.Allowed)
                {
                    var rejected = new KnowledgeSqlRejectedException(verdict.Rule ?? "unknown", verdict.Message ?? "rejected by policy", verdict.Position, verdict.Fragment);
                    throw where.Length == 0 ? rejected : new KnowledgeSqlRejectedException(rejected.Rule, where + rejected.Reason, rejected.Position, rejected.Fragment);
                }

                break;
            default:
                throw new KnowledgeException($"{where}unknown kind {draft.Kind}");
        }
    }

    private static void RequireText(string? text, string name, string where)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new KnowledgeException($"{where}the {name} is empty");
        }

        if (text.Length > MaxTextLength)
        {
            throw new KnowledgeException($"{where}the {name} is longer than {MaxTextLength} characters");
        }
    }

    /// <summary>Random, so ids reveal neither order nor count: <c>k</c> and 16 hex digits.</summary>
    private static string NewId() => "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
