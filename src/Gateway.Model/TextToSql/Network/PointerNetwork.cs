using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Network;

/// <summary>The linked items of a batch: the decoder's memory and the states that pointers score against.</summary>
internal sealed class LinkedItems : IDisposable
{
    /// <summary>[batch, items, dim]</summary>
    public required Tensor Memory { get; init; }

    /// <summary>[batch, 1, 1, items] bool</summary>
    public required Tensor MemoryAllowed { get; init; }

    /// <summary>[batch, outputs, dim]: what each output row feeds into the next decoder step, start row last.</summary>
    public required Tensor InputTable { get; init; }

    /// <summary>[batch, columns | tables | values, dim] pointer keys.</summary>
    public required Tensor Columns { get; init; }

    public required Tensor Tables { get; init; }

    public required Tensor Values { get; init; }

    /// <summary>The same items repeated for <paramref name="beams"/> hypotheses of batch row 0.</summary>
    public LinkedItems Repeat(int beams) => new()
    {
        Memory = Memory.expand(beams, -1, -1),
        MemoryAllowed = MemoryAllowed.expand(beams, -1, -1, -1),
        InputTable = InputTable.expand(beams, -1, -1),
        Columns = Columns.expand(beams, -1, -1),
        Tables = Tables.expand(beams, -1, -1),
        Values = Values.expand(beams, -1, -1),
    };

    public void Dispose()
    {
        Memory.Dispose();
        MemoryAllowed.Dispose();
        InputTable.Dispose();
        Columns.Dispose();
        Tables.Dispose();
        Values.Dispose();
    }
}

/// <summary>
/// The trainable part of the default text-to-SQL model: a linking encoder (projection of the frozen features, item
/// kind embeddings, self-attention layers with relation biases) and an action decoder that scores keywords with a
/// linear head and columns, tables and values by pointing at their linked states.
/// </summary>
internal sealed class PointerNetwork : nn.Module
{
    private readonly PointerNetworkConfig _config;
    private readonly Linear _featureProjection;
    private readonly LayerNorm _featureNorm;
    private readonly Embedding _itemKinds;
    private readonly ModuleList<LinkingLayer> _linking;
    private readonly LayerNorm _linkingNorm;
    private readonly Linear _spanProjection;
    private readonly Embedding _valueSources;
    private readonly Embedding _keywordInputs;
    private readonly Linear _columnInputs;
    private readonly Linear _tableInputs;
    private readonly Linear _valueInputs;
    private readonly Embedding _steps;
    private readonly ModuleList<ActionDecoderLayer> _decoder;
    private readonly LayerNorm _decoderNorm;
    private readonly Linear _keywordHead;
    private readonly Linear _columnQuery;
    private readonly Linear _tableQuery;
    private readonly Linear _valueQuery;
    private readonly Dropout _dropout;

    public PointerNetwork(PointerNetworkConfig config, long seed)
        : base("pointer")
    {
        config.Validate();
        _config = config;
        var d = config.Dim;
        _featureProjection = nn.Linear(config.FeatureDim, d);
        _featureNorm = nn.LayerNorm(d);
        _itemKinds = nn.Embedding(ItemKinds.Count, d);
        _linking = nn.ModuleList(Enumerable.Range(0, config.EncoderLayers).Select(i => new LinkingLayer($"linking.{i}", config)).ToArray());
        _linkingNorm = nn.LayerNorm(d);
        _spanProjection = nn.Linear(2 * d, d);
        _valueSources = nn.Embedding(3, d);
        _keywordInputs = nn.Embedding(config.KeywordCount + 1, d);
        _columnInputs = nn.Linear(d, d);
        _tableInputs = nn.Linear(d, d);
        _valueInputs = nn.Linear(d, d);
        _steps = nn.Embedding(config.MaxSteps, d);
        _decoder = nn.ModuleList(Enumerable.Range(0, config.DecoderLayers).Select(i => new ActionDecoderLayer($"decoder.{i}", config)).ToArray());
        _decoderNorm = nn.LayerNorm(d);
        _keywordHead = nn.Linear(d, config.KeywordCount);
        _columnQuery = nn.Linear(d, d);
        _tableQuery = nn.Linear(d, d);
        _valueQuery = nn.Linear(d, d);
        _dropout = nn.Dropout(config.Dropout);
        register_module("feature_projection", _featureProjection);
        register_module("feature_norm", _featureNorm);
        register_module("item_kinds", _itemKinds);
        register_module("linking", _linking);
        register_module("linking_norm", _linkingNorm);
        register_module("span_projection", _spanProjection);
        register_module("value_sources", _valueSources);
        register_module("keyword_inputs", _keywordInputs);
        register_module("column_inputs", _columnInputs);
        register_module("table_inputs", _tableInputs);
        register_module("value_inputs", _valueInputs);
        register_module("steps", _steps);
        register_module("decoder", _decoder);
        register_module("decoder_norm", _decoderNorm);
        register_module("keyword_head", _keywordHead);
        register_module("column_query", _columnQuery);
        register_module("table_query", _tableQuery);
        register_module("value_query", _valueQuery);
        register_module("dropout", _dropout);
        RandomWeights.Initialize(this, seed, 0.02);
    }

    public PointerNetworkConfig Config => _config;

    /// <summary>Runs the linking encoder over <paramref name="batch"/>'s items.</summary>
    public LinkedItems Link(PointerBatch batch)
    {
        using var scope = NewDisposeScope();
        var allowed = batch.ItemMask.unsqueeze(1).unsqueeze(1);
        var x = _featureNorm.forward(_featureProjection.forward(batch.Features)).add(_itemKinds.forward(batch.ItemKinds));
        x = _dropout.forward(x);
        foreach (var layer in _linking)
        {
            x = layer.Forward(x, batch.Relations, allowed);
        }

        var memory = _linkingNorm.forward(x);
        var (w, c, t) = (batch.MaxWords, batch.MaxColumns, batch.MaxTables);
        var words = memory.narrow(1, 0, w);
        var columns = memory.narrow(1, w, c);
        var tables = memory.narrow(1, w + c, t);
        var values = Values(batch, memory, words);
        var b = memory.shape[0];
        var keywordRows = _keywordInputs.weight!.narrow(0, 0, _config.KeywordCount).unsqueeze(0).expand(b, -1, -1);
        var start = _keywordInputs.weight!.narrow(0, _config.KeywordCount, 1).unsqueeze(0).expand(b, -1, -1);
        var inputTable = cat([keywordRows, _columnInputs.forward(columns), _tableInputs.forward(tables), _valueInputs.forward(values), start], 1);
        return new LinkedItems
        {
            Memory = memory.MoveToOuterDisposeScope(),
            MemoryAllowed = allowed.MoveToOuterDisposeScope(),
            InputTable = inputTable.MoveToOuterDisposeScope(),
            Columns = columns.MoveToOuterDisposeScope(),
            Tables = tables.MoveToOuterDisposeScope(),
            Values = values.MoveToOuterDisposeScope(),
        };
    }

    /// <summary>Output scores [batch, steps, outputs] for decoder inputs [batch, steps] (output-layout rows, start row first).</summary>
    public Tensor Scores(LinkedItems linked, Tensor inputs)
    {
        using var scope = NewDisposeScope();
        var (b, steps) = (inputs.shape[0], inputs.shape[1]);
        var d = _config.Dim;
        var x = linked.InputTable.gather(1, inputs.unsqueeze(-1).expand(b, steps, d));
        x = _dropout.forward(x.add(_steps.forward(arange(steps, dtype: ScalarType.Int64, device: inputs.device).clamp_max(_config.MaxSteps - 1))));
        using var causal = ones(steps, steps, dtype: ScalarType.Bool, device: inputs.device).tril().unsqueeze(0).unsqueeze(0);
        foreach (var layer in _decoder)
        {
            x = layer.Forward(x, causal, linked.Memory, linked.MemoryAllowed);
        }

        var h = _decoderNorm.forward(x);
        var scale = 1.0 / Math.Sqrt(d);
        var keywords = _keywordHead.forward(h);
        var columns = _columnQuery.forward(h).matmul(linked.Columns.transpose(1, 2)).mul(scale);
        var tables = _tableQuery.forward(h).matmul(linked.Tables.transpose(1, 2)).mul(scale);
        var values = _valueQuery.forward(h).matmul(linked.Values.transpose(1, 2)).mul(scale);
        return cat([keywords, columns, tables, values], -1).MoveToOuterDisposeScope();
    }

    /// <summary>Mean cross-entropy of the batch's target actions under the grammar masks (teacher forcing).</summary>
    public Tensor Loss(PointerBatch batch)
    {
        if (batch.Inputs is null || batch.Targets is null || batch.Allowed is null)
        {
            throw new ArgumentException("the batch holds no targets");
        }

        using var scope = NewDisposeScope();
        using var linked = Link(batch);
        var scores = Scores(linked, batch.Inputs).masked_fill(batch.Allowed.logical_not(), -1e9f);
        var loss = nn.functional.cross_entropy(scores.reshape(-1, scores.shape[^1]), batch.Targets.reshape(-1), ignore_index: -100);
        return loss.MoveToOuterDisposeScope();
    }

    private Tensor Values(PointerBatch batch, Tensor memory, Tensor words)
    {
        var (b, v, d) = (memory.shape[0], batch.MaxValues, _config.Dim);
        var start = words.shape[1] == 0 ? zeros(b, v, d) : words.gather(1, batch.SpanStart.unsqueeze(-1).expand(b, v, d));
        var end = words.shape[1] == 0 ? zeros(b, v, d) : words.gather(1, batch.SpanEnd.unsqueeze(-1).expand(b, v, d));
        var spans = _spanProjection.forward(cat([start, end], -1));
        Tensor encoded;
        if (batch.MaxEncoded == 0)
        {
            encoded = zeros(b, v, d);
        }
        else
        {
            var block = memory.narrow(1, batch.MaxWords + batch.MaxColumns + batch.MaxTables, batch.MaxEncoded);
            encoded = block.gather(1, batch.ValueItem.unsqueeze(-1).expand(b, v, d));
        }

        return where(batch.IsSpan.unsqueeze(-1), spans, encoded).add(_valueSources.forward(batch.ValueSources));
    }

}
