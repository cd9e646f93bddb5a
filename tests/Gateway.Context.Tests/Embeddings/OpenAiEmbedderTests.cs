using System.Text.Json;
using Gateway.Context.Embeddings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Context.Tests.Embeddings;

/// <summary>
/// The OpenAI embedder through the official SDK against a real OpenAI-compatible <c>/v1/embeddings</c> on loopback
/// Kestrel. The server's embedding is letter counts (a crude but real sentence vector), so the expected vectors can
/// be computed here; it answers in whichever encoding the client asks for (floats or base64), as servers do.
/// </summary>
public sealed class OpenAiEmbedderTests : IAsyncLifetime
{
    private const string Key = "sk-test-key";
    private WebApplication _server = null!;
    private Uri _baseUrl = null!;
    private string? _seenAuthorization;
    private string? _seenModel;
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"gateway-openai-key-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/v1/embeddings", EmbedAsync);
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _baseUrl = new Uri(address + "/v1");
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        File.Delete(_keyFile);
    }

    [Fact]
    public async Task Vectors_come_back_in_input_order_at_unit_length_with_the_key_and_model_sent()
    {
        var embedder = new OpenAiEmbedder(new OpenAiEmbeddingOptions { Model = "letters", BaseUrl = _baseUrl, ApiKeyVariable = "GATEWAY_TEST_UNSET_KEY_VARIABLE", ApiKeyFile = WriteKeyFile() });

        var vectors = await embedder.EmbedAsync(["abc", "zzz", "hello world"]);

        Assert.Equal("Bearer " + Key, _seenAuthorization);
        Assert.Equal("letters", _seenModel);
        Assert.Equal("openai:letters", embedder.ModelId);
        Assert.Equal(3, vectors.Count);
        Assert.Equal(Unit(Letters("abc")), vectors[0], new FloatComparer());
        Assert.Equal(Unit(Letters("zzz")), vectors[1], new FloatComparer());
        Assert.Equal(1.0, Math.Sqrt(vectors[2].Sum(v => (double)v * v)), precision: 5);
    }

    private string WriteKeyFile()
    {
        File.WriteAllText(_keyFile, Key + "\n");
        return _keyFile;
    }

    private async Task EmbedAsync(HttpContext context)
    {
        _seenAuthorization = context.Request.Headers.Authorization;
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        _seenModel = body.RootElement.GetProperty("model").GetString();
        var input = body.RootElement.GetProperty("input");
        string[] texts = input.ValueKind == JsonValueKind.Array ? [.. input.EnumerateArray().Select(e => e.GetString()!)] : [input.GetString()!];
        var base64 = body.RootElement.TryGetProperty("encoding_format", out var format) && format.GetString() == "base64";
        var data = texts.Select((text, i) => new Dictionary<string, object>
        {
            ["object"] = "embedding",
            ["index"] = i,
            ["embedding"] = base64 ? Convert.ToBase64String(Vectors.ToBytes(Letters(text))) : Letters(text),
        });
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["object"] = "list",
            ["model"] = _seenModel!,
            ["data"] = data,
            ["usage"] = new Dictionary<string, int> { ["prompt_tokens"] = 1, ["total_tokens"] = 1 },
        });
    }

    private static float[] Letters(string text)
    {
        var counts = new float[26];
        foreach (var c in text.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z'))
        {
            counts[c - 'a']++;
        }

        return counts;
    }

    private static float[] Unit(float[] vector)
    {
        var norm = (float)Math.Sqrt(vector.Sum(v => (double)v * v));
        return [.. vector.Select(v => v / norm)];
    }

    private sealed class FloatComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(float obj) => 0;
    }
}
