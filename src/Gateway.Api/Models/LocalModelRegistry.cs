using System.Diagnostics;
using Gateway.Api.Errors;
using Gateway.Api.Telemetry;
using Gateway.Audit.Telemetry;
using Gateway.Model;
using Gateway.Model.Prompting;
using Gateway.Model.Tokenization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Api.Models;

/// <summary>
/// The named local models of <see cref="GatewayApiOptions.Models"/>. Each is loaded on its first request, once,
/// and kept until the host stops; a load that fails is retried by the next request (the files may be fixed).
/// </summary>
internal sealed class LocalModelRegistry : IDisposable
{
    private readonly Dictionary<string, Slot> _slots;
    private readonly ILogger<LocalModelRegistry> _logger;

    public LocalModelRegistry(GatewayApiOptions options, ILogger<LocalModelRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _slots = options.Models.ToDictionary(m => m.Key, m => new Slot(m.Value), StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _slots.Keys.Order(StringComparer.Ordinal);

    public bool Contains(string name) => _slots.ContainsKey(name);

    /// <summary>The loaded model; 404 <c>model_not_found</c> for an unknown name, 503 when its files cannot be loaded.</summary>
    public async Task<LocalChatModel> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (!_slots.TryGetValue(name, out var slot))
        {
            throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.ModelNotFound,
                $"The model '{name}' does not exist; GET /v1/models lists the models this gateway serves.",
                new Dictionary<string, object?> { [OpenAiErrors.ParamExtension] = "model" });
        }

        if (slot.Loaded is { } loaded)
        {
            return loaded;
        }

        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return slot.Loaded ??= await LoadAsync(name, slot.Options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private async Task<LocalChatModel> LoadAsync(string name, LocalModelOptions options, CancellationToken cancellationToken)
    {
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.model.load");
        activity?.SetTag("gen_ai.request.model", name);
        var started = Stopwatch.GetTimestamp();
        CausalLm? model = null;
        try
        {
            if (!ModelDevice.TryParse(options.Device, out var preference))
            {
                throw new ArgumentException($"models.{name}.device must be auto, cpu or cuda, not '{options.Device}'");
            }

            // Throws InvalidOperationException (caught below) when cuda is asked for in a CPU-only build.
            var device = ModelDevice.Resolve(preference);
            model = await CausalLm.LoadAsync(options.Path!, device, options.Adapter, cancellationToken).ConfigureAwait(false);
            var tokenizer = HfTokenizer.Load(options.Path!);
            var loaded = new LocalChatModel(name, model, tokenizer, options, ChatTemplate.Load(options.Path!));
            ApiLog.ModelLoaded(_logger, name, loaded.Format.Name, Stopwatch.GetElapsedTime(started).TotalSeconds);
            return loaded;
        }
        catch (Exception ex) when (ex is ModelFormatException or ChatTemplateException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            model?.Dispose();
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            ApiLog.ModelLoadFailed(_logger, name, ex);
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.ModelUnavailable,
                $"The model '{name}' could not be loaded; the gateway's log has the reason.");
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            slot.Loaded?.Dispose();
            slot.Gate.Dispose();
        }
    }

    private sealed class Slot(LocalModelOptions options)
    {
        public LocalModelOptions Options { get; } = options;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public LocalChatModel? Loaded { get; set; }
    }
}
