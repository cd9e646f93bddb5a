using System.ClientModel;
using OpenAI;
using OpenAI.Embeddings;

namespace Gateway.Context.Embeddings;

/// <summary>
/// Sentence vectors from an OpenAI-compatible <c>/v1/embeddings</c> endpoint (OpenAI, Azure OpenAI, vLLM, Ollama)
/// through the official SDK. Vectors are scaled to unit length, since not every server returns them so.
/// </summary>
public sealed class OpenAiEmbedder : ITextEmbedder
{
    private readonly EmbeddingClient _client;

    public OpenAiEmbedder(OpenAiEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.ResolveApiKey();
        var clientOptions = new OpenAIClientOptions();
        if (options.BaseUrl is { } baseUrl)
        {
            clientOptions.Endpoint = baseUrl;
        }

        _client = new EmbeddingClient(options.Model, new ApiKeyCredential(key), clientOptions);
        ModelId = $"openai:{options.Model}";
    }

    public string ModelId { get; }

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var result = await _client.GenerateEmbeddingsAsync(texts, options: null, cancellationToken).ConfigureAwait(false);
        var vectors = new float[texts.Count][];
        foreach (var embedding in result.Value)
        {
            vectors[embedding.Index] = Normalize(embedding.ToFloats().ToArray());
        }

        for (var i = 0; i < vectors.Length; i++)
        {
            if (vectors[i] is null)
            {
                throw new InvalidOperationException($"the embeddings endpoint returned no vector for input {i}");
            }
        }

        return vectors;
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }

        return vector;
    }
}
