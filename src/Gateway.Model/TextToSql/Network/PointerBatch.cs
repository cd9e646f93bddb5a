using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Network;

/// <summary>
/// Examples padded into tensors. Items are laid out in blocks [words | columns | tables | encoded values], each padded
/// to the batch's longest; outputs in [keywords | columns | tables | values], likewise padded. Decoder inputs index
/// the same output layout plus one last row for the start of the query.
/// </summary>
internal sealed class PointerBatch : IDisposable
{
    public required BatchLayout Layout { get; init; }

    public int Keywords => Layout.Keywords;

    public int MaxWords => Layout.MaxWords;

    public int MaxColumns => Layout.MaxColumns;

    public int MaxTables => Layout.MaxTables;

    public int MaxEncoded => Layout.MaxEncoded;

    public int MaxValues => Layout.MaxValues;

    public int Items => Layout.Items;

    public int Outputs => Layout.Outputs;

    /// <summary>The decoder input row that starts every query.</summary>
    public int StartRow => Layout.Outputs;

    /// <summary>[batch, items, featureDim]</summary>
    public required Tensor Features { get; init; }

    /// <summary>[batch, items] long</summary>
    public required Tensor ItemKinds { get; init; }

    /// <summary>[batch, items] bool: real items</summary>
    public required Tensor ItemMask { get; init; }

    /// <summary>[batch, items, items] long</summary>
    public required Tensor Relations { get; init; }

    /// <summary>[batch, values] long: encoded item of a value (0 for spans)</summary>
    public required Tensor ValueItem { get; init; }

    /// <summary>[batch, values] bool</summary>
    public required Tensor IsSpan { get; init; }

    public required Tensor SpanStart { get; init; }

    public required Tensor SpanEnd { get; init; }

    public required Tensor ValueSources { get; init; }

    /// <summary>[batch, outputs] bool: outputs that exist in the example</summary>
    public required Tensor OutputMask { get; init; }

    /// <summary>Training only: [batch, steps] decoder inputs, [batch, steps] targets (-100 padding), [batch, steps, outputs] allowed.</summary>
    public Tensor? Inputs { get; init; }

    public Tensor? Targets { get; init; }

    public Tensor? Allowed { get; init; }

    public long TargetSteps { get; init; }

    public static PointerBatch Create(IReadOnlyList<PointerInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var keywords = inputs[0].Keywords;
        var dim = inputs[0].FeatureDim;
        var shape = new BatchLayout(
            keywords, inputs.Max(i => i.Words), inputs.Max(i => i.Columns), inputs.Max(i => i.Tables),
            inputs.Max(i => i.EncodedValues), Math.Max(1, inputs.Max(i => i.Values)));
        var (b, s, v, n) = (inputs.Count, shape.Items, shape.MaxValues, shape.Outputs);
        var features = new float[b * s * dim];
        var kinds = new long[b * s];
        var itemMask = new bool[b * s];
        var relations = new long[b * s * s];
        var valueItem = new long[b * v];
        var isSpan = new bool[b * v];
        var spanStart = new long[b * v];
        var spanEnd = new long[b * v];
        var sources = new long[b * v];
        var outputMask = new bool[b * n];
        var training = inputs.All(i => i.Target is not null);
        var steps = training ? inputs.Max(i => i.Target!.Length) : 0;
        var decoderInputs = new long[b * steps];
        var targets = new long[b * steps];
        var allowed = new bool[b * steps * n];
        long targetSteps = 0;
        for (var e = 0; e < b; e++)
        {
            var input = inputs[e];
            if (input.Keywords != keywords || input.FeatureDim != dim)
            {
                throw new ArgumentException("every example of a batch needs the same keyword vocabulary and feature width");
            }

            var position = shape.ItemPositions(input);
            for (var i = 0; i < input.Items; i++)
            {
                var at = (e * s) + position[i];
                Array.Copy(input.Features, i * dim, features, at * dim, dim);
                kinds[at] = input.ItemKinds[i];
                itemMask[at] = true;
                for (var j = 0; j < input.Items; j++)
                {
                    relations[(at * s) + position[j]] = input.Relations[(i * input.Items) + j];
                }
            }

            for (var value = 0; value < input.Values; value++)
            {
                var at = (e * v) + value;
                valueItem[at] = Math.Max(0, input.ValueItem[value]);
                isSpan[at] = input.ValueItem[value] < 0;
                spanStart[at] = input.SpanStart[value];
                spanEnd[at] = input.SpanEnd[value];
                sources[at] = input.ValueSources[value];
            }

            for (var flat = 0; flat < input.Outputs; flat++)
            {
                outputMask[(e * n) + shape.ToBatch(input, flat)] = true;
            }

            if (!training)
            {
                continue;
            }

            var target = input.Target!;
            targetSteps += target.Length;
            for (var t = 0; t < steps; t++)
            {
                var at = (e * steps) + t;
                if (t >= target.Length)
                {
                    targets[at] = -100;
                    allowed[(at * n) + 0] = true; // padding: any one allowed output keeps the row finite
                    continue;
                }

                targets[at] = shape.ToBatch(input, target[t]);
                decoderInputs[at] = t == 0 ? shape.Outputs : shape.ToBatch(input, target[t - 1]);
                for (var flat = 0; flat < input.Outputs; flat++)
                {
                    allowed[(at * n) + shape.ToBatch(input, flat)] = input.Masks?[t][flat] ?? true;
                }
            }
        }

        return new PointerBatch
        {
            Layout = shape,
            Features = tensor(features, [b, s, dim]),
            ItemKinds = tensor(kinds, [b, s]),
            ItemMask = tensor(itemMask, [b, s]),
            Relations = tensor(relations, [b, s, s]),
            ValueItem = tensor(valueItem, [b, v]),
            IsSpan = tensor(isSpan, [b, v]),
            SpanStart = tensor(spanStart, [b, v]),
            SpanEnd = tensor(spanEnd, [b, v]),
            ValueSources = tensor(sources, [b, v]),
            OutputMask = tensor(outputMask, [b, n]),
            Inputs = training ? tensor(decoderInputs, [b, steps]) : null,
            Targets = training ? tensor(targets, [b, steps]) : null,
            Allowed = training ? tensor(allowed, [b, steps, n]) : null,
            TargetSteps = targetSteps,
        };
    }

    public void Dispose()
    {
        foreach (var t in new[] { Features, ItemKinds, ItemMask, Relations, ValueItem, IsSpan, SpanStart, SpanEnd, ValueSources, OutputMask, Inputs, Targets, Allowed })
        {
            t?.Dispose();
        }
    }
}

/// <summary>The padded sizes of a batch and where an example's items and outputs sit in it.</summary>
internal readonly record struct BatchLayout(int Keywords, int MaxWords, int MaxColumns, int MaxTables, int MaxEncoded, int MaxValues)
{
    public int Items => MaxWords + MaxColumns + MaxTables + MaxEncoded;

    public int Outputs => Keywords + MaxColumns + MaxTables + MaxValues;

    /// <summary>The batch-layout output index of a flat output index of <paramref name="input"/>.</summary>
    public int ToBatch(PointerInput input, int flat) =>
        flat < input.Keywords ? flat
        : flat < input.Keywords + input.Columns ? flat - input.Keywords + Keywords
        : flat < input.Keywords + input.Columns + input.Tables ? flat - input.Keywords - input.Columns + Keywords + MaxColumns
        : flat - input.Keywords - input.Columns - input.Tables + Keywords + MaxColumns + MaxTables;

    /// <summary>Where each item of <paramref name="input"/> sits in the padded block layout.</summary>
    public int[] ItemPositions(PointerInput input)
    {
        var positions = new int[input.Items];
        var i = 0;
        for (var w = 0; w < input.Words; w++)
        {
            positions[i++] = w;
        }

        for (var c = 0; c < input.Columns; c++)
        {
            positions[i++] = MaxWords + c;
        }

        for (var t = 0; t < input.Tables; t++)
        {
            positions[i++] = MaxWords + MaxColumns + t;
        }

        for (var e = 0; e < input.EncodedValues; e++)
        {
            positions[i++] = MaxWords + MaxColumns + MaxTables + e;
        }

        return positions;
    }

}
