namespace Gateway.Api.Models;

/// <summary>Checks the configured local models when the host is built, so a typo fails at start, not on first use.</summary>
internal static class LocalModelOptionsCheck
{
    public static IEnumerable<string> Errors(IReadOnlyDictionary<string, LocalModelOptions> models)
    {
        foreach (var (name, model) in models)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
            {
                yield return $"models: '{name}' is not a valid model name (no spaces, not empty).";
            }

            if (string.IsNullOrWhiteSpace(model.Path))
            {
                yield return $"models.{name}: 'path' (the model folder) is required.";
            }
            else if (!File.Exists(System.IO.Path.Combine(model.Path, Gateway.Model.Config.ModelConfig.FileName)))
            {
                yield return $"models.{name}: {model.Path} has no {Gateway.Model.Config.ModelConfig.FileName}.";
            }

            if (model.Adapter is { } adapter && !Directory.Exists(adapter))
            {
                yield return $"models.{name}: the adapter folder {adapter} does not exist.";
            }

            if (model.MaxTokens < 1)
            {
                yield return $"models.{name}: 'maxTokens' must be at least 1.";
            }

            if (!Gateway.Model.ModelDevice.TryParse(model.Device, out var preference))
            {
                yield return $"models.{name}: 'device' must be auto, cpu or cuda, not '{model.Device}'.";
            }
            else if (preference == Gateway.Model.ModelDevicePreference.Cuda && !TorchSharp.torch.cuda.is_available())
            {
                yield return $"models.{name}: {Gateway.Model.ModelDevice.CudaUnavailableMessage}.";
            }
        }
    }
}
