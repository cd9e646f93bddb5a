using System.CommandLine;
using Gateway.Api;
using Gateway.Cli;
using Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Commands.Serve;

/// <summary>
/// <c>gateway serve</c>: the HTTP API, the MCP endpoint, health, metrics and the API reference, on Kestrel. With no
/// arguments it serves the demo database on <c>http://127.0.0.1:8080</c> with anonymous local access. Runs until
/// Ctrl+C or SIGTERM. Exit 2 for bad options or sources, 4 when it cannot listen.
/// </summary>
internal sealed class ServeCommand : IGatewayCommand
{
    private readonly Option<string[]> _urls = new("--urls")
    {
        Description = $"Address(es) to listen on, repeatable or ';'-separated (default {GatewayApiOptions.DefaultUrl}). A non-loopback address turns anonymous access off.",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _anonymous = new("--anonymous")
    {
        Description = "auto (default): requests without a key act as 'local' (reader, analyst, auditor) while every address is loopback; off: a key is always required.",
    };

    private readonly Option<string[]> _sources = new("--source") { Description = "A data source, NAME=PROVIDER:CONNECTION_STRING (repeatable); the built-in 'demo' database is always served." };
    private readonly Option<FileInfo?> _policy = new("--policy") { Description = "Policy file (YAML or JSON); default: the configuration file's policy, else the built-in policy." };
    private readonly Option<int?> _rateLimit = new("--rate-limit") { Description = "Requests per minute per key (per client for anonymous use). Default 120." };
    private readonly Option<long?> _maxBody = new("--max-body") { Description = "Largest request body in bytes; larger is refused with 413. Default 1 MiB." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("serve", "Serve the HTTP API and the MCP endpoint.") { _urls, _anonymous, _sources, _policy, _rateLimit, _maxBody };
        _anonymous.AcceptOnlyFromAmong("auto", "off");
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        ConfiguredDefaults defaults;
        try
        {
            defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigurationFileException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Flags win, then the configuration file's serve section, then the built-in defaults.
        var serve = defaults.Options.Serve;
        IEnumerable<string> givenUrls = parse.GetValue(_urls) is { Length: > 0 } flagUrls ? flagUrls : serve.Urls;
        string[] urls = [.. givenUrls.SelectMany(u => u.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        var anonymous = parse.GetValue(_anonymous) ?? serve.Anonymous ?? "auto";
        var rateLimit = parse.GetValue(_rateLimit) ?? serve.RateLimit ?? 120;
        var maxBody = parse.GetValue(_maxBody) ?? serve.MaxBody ?? 1024 * 1024;
        if (rateLimit < 1 || maxBody < 1 || anonymous is not ("auto" or "off"))
        {
            await error.WriteLineAsync("error: rate limit and max body must be positive, anonymous auto or off.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        Gateway.Ask.AskOptions askOptions;
        Gateway.Generation.SqlGeneratorCatalog generators;
        try
        {
            (askOptions, generators) = await AskConfiguration.BuildAsync(defaults.Options.Ask, environment.ConfigFile, environment.DataDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigurationFileException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var dataDirectory = environment.EnsureDataDirectory();
        var options = new GatewayApiOptions
        {
            DataDirectory = dataDirectory,
            Audit = defaults.Audit(),
            Context = defaults.Options.Context.ToOptions(dataDirectory, environment.ConfigFile),
            Urls = urls.Length > 0 ? urls : [GatewayApiOptions.DefaultUrl],
            Anonymous = anonymous == "off" ? AnonymousMode.Off : AnonymousMode.Auto,
            Sources = defaults.Sources(parse.GetValue(_sources) ?? []),
            PolicyFile = defaults.PolicyFile(parse.GetValue(_policy)),
            RateLimitPermits = rateLimit,
            RateLimitWindow = TimeSpan.FromMinutes(1),
            MaxRequestBodyBytes = maxBody,
            Models = defaults.Models(),
            Upstreams = defaults.Upstreams(),
        };

        WebApplication app;
        try
        {
            app = await GatewayApiHost.BuildAsync(options, builder =>
            {
                // Registered before the gateway's defaults, so they win: the configured generators and ask limits.
                // A factory registration, so the host disposes the catalog (and the models it loaded) when it stops.
                builder.Services.AddSingleton(_ => generators);
                builder.Services.AddSingleton(askOptions with { QueryTimeout = options.QueryTimeout });
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Gateway.Sql.Policy.PolicyException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (GatewayApiConfigurationException ex)
        {
            foreach (var message in ex.Errors)
            {
                await error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // Kestrel reports an address in use or a denied port as an IOException, an https address without a
                // certificate as an InvalidOperationException.
                await error.WriteLineAsync($"error: cannot listen on {string.Join(", ", options.Urls)}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Runtime;
            }

            await output.WriteLineAsync($"gateway listening on {string.Join(", ", GatewayApiHost.BoundAddresses(app))}").ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
