using Gateway.Ask;
using Gateway.Generation;
using Gateway.Generation.Local;
using Gateway.Generation.OpenAi;
using Gateway.Generation.Pointer;
using Gateway.Generation.Prompting;

namespace Gateway.Configuration;

/// <summary>
/// Turns the configuration file's <c>ask</c> section into the pipeline's options and its generator catalog. Every
/// problem is collected and reported together as one <see cref="ConfigurationFileException"/>. Local models are
/// loaded on first use, not here, so a server starts fast and a bad model folder is reported when a question needs it.
/// </summary>
internal static class AskConfiguration
{
    public const string OpenAiKind = "openai";
    public const string LocalKind = "local";

    /// <param name="dataDirectory">whose <c>adapters/pointer/&lt;source&gt;</c> folders the shipped model uses per source; null: none</param>
    public static Task<(AskOptions Options, SqlGeneratorCatalog Generators)> BuildAsync(AskSection section, string? configFile, string? dataDirectory = null, CancellationToken cancellationToken = default) =>
        BuildAsync(section, configFile, Directory.GetCurrentDirectory(), AppContext.BaseDirectory, dataDirectory, cancellationToken);

    /// <param name="currentDirectory">where <c>models/default</c> is looked for first</param>
    /// <param name="baseDirectory">where the walk up to the repository root starts (the executable's folder)</param>
    /// <param name="dataDirectory">whose <c>adapters/pointer/&lt;source&gt;</c> folders the shipped model uses per source; null: none</param>
    public static async Task<(AskOptions Options, SqlGeneratorCatalog Generators)> BuildAsync(
        AskSection section, string? configFile, string currentDirectory, string baseDirectory, string? dataDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(section);
        var folder = configFile is null ? currentDirectory : Path.GetDirectoryName(configFile)!;
        var errors = new List<string>();
        var generators = new Dictionary<string, ISqlGenerator>(StringComparer.OrdinalIgnoreCase);
        var openAi = new Dictionary<string, OpenAiGeneratorOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, generator) in section.Generators)
        {
            try
            {
                var prompt = generator.Template is { } template
                    ? await TextToSqlPrompt.LoadAsync(Path.GetFullPath(template, folder), cancellationToken).ConfigureAwait(false)
                    : TextToSqlPrompt.Default;
                switch (generator.Kind?.Trim().ToLowerInvariant())
                {
                    case OpenAiKind:
                        var options = OpenAi(name, generator, folder, errors);
                        if (options is not null)
                        {
                            openAi[name] = options;
                            generators[name] = new OpenAiCompatibleGenerator(options, prompt);
                        }

                        break;
                    case LocalKind:
                        if (Local(name, generator, folder, errors) is { } local)
                        {
                            generators[name] = new LocalCausalLmGenerator(local, prompt);
                        }

                        break;
                    default:
                        errors.Add($"ask.generators.{name}.kind must be '{OpenAiKind}' or '{LocalKind}', not '{generator.Kind}'.");
                        break;
                }
            }
            catch (Exception ex) when (ex is Gateway.Model.Prompting.PromptTemplateException or GenerationException)
            {
                errors.Add($"ask.generators.{name}: {ex.Message}");
            }
        }

        if (section.Generators.Count == 0)
        {
            DefaultModel(section, folder, currentDirectory, baseDirectory, dataDirectory, generators, errors);
        }
        else if (section.DefaultModel is not null && !IsOff(section.DefaultModel))
        {
            errors.Add("ask.defaultModel is used only when no generator is configured; remove it or the ask.generators.");
        }

        if (section.Generator is { } defaultName && !generators.ContainsKey(defaultName) && !section.Generators.ContainsKey(defaultName))
        {
            errors.Add($"ask.generator names '{defaultName}', which is not under ask.generators.");
        }

        if (section.Generator is null && section.Generators.Count > 1)
        {
            errors.Add("ask.generator must name the default when several generators are configured.");
        }

        IChatModel? chat = null;
        if (section.Chat is { } chatName)
        {
            if (openAi.TryGetValue(chatName, out var chatOptions))
            {
                chat = new OpenAiChatModel(chatOptions);
            }
            else
            {
                errors.Add($"ask.chat names '{chatName}', which is not an '{OpenAiKind}' generator under ask.generators.");
            }
        }

        AskOptions askOptions = new();
        try
        {
            askOptions = new AskOptions
            {
                MaxRepairs = section.MaxRepairs ?? askOptions.MaxRepairs,
                MaxIntermediateRounds = section.MaxIntermediateRounds ?? askOptions.MaxIntermediateRounds,
                Candidates = section.Candidates ?? askOptions.Candidates,
                ConversationTurns = section.ConversationTurns ?? askOptions.ConversationTurns,
                ConversationStoredTurns = section.ConversationStoredTurns ?? askOptions.ConversationStoredTurns,
                ConversationLifetime = section.ConversationMinutes is { } minutes && minutes > 0 ? TimeSpan.FromMinutes(minutes) : section.ConversationMinutes is null ? askOptions.ConversationLifetime : TimeSpan.Zero,
            }.Validated();
        }
        catch (ArgumentException ex)
        {
            errors.Add(ex.Message);
        }

        if (errors.Count > 0)
        {
            throw new ConfigurationFileException(string.Join(Environment.NewLine, errors));
        }

        return (askOptions, new SqlGeneratorCatalog(generators, section.Generator, chat));
    }

    /// <summary>With no generator configured, the shipped pointer model (when its folder is found) answers as <c>default</c>.</summary>
    private static void DefaultModel(AskSection section, string folder, string currentDirectory, string baseDirectory, string? dataDirectory, Dictionary<string, ISqlGenerator> generators, List<string> errors)
    {
        if (section.DefaultModel is { } configured && IsOff(configured))
        {
            return;
        }

        try
        {
            var configuredFolder = section.DefaultModel is { } path ? Path.GetFullPath(path, folder) : null;
            if (DefaultModelLocator.Find(configuredFolder, currentDirectory, baseDirectory) is { } modelDirectory)
            {
                generators[PointerSqlGenerator.DefaultName] = new PointerSqlGenerator(new PointerGeneratorOptions
                {
                    ModelDirectory = modelDirectory,
                    AdapterRoot = dataDirectory is null ? null : PointerAdapters.Root(dataDirectory),
                });
            }
        }
        catch (Exception ex) when (ex is ConfigurationFileException or GenerationException)
        {
            errors.Add(ex.Message);
        }
    }

    /// <summary><c>ask.defaultModel: none</c> turns the shipped model off: data questions then get the "no generator" answer.</summary>
    private static bool IsOff(string value) => value.Trim() is var v && (v.Equals("none", StringComparison.OrdinalIgnoreCase) || v.Equals("off", StringComparison.OrdinalIgnoreCase));

    private static OpenAiGeneratorOptions? OpenAi(string name, GeneratorSection section, string folder, List<string> errors)
    {
        var before = errors.Count;
        if (!Uri.TryCreate(section.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            errors.Add($"ask.generators.{name}.baseUrl must be an http(s) address, e.g. https://api.openai.com/v1.");
        }

        if (string.IsNullOrWhiteSpace(section.Model))
        {
            errors.Add($"ask.generators.{name}.model is required.");
        }

        if (section.ApiKeyEnv is not null && section.ApiKeyFile is not null)
        {
            errors.Add($"ask.generators.{name}: give apiKeyEnv or apiKeyFile, not both.");
        }

        if (section.ModelDir is not null || section.Adapters.Count > 0 || section.Beams is not null)
        {
            errors.Add($"ask.generators.{name}: modelDir, adapters and beams belong to kind '{LocalKind}'.");
        }

        if (section.MaxTokens is < 1 || section.TimeoutSeconds is <= 0 || section.Temperature is < 0)
        {
            errors.Add($"ask.generators.{name}: maxTokens and timeoutSeconds must be positive, temperature ≥ 0.");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new OpenAiGeneratorOptions
        {
            BaseUrl = baseUrl!,
            Model = section.Model!,
            ApiKey = section.ApiKeyEnv is { } variable ? ApiKeySource.FromEnvironment(variable)
                : section.ApiKeyFile is { } file ? ApiKeySource.FromFile(Path.GetFullPath(file, folder))
                : ApiKeySource.None,
            Temperature = section.Temperature ?? 0,
            MaxTokens = section.MaxTokens ?? 512,
            Timeout = TimeSpan.FromSeconds(section.TimeoutSeconds ?? 60),
        };
    }

    private static LocalGeneratorOptions? Local(string name, GeneratorSection section, string folder, List<string> errors)
    {
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(section.ModelDir))
        {
            errors.Add($"ask.generators.{name}.modelDir is required.");
        }

        if (section.BaseUrl is not null || section.Model is not null || section.ApiKeyEnv is not null || section.ApiKeyFile is not null)
        {
            errors.Add($"ask.generators.{name}: baseUrl, model and API keys belong to kind '{OpenAiKind}'.");
        }

        if (section.MaxTokens is < 1 || section.Temperature is < 0 || section.Beams is < 1)
        {
            errors.Add($"ask.generators.{name}: maxTokens and beams must be positive, temperature ≥ 0.");
        }

        if (section.Beams is > 1 && section.Temperature is > 0)
        {
            errors.Add($"ask.generators.{name}: beam search decodes greedily; give beams or a temperature above 0, not both.");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new LocalGeneratorOptions
        {
            ModelDirectory = Path.GetFullPath(section.ModelDir!, folder),
            Adapters = section.Adapters.ToDictionary(a => a.Key, a => Path.GetFullPath(a.Value, folder), StringComparer.OrdinalIgnoreCase),
            MaxNewTokens = section.MaxTokens ?? 256,
            Temperature = section.Temperature ?? 0,
            Beams = section.Beams ?? 1,
        };
    }
}
