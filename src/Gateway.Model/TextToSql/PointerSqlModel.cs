using Gateway.Model.Encoders;
using Gateway.Model.TextToSql.Features;
using Gateway.Model.TextToSql.Network;
using Gateway.Model.Tokenization;

namespace Gateway.Model.TextToSql;

/// <summary>A candidate query with its model score (summed log-probability of its actions; higher is better).</summary>
public sealed record SqlCandidate(string Sql, double Score, IReadOnlyList<SqlAction> Actions);

/// <summary>
/// The shipped text-to-SQL model: the frozen pretrained encoder (from its NuGet assembly) feeds the trained pointer
/// network, which decodes with beam search under the SQL grammar. Candidates come back best first, rendered to SQLite
/// SQL; choosing among them by execution is the caller's (see <see cref="PointerSqlPredictor"/>).
/// </summary>
public sealed class PointerSqlModel : IDisposable
{
    private readonly PointerNetwork _network;
    private readonly BertEncoder? _ownedEncoder;
    private readonly bool _ownsNetwork;
    private readonly PointerFeatureExtractor _features;
    private readonly Lock _gate = new();
    private readonly IActionGrammar _grammar;

    /// <param name="ownedEncoder">disposed with the model (null when the caller keeps the encoder)</param>
    /// <param name="ownsNetwork">false while training validates the network it is still training</param>
    internal PointerSqlModel(PointerNetwork network, PointerFeatureExtractor features, BertEncoder? ownedEncoder, bool ownsNetwork, int? trainedKeywords = null)
    {
        _network = network;
        TrainedKeywords = trainedKeywords ?? network.Config.KeywordCount;
        _grammar = TrainedKeywords < SqlKeywords.Count ? new KnownKeywordsGrammar(SqlActionGrammar.Instance, TrainedKeywords) : SqlActionGrammar.Instance;
        _features = features;
        _ownedEncoder = ownedEncoder;
        _ownsNetwork = ownsNetwork;
    }

    /// <summary>How many of <see cref="SqlKeywords"/> the network was trained on; later keywords are never emitted.</summary>
    public int TrainedKeywords { get; }

    /// <summary>The version the trainer wrote into <c>config.json</c>; null for untrained or older models.</summary>
    public string? Version => _network.Config.Version;

    /// <summary>Hypotheses kept per decoding step.</summary>
    public int BeamSize { get; set; } = 5;

    /// <summary>The longest action sequence decoded.</summary>
    public int MaxSteps { get; init; } = 100;

    /// <summary>
    /// Loads <c>config.json</c> and <c>weights.safetensors</c> from <paramref name="directory"/> and the frozen encoder
    /// they name. A model trained before keywords were appended to <see cref="SqlKeywords"/> loads with those keywords
    /// masked off; one trained on more keywords than this build knows is a <see cref="ModelFormatException"/>.
    /// </summary>
    public static async Task<PointerSqlModel> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var (network, trainedKeywords) = await PointerWeights.LoadWidenedAsync(directory, SqlKeywords.Count, cancellationToken).ConfigureAwait(false);
        var encoder = await PretrainedEncoders.LoadAsync(network.Config.Encoder, cancellationToken).ConfigureAwait(false);
        var tokenizer = await LoadTokenizerAsync(network.Config.Encoder, cancellationToken).ConfigureAwait(false);
        var features = new PointerFeatureExtractor(encoder, tokenizer, new FeatureCache(encoder.Config.HiddenSize), features: network.Config.Features);
        if (features.Dim != network.Config.FeatureDim)
        {
            network.Dispose();
            encoder.Dispose();
            throw new ModelFormatException($"{directory}: trained on {network.Config.FeatureDim}-wide features, its encoder gives {features.Dim}");
        }

        return new PointerSqlModel(network, features, encoder, ownsNetwork: true, trainedKeywords);
    }

    /// <summary>
    /// Writes an untrained network (seeded random weights) in the layout <see cref="LoadAsync"/> reads, so the wiring
    /// around the model can be exercised before a trained one exists. Its answers are valid SQL, not good SQL.
    /// </summary>
    public static void WriteUntrained(string directory, PointerNetworkConfig config, long seed)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        using var network = new PointerNetwork(config, seed);
        PointerWeights.Save(network, directory);
    }

    internal static async Task<WordPieceTokenizer> LoadTokenizerAsync(string encoderName, CancellationToken cancellationToken)
    {
        var vocabulary = await PretrainedEncoders.ReadVocabularyAsync(encoderName, cancellationToken).ConfigureAwait(false);
        return new WordPieceTokenizer(WordPieceVocabulary.Parse(vocabulary));
    }

    /// <summary>Candidate queries for <paramref name="example"/>, best first; sequences the renderer cannot write are left out.</summary>
    public Task<IReadOnlyList<SqlCandidate>> PredictAsync(PointerExample example, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(example);
        IReadOnlyList<DecodedActions> decoded;
        // The network and the feature cache are not safe for concurrent use; requests take turns.
        lock (_gate)
        {
            var offGrammar = 0;
            var features = _features.Features(example);
            _features.Forget(example);
            var input = PointerInputBuilder.Build(example with { Target = null }, features, SqlKeywords.Count, null, ref offGrammar);
            decoded = BeamSearch.Decode(_network, input, example, _grammar, BeamSize, MaxSteps, cancellationToken);
        }

        var candidates = new List<SqlCandidate>();
        foreach (var hypothesis in decoded)
        {
            try
            {
                candidates.Add(new SqlCandidate(SqlRenderer.Render(example, hypothesis.Actions), hypothesis.Score, hypothesis.Actions));
            }
            catch (FormatException)
            {
                // The grammar should make this unreachable; a sequence the renderer refuses is simply not a candidate.
            }
        }

        return Task.FromResult<IReadOnlyList<SqlCandidate>>(candidates);
    }

    public void Dispose()
    {
        if (_ownsNetwork)
        {
            _network.Dispose();
        }

        _ownedEncoder?.Dispose();
    }
}
