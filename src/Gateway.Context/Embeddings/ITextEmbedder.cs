namespace Gateway.Context.Embeddings;

/// <summary>Turns texts into unit-length sentence vectors, so a dot product is their cosine similarity.</summary>
public interface ITextEmbedder
{
    /// <summary>Names the model; vectors of different models are never compared (stored vectors carry it).</summary>
    string ModelId { get; }

    /// <summary>One vector per text, in order.</summary>
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
