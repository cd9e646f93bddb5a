using System.CommandLine;

namespace Gateway.Commands.Sources;

/// <summary>The <c>--source</c> and <c>--use</c> options that sql, sources and schema share.</summary>
internal sealed class SourceOptions
{
    public Option<string[]> Source { get; } = new("--source")
    {
        Description = "A data source, NAME=PROVIDER:CONNECTION_STRING (PROVIDER: sqlite, postgres, mysql, sqlserver); repeatable. Default: the built-in demo database.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Use { get; } = new("--use")
    {
        Description = "Which source to use when several are given (by NAME); 'demo' is always available.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Source);
        command.Options.Add(Use);
    }

    public IReadOnlyList<string> Specs(ParseResult parse) => parse.GetValue(Source) ?? [];
}
