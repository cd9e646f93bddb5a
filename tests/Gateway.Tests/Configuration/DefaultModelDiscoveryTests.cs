using Gateway.Configuration;
using Gateway.Generation;
using Gateway.Testing;

namespace Gateway.Tests.Configuration;

/// <summary>Which pointer model folder answers as generator <c>default</c> when the configuration names no generator.</summary>
public sealed class DefaultModelDiscoveryTests : IDisposable
{
    private readonly TempDirectory _root = new("gateway-default-model-");

    private string Current => Directory.CreateDirectory(Path.Combine(_root.FullName, "cwd")).FullName;

    private string Executable => Directory.CreateDirectory(Path.Combine(_root.FullName, "elsewhere", "bin")).FullName;

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_configured_folder_beats_models_default_in_the_current_directory()
    {
        TinyPointerModel.WriteTo(Path.Combine(Current, "models", "default"), version: "from-cwd");
        TinyPointerModel.WriteTo(Path.Combine(_root.FullName, "mine"), version: "configured");

        using var catalog = await BuildAsync(new AskSection { DefaultModel = Path.Combine(_root.FullName, "mine") });

        Assert.Equal("default", catalog.DefaultName);
        Assert.Equal("default:configured", catalog.Resolve(null)!.ModelId);
    }

    [Fact]
    public async Task A_configured_relative_folder_is_read_from_the_configuration_files_folder()
    {
        TinyPointerModel.WriteTo(Path.Combine(_root.FullName, "conf", "model"), version: "relative");
        var configFile = Path.Combine(Directory.CreateDirectory(Path.Combine(_root.FullName, "conf")).FullName, "gateway.yaml");

        using var catalog = await BuildAsync(new AskSection { DefaultModel = "model" }, configFile);

        Assert.Equal("default:relative", catalog.Resolve(null)!.ModelId);
    }

    [Fact]
    public async Task Without_a_configured_folder_models_default_in_the_current_directory_answers()
    {
        TinyPointerModel.WriteTo(Path.Combine(Current, "models", "default"), version: "from-cwd");

        using var catalog = await BuildAsync(new AskSection());

        Assert.Equal("default:from-cwd", catalog.Resolve(null)!.ModelId);
    }

    [Fact]
    public async Task The_repository_holding_the_executable_is_searched_last()
    {
        var repository = Path.Combine(_root.FullName, "repo");
        TinyPointerModel.WriteTo(Path.Combine(repository, "models", "default"), version: "shipped");
        File.WriteAllText(Path.Combine(repository, "Gateway.sln"), string.Empty);
        var executable = Directory.CreateDirectory(Path.Combine(repository, "src", "Gateway", "bin", "Release")).FullName;

        using var catalog = (await AskConfiguration.BuildAsync(new AskSection(), null, Current, executable)).Generators;

        Assert.Equal("default:shipped", catalog.Resolve(null)!.ModelId);
    }

    [Fact]
    public async Task With_no_model_folder_anywhere_data_questions_keep_the_no_generator_route()
    {
        using var catalog = await BuildAsync(new AskSection());

        Assert.Null(catalog.DefaultName);
        Assert.Null(catalog.Resolve(null));
    }

    [Fact]
    public async Task A_folder_holding_only_training_leftovers_is_not_a_model()
    {
        Directory.CreateDirectory(Path.Combine(Current, "models", "default", "checkpoints"));

        using var catalog = await BuildAsync(new AskSection());

        Assert.Null(catalog.Resolve(null));
    }

    [Fact]
    public async Task A_configured_folder_without_a_model_is_a_configuration_error_naming_it()
    {
        var missing = Path.Combine(_root.FullName, "nowhere");

        var error = await Assert.ThrowsAsync<ConfigurationFileException>(() => BuildAsync(new AskSection { DefaultModel = missing }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_model_none_turns_the_shipped_model_off()
    {
        TinyPointerModel.WriteTo(Path.Combine(Current, "models", "default"));

        using var catalog = await BuildAsync(new AskSection { DefaultModel = "none" });

        Assert.Null(catalog.Resolve(null));
    }

    [Fact]
    public async Task A_configured_generator_is_the_default_and_the_shipped_model_is_not_added()
    {
        TinyPointerModel.WriteTo(Path.Combine(Current, "models", "default"));
        var section = new AskSection
        {
            Generators = new() { ["gpt"] = new GeneratorSection { Kind = "openai", BaseUrl = "http://127.0.0.1:9/v1", Model = "m" } },
        };

        using var catalog = await BuildAsync(section);

        Assert.Equal(["gpt"], catalog.Names);
    }

    private async Task<SqlGeneratorCatalog> BuildAsync(AskSection section, string? configFile = null) =>
        (await AskConfiguration.BuildAsync(section, configFile, Current, Executable)).Generators;
}
